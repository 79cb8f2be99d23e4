// The live-session pages as the browser uses them (forms without JavaScript): a trainer's bad
// form gets its errors per field and keeps what was typed, odd input never answers 500, a
// person registers and sees their place on the waitlist, the trainer sees the queue in order.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "~/db/client.server";
import { liveSessions } from "~/db/schema";
import { catalogs } from "~/i18n";
import * as sessionRoute from "~/routes/sessions.$id";
import * as sessionsRoute from "~/routes/sessions._index";
import * as trainerSessionRoute from "~/routes/trainer.sessions.$id";
import * as trainerListRoute from "~/routes/trainer.sessions._index";
import * as newRoute from "~/routes/trainer.sessions.new";
import { clockNow } from "~/utils/clock.server";
import { localDayAndTime } from "~/utils/dates";
import { createTestUser, makeRequest, routeArgs, run, sessionCookie, unwrap } from "../setup/factories";

// A week from the test clock, so "in the future" holds at every instant the suite runs at.
const day = localDayAndTime(new Date(clockNow().getTime() + 7 * 86_400_000), "UTC").day;

function formOf(hostId: string, over: Record<string, string | string[]> = {}) {
  return {
    titleEn: "Canva for posters",
    titleId: "Canva untuk poster",
    descriptionEn: "",
    descriptionId: "",
    hostId,
    day,
    startTime: "09:00",
    endTime: "11:00",
    place: "Hall 2",
    meetingUrl: "",
    capacity: "1",
    hours: "2",
    modules: ["quick-module"],
    ...over,
  };
}

function post(path: string, cookie: string, form: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  return new Request(`http://academy.test${path}`, {
    method: "POST",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded", origin: "http://academy.test" },
    body,
  });
}

describe("scheduling and registering through the pages", () => {
  it("refuses a bad form field by field, keeps the input, and never answers 500", async () => {
    const trainer = await createTestUser({ role: "trainer", locale: "id" });
    const mentor = await createTestUser({ role: "mentor" });
    const cookie = await sessionCookie(trainer.id);
    const bad = formOf(mentor.id, { startTime: "11:00", endTime: "10:00", meetingUrl: "http://insecure.example", capacity: "-3" });
    const answer = unwrap(await newRoute.action(routeArgs(post("/trainer/sessions/new", cookie, bad)) as never));
    expect(answer.status).toBe(400);
    const body = answer.data as { errors: Record<string, string>; values: Record<string, unknown> };
    expect(body.errors).toEqual({
      endTime: "validation.sessionEndBeforeStart",
      meetingUrl: "validation.httpsUrl",
      capacity: "validation.sessionCapacity",
    });
    expect(body.values).toMatchObject({ titleId: "Canva untuk poster", meetingUrl: "http://insecure.example", modules: ["quick-module"] });
    expect(catalogs.id["validation.sessionEndBeforeStart"]).toBe("Waktu selesai harus setelah waktu mulai.");
    // The host and modules are checked on the server, with the same per-field answer.
    const staff = await createTestUser();
    const notHost = unwrap(await newRoute.action(routeArgs(post("/trainer/sessions/new", cookie, formOf(staff.id))) as never));
    expect((notHost.data as { errors: unknown }).errors).toEqual({ hostId: "validation.sessionHost" });
    const odds: Record<string, string | string[]>[] = [
      { modules: ["x\u0000"] },
      { day: "2026-02-30" },
      { hours: "NaN" },
      { titleEn: "a\u2028b" },
      { hostId: "" },
    ];
    for (const odd of odds) {
      const { value } = await run(() => newRoute.action(routeArgs(post("/trainer/sessions/new", cookie, formOf(mentor.id, odd))) as never));
      expect(unwrap(value).status, JSON.stringify(odd)).toBe(400);
    }
    expect(await getDb().$count(liveSessions)).toBe(0);
  });

  it("schedules, registers one, waitlists the next, and shows the trainer the queue", async () => {
    const trainer = await createTestUser({ role: "trainer" });
    const mentor = await createTestUser({ role: "mentor", displayName: "Rina Kominfo" });
    const trainerCookie = await sessionCookie(trainer.id);
    const created = unwrap(
      await run(() => newRoute.action(routeArgs(post("/trainer/sessions/new", trainerCookie, formOf(mentor.id))) as never)).then((r) => r.value),
    );
    expect(created.status).toBe(302);
    const id = created.headers.get("location")!.match(/^\/trainer\/sessions\/([^?]+)\?created=1$/)![1]!;

    const [a, b] = [await createTestUser(), await createTestUser({ locale: "id" })];
    const cookieA = await sessionCookie(a.id);
    const cookieB = await sessionCookie(b.id);
    const list = unwrap(await sessionsRoute.loader(routeArgs(makeRequest("/sessions", { cookie: cookieA })) as never)).data as {
      all: { id: string; title: string }[];
    };
    expect(list.all.map((s) => s.id)).toContain(id);

    const regA = unwrap(await sessionRoute.action(routeArgs(post(`/sessions/${id}`, cookieA, { intent: "register" }), { id }) as never));
    expect(regA.data).toEqual({ notice: "You are registered. The invitation is on its way to your email.", tone: "success" });
    const regB = unwrap(await sessionRoute.action(routeArgs(post(`/sessions/${id}`, cookieB, { intent: "register" }), { id }) as never));
    expect(regB.data).toEqual({ notice: "Sesi sudah penuh: Anda masuk daftar tunggu, nomor 1.", tone: "success" });
    const pageB = unwrap(await sessionRoute.loader(routeArgs(makeRequest(`/sessions/${id}`, { cookie: cookieB }), { id }) as never)).data as {
      session: { mine: string; position: number; state: string; title: string };
    };
    expect(pageB.session).toMatchObject({ mine: "waitlisted", position: 1, state: "open", title: "Canva untuk poster" });

    const trainerPage = unwrap(
      await trainerSessionRoute.loader(routeArgs(makeRequest(`/trainer/sessions/${id}`, { cookie: trainerCookie }), { id }) as never),
    ).data as { registrants: { userId: string }[]; waitlist: { userId: string }[]; values: { startTime: string; hostId: string } };
    expect(trainerPage.registrants.map((r) => r.userId)).toEqual([a.id]);
    expect(trainerPage.waitlist.map((r) => r.userId)).toEqual([b.id]);
    expect(trainerPage.values).toMatchObject({ startTime: "09:00", hostId: mentor.id });
    const counts = unwrap(await trainerListRoute.loader(routeArgs(makeRequest("/trainer/sessions", { cookie: trainerCookie })) as never)).data as {
      upcoming: { id: string; registered: number; waitlisted: number; capacity: number }[];
    };
    expect(counts.upcoming.find((s) => s.id === id)).toMatchObject({ registered: 1, waitlisted: 1, capacity: 1 });

    // A cancels through the page: B has the place.
    unwrap(await sessionRoute.action(routeArgs(post(`/sessions/${id}`, cookieA, { intent: "cancel" }), { id }) as never));
    const after = unwrap(await sessionRoute.loader(routeArgs(makeRequest(`/sessions/${id}`, { cookie: cookieB }), { id }) as never)).data as {
      session: { mine: string };
    };
    expect(after.session.mine).toBe("registered");

    // The trainer cancels the session: the page says so and registering is refused.
    const cancelled = unwrap(
      await trainerSessionRoute.action(routeArgs(post(`/trainer/sessions/${id}`, trainerCookie, { intent: "cancel" }), { id }) as never),
    );
    expect((cancelled.data as { notice: string }).notice).toBe("The session is cancelled and everyone was told.");
    const refused = unwrap(await sessionRoute.action(routeArgs(post(`/sessions/${id}`, cookieA, { intent: "register" }), { id }) as never));
    expect(refused.status).toBe(409);
    const [row] = await getDb().select().from(liveSessions).where(eq(liveSessions.id, id));
    expect(row!.status).toBe("cancelled");
  });
});
