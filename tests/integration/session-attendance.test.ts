// Live-session attendance (issue 31): checking in with the host's code only inside the window
// (15 minutes before the start to the end), only with a place, once, with the wrong-code limit;
// the host pages under the mentor scope; the host's corrections, audited.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db/client.server";
import { auditEvents, liveSessionRegistrations } from "~/db/schema";
import { navItemsFor } from "~/components/nav";
import * as checkInRoute from "~/routes/sessions_.$id_.check-in";
import * as hostListRoute from "~/routes/host.sessions._index";
import * as hostRoute from "~/routes/host.sessions.$id";
import * as reviewRoute from "~/routes/review._index";
import * as trainerFeedbackRoute from "~/routes/trainer.feedback";
import { CHECK_IN_LIMITS, CHECK_IN_OPENS_BEFORE_MS, checkIn, codesMatch, sessionForCheckIn } from "~/sessions/attendance.server";
import { pinClock, TEST_NOW } from "../setup/clock";
import { createTestUser, makeRequest, routeArgs, run, sessionCookie, unwrap } from "../setup/factories";
import { createLiveSession, registerFor } from "../setup/live-sessions";

type TestUser = Awaited<ReturnType<typeof createTestUser>>;
const MIN = 60_000;
// A session starting a day after the test clock, so every instant below is chosen, not "now".
const START = new Date(TEST_NOW.getTime() + 24 * 3600_000);
const END = new Date(START.getTime() + 2 * 3600_000);

let mentor: TestUser;
let otherMentor: TestUser;
let trainer: TestUser;

beforeAll(async () => {
  mentor = await createTestUser({ role: "mentor", displayName: "Mira Mentor" });
  otherMentor = await createTestUser({ role: "mentor", displayName: "Oka Other" });
  trainer = await createTestUser({ role: "trainer" });
});
afterAll(() => pinClock());

async function attended(sessionId: string, userId: string) {
  const [row] = await getDb()
    .select()
    .from(liveSessionRegistrations)
    .where(and(eq(liveSessionRegistrations.sessionId, sessionId), eq(liveSessionRegistrations.userId, userId)));
  return row ?? null;
}

async function postCheckIn(sessionId: string, cookie: string, code: string) {
  return unwrap(
    (
      await run(() =>
        checkInRoute.action(routeArgs(makeRequest(`/sessions/${sessionId}/check-in`, { cookie, form: { code } }), { id: sessionId }) as never),
      )
    ).value,
  ) as { status: number; data: { ok: boolean; message: string | null; errors: Record<string, string> } };
}

describe("the attendance code", () => {
  it("matches in any case, with or without spaces and dashes, and nothing else", () => {
    expect(codesMatch("k7p2qx", "K7P-2QX")).toBe(true);
    expect(codesMatch(" K7P 2QX ", "K7P-2QX")).toBe(true);
    expect(codesMatch("K7P–2QX", "K7P-2QX")).toBe(true);
    expect(codesMatch("K7P-2QY", "K7P-2QX")).toBe(false);
    expect(codesMatch("K7P-2Q", "K7P-2QX")).toBe(false);
    expect(codesMatch("", "K7P-2QX")).toBe(false);
  });
});

describe("checking in", () => {
  it("is accepted from 15 minutes before the start to the end, both included, and nowhere else", async () => {
    const session = await createLiveSession({ hostId: mentor.id, startsAt: START, endsAt: END });
    const s = (await sessionForCheckIn(session.id))!;
    const opens = new Date(START.getTime() - CHECK_IN_OPENS_BEFORE_MS);
    expect(CHECK_IN_OPENS_BEFORE_MS).toBe(15 * MIN);
    const people = await Promise.all([1, 2, 3, 4].map(() => createTestUser()));
    for (const p of people) await registerFor(session.id, p.id);

    const before = await checkIn(people[0]!, s, "K7P-2QX", new Date(opens.getTime() - 1));
    expect(before).toEqual({ ok: false, reason: "not-open", opensAt: opens });
    expect((await attended(session.id, people[0]!.id))!.attendedAt).toBeNull();

    expect(await checkIn(people[0]!, s, "k7p 2qx", opens)).toMatchObject({ ok: true, status: "recorded" });
    expect(await checkIn(people[1]!, s, "K7P2QX", END)).toMatchObject({ ok: true, status: "recorded" });
    expect(await checkIn(people[2]!, s, "K7P2QX", new Date(END.getTime() + 1))).toEqual({ ok: false, reason: "ended", closedAt: END });

    const first = (await attended(session.id, people[0]!.id))!;
    expect(first.attendedAt).toEqual(opens);
    expect(first.attendanceSource).toBe("code");
    expect((await attended(session.id, people[1]!.id))!.attendedAt).toEqual(END);
    expect((await attended(session.id, people[2]!.id))!.attendedAt).toBeNull();
  });

  it("says when check-in opens, through the page, and records nothing on a GET", async () => {
    const session = await createLiveSession({ hostId: mentor.id, startsAt: START, endsAt: END });
    const ana = await createTestUser({ locale: "id" });
    await registerFor(session.id, ana.id);
    const cookie = await sessionCookie(ana.id);
    pinClock(new Date(START.getTime() - 20 * MIN));
    const early = await postCheckIn(session.id, cookie, "K7P-2QX");
    expect(early.status).toBe(400);
    expect(early.data.message).toMatch(/^Presensi belum dibuka\. Presensi dibuka pukul .*15 menit sebelum sesi dimulai\.$/);

    pinClock(new Date(START.getTime() - 5 * MIN));
    const page = unwrap(
      (
        await run(() =>
          checkInRoute.loader(routeArgs(makeRequest(`/sessions/${session.id}/check-in?code=K7P-2QX`, { cookie }), { id: session.id }) as never),
        )
      ).value,
    );
    expect(page.data).toMatchObject({ state: "open", code: "K7P-2QX", registered: true, attendedAt: null });
    expect((await attended(session.id, ana.id))!.attendedAt).toBeNull();

    const ok = await postCheckIn(session.id, cookie, "k7p-2qx");
    expect(ok.status).toBe(200);
    expect(ok.data.message).toContain("Kehadiran Anda sudah tercatat");
    const again = await postCheckIn(session.id, cookie, "K7P-2QX");
    expect(again.data).toMatchObject({ ok: true });
    expect(again.data.message).toContain("sudah tercatat pada");
    const row = (await attended(session.id, ana.id))!;
    expect(row.attendedAt).not.toBeNull();
    // The second check-in changed nothing.
    const again2 = await postCheckIn(session.id, cookie, "K7P-2QX");
    expect(again2.status).toBe(200);
    expect((await attended(session.id, ana.id))!.attendedAt).toEqual(row.attendedAt);

    const empty = await postCheckIn(session.id, cookie, "  ");
    expect(empty.status).toBe(400);
    expect(empty.data.errors.code).toBe("validation.attendanceCode");
    pinClock();
  });

  it("refuses the waitlisted, the cancelled and people with no registration", async () => {
    const session = await createLiveSession({ hostId: mentor.id, startsAt: START, endsAt: END });
    const s = (await sessionForCheckIn(session.id))!;
    const [waiting, cancelled, walkIn] = await Promise.all([createTestUser(), createTestUser(), createTestUser()]);
    await registerFor(session.id, waiting.id, { status: "waitlisted" });
    await registerFor(session.id, cancelled.id, { status: "cancelled" });
    expect(await checkIn(waiting, s, "K7P-2QX", START)).toEqual({ ok: false, reason: "not-registered", waitlisted: true });
    expect(await checkIn(cancelled, s, "K7P-2QX", START)).toEqual({ ok: false, reason: "not-registered", waitlisted: false });
    expect(await checkIn(walkIn, s, "K7P-2QX", START)).toEqual({ ok: false, reason: "not-registered", waitlisted: false });
    expect((await attended(session.id, waiting.id))!.attendedAt).toBeNull();
    expect(await attended(session.id, walkIn.id)).toBeNull();
  });

  it("limits wrong codes per person (5 in 10 minutes), refusing even the right code meanwhile", async () => {
    const session = await createLiveSession({ hostId: mentor.id, startsAt: START, endsAt: END });
    const s = (await sessionForCheckIn(session.id))!;
    const guesser = await createTestUser();
    await registerFor(session.id, guesser.id);
    const at = (minutes: number) => new Date(START.getTime() + minutes * MIN);
    const left: number[] = [];
    for (let i = 0; i < CHECK_IN_LIMITS.perUser; i++) {
      const r = await checkIn(guesser, s, `AAA-00${i}`, at(i));
      expect(r.ok).toBe(false);
      if (!r.ok && r.reason === "wrong-code") left.push(r.triesLeft);
    }
    expect(left).toEqual([4, 3, 2, 1, 0]);
    const blocked = await checkIn(guesser, s, "K7P-2QX", at(6));
    expect(blocked).toEqual({ ok: false, reason: "too-many", retryAt: at(10) });
    expect((await attended(session.id, guesser.id))!.attendedAt).toBeNull();
    // The window counts from the first wrong code: ten minutes later the right code goes through.
    expect(await checkIn(guesser, s, "K7P-2QX", at(10))).toMatchObject({ ok: true, status: "recorded" });
  });

  it("answers 429 in the person's language over the limit", async () => {
    const session = await createLiveSession({ hostId: mentor.id, startsAt: START, endsAt: END });
    const budi = await createTestUser({ locale: "en" });
    await registerFor(session.id, budi.id);
    pinClock(new Date(START.getTime() + 10 * MIN));
    // Signed in a day after the test clock's start: a session idle for 24 hours would have ended.
    const cookie = await sessionCookie(budi.id);
    const statuses: number[] = [];
    for (let i = 0; i < CHECK_IN_LIMITS.perUser; i++) statuses.push((await postCheckIn(session.id, cookie, "WRONG1")).status);
    const over = await postCheckIn(session.id, cookie, "K7P-2QX");
    expect(statuses).toEqual([400, 400, 400, 400, 400]);
    expect(over.status).toBe(429);
    expect(over.data.message).toMatch(/^Too many wrong codes\. You can try again at /);
    pinClock();
  });

  it("404s a cancelled or unknown session", async () => {
    const session = await createLiveSession({ hostId: mentor.id, startsAt: START, endsAt: END, status: "cancelled" });
    const user = await createTestUser();
    const cookie = await sessionCookie(user.id);
    expect((await postCheckIn(session.id, cookie, "K7P-2QX")).status).toBe(404);
    expect((await postCheckIn("no-such-session", cookie, "K7P-2QX")).status).toBe(404);
  });
});

describe("the host pages", () => {
  it("show a mentor only the sessions it hosts, and 404 any other", async () => {
    const mine = await createLiveSession({ hostId: mentor.id, startsAt: START, endsAt: END, titleEn: "Mine" });
    const theirs = await createLiveSession({ hostId: otherMentor.id, startsAt: START, endsAt: END, titleEn: "Theirs" });
    const cookie = await sessionCookie(mentor.id);
    const list = unwrap((await run(() => hostListRoute.loader(routeArgs(makeRequest("/host/sessions", { cookie })) as never))).value).data as {
      upcoming: { id: string }[];
      past: { id: string }[];
    };
    const ids = [...list.upcoming, ...list.past].map((r) => r.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(theirs.id);

    const get = (id: string, c: string) =>
      run(() => hostRoute.loader(routeArgs(makeRequest(`/host/sessions/${id}`, { cookie: c }), { id }) as never));
    expect(unwrap((await get(theirs.id, cookie)).value).status).toBe(404);
    const post = await run(() =>
      hostRoute.action(
        routeArgs(makeRequest(`/host/sessions/${theirs.id}`, { cookie, form: { userId: mentor.id, attended: "yes" } }), { id: theirs.id }) as never,
      ),
    );
    expect(unwrap(post.value).status).toBe(404);
    expect(unwrap((await get(mine.id, cookie)).value).status).toBe(200);

    // A trainer sees every session.
    const trainerCookie = await sessionCookie(trainer.id);
    expect(unwrap((await get(theirs.id, trainerCookie)).value).status).toBe(200);

    // Nothing else: the trainers' feedback page is closed to a mentor; its nav holds review and hosting only.
    expect(
      unwrap((await run(() => trainerFeedbackRoute.loader(routeArgs(makeRequest("/trainer/feedback", { cookie })) as never))).value).status,
    ).toBe(403);
    expect(unwrap((await run(() => reviewRoute.loader(routeArgs(makeRequest("/review", { cookie })) as never))).value).status).toBe(200);
    expect(navItemsFor("mentor").map((i) => i.to)).toEqual(["/review", "/host/sessions"]);
  });

  it("shows the code and an accessible QR code only while the window is open, and registrants by name only", async () => {
    const session = await createLiveSession({ hostId: mentor.id, startsAt: START, endsAt: END, attendanceCode: "Q4M-7RT" });
    const ana = await createTestUser({ displayName: "Ana Attendee", email: "ana.attendee@test.library" });
    await registerFor(session.id, ana.id);
    const cookie = await sessionCookie(mentor.id);
    const load = async () =>
      unwrap(
        (await run(() => hostRoute.loader(routeArgs(makeRequest(`/host/sessions/${session.id}`, { cookie }), { id: session.id }) as never))).value,
      ).data as { code: string | null; qr: string | null; checkInUrl: string | null; state: string; registrants: Record<string, unknown>[] };
    pinClock(new Date(START.getTime() - 16 * MIN));
    const early = await load();
    expect(early).toMatchObject({ state: "before", code: null, qr: null });
    pinClock(new Date(START.getTime() - 14 * MIN));
    const open = await load();
    expect(open.code).toBe("Q4M-7RT");
    expect(open.checkInUrl).toMatch(new RegExp(`/sessions/${session.id}/check-in\\?code=Q4M-7RT$`));
    expect(open.qr).toMatch(/^<svg role="img" aria-label="QR code that opens the check-in page with the code Q4M-7RT"/);
    expect(open.registrants).toEqual([{ userId: ana.id, name: "Ana Attendee", status: "registered", attendedAt: null, source: null }]);
    expect(JSON.stringify(open)).not.toContain("ana.attendee@");
    pinClock();
  });

  it("records each correction in the audit log with who, when, before and after", async () => {
    const session = await createLiveSession({ hostId: mentor.id, startsAt: START, endsAt: END });
    const [came, missed] = await Promise.all([createTestUser(), createTestUser()]);
    await registerFor(session.id, came.id);
    await registerFor(session.id, missed.id, { attendedAt: new Date(START.getTime() + MIN) });
    const cookie = await sessionCookie(mentor.id);
    const correct = (userId: string, yes: boolean, c = cookie) =>
      run(() =>
        hostRoute.action(
          routeArgs(makeRequest(`/host/sessions/${session.id}`, { cookie: c, form: { userId, attended: yes ? "yes" : "no" } }), {
            id: session.id,
          }) as never,
        ),
      );
    pinClock(new Date(START.getTime() - 30 * MIN));
    expect(unwrap((await correct(came.id, true)).value).status).toBe(400);

    const after = new Date(END.getTime() + 3 * 3600_000);
    pinClock(after);
    const laterCookie = await sessionCookie(mentor.id);
    expect(unwrap((await correct(came.id, true, laterCookie)).value)).toMatchObject({ status: 200, data: { ok: true } });
    expect(unwrap((await correct(missed.id, false, laterCookie)).value)).toMatchObject({ status: 200, data: { ok: true } });
    // Not a registrant: refused, nothing written.
    const stranger = await createTestUser();
    expect(unwrap((await correct(stranger.id, true, laterCookie)).value).status).toBe(400);
    pinClock();

    const cameRow = (await attended(session.id, came.id))!;
    expect(cameRow.attendanceSource).toBe("host");
    expect(cameRow.attendedAt!.getTime()).toBeGreaterThanOrEqual(after.getTime());
    expect((await attended(session.id, missed.id))!.attendedAt).toBeNull();

    const events = await getDb().select().from(auditEvents).where(eq(auditEvents.action, "session.attendance_correct"));
    const mineEvents = events.filter((e) => (e.details as { sessionId?: string }).sessionId === session.id);
    expect(mineEvents).toHaveLength(2);
    const forCame = mineEvents.find((e) => e.subjectId === came.id)!;
    expect(forCame.actorId).toBe(mentor.id);
    expect(forCame.subjectType).toBe("user");
    expect(forCame.createdAt.getTime()).toBeGreaterThanOrEqual(after.getTime());
    expect(forCame.details).toMatchObject({ attended: { from: false, to: true }, attendedAt: { from: null } });
    const forMissed = mineEvents.find((e) => e.subjectId === missed.id)!;
    expect(forMissed.details).toMatchObject({
      attended: { from: true, to: false },
      attendedAt: { from: new Date(START.getTime() + MIN).toISOString(), to: null },
    });
  });

  it("lets the host add a walk-in by exact email or staff number, audited, and nobody it cannot name", async () => {
    const session = await createLiveSession({ hostId: mentor.id, startsAt: START, endsAt: END });
    const walkIn = await createTestUser({ displayName: "Wawan Walk-in", staffNumber: "WALK-1" });
    const changedMind = await createTestUser({ displayName: "Citra Cancelled" });
    await registerFor(session.id, changedMind.id, { status: "cancelled" });
    pinClock(new Date(END.getTime() + 30 * MIN));
    const cookie = await sessionCookie(mentor.id);
    const add = async (person: string) =>
      unwrap(
        (
          await run(() =>
            hostRoute.action(
              routeArgs(makeRequest(`/host/sessions/${session.id}`, { cookie, form: { intent: "add", person } }), { id: session.id }) as never,
            ),
          )
        ).value,
      ) as { status: number; data: { ok: boolean; errors: Record<string, string>; vars?: Record<string, string> } };
    try {
      expect(await add(" WALK-1 ")).toMatchObject({ status: 200, data: { ok: true, vars: { name: "Wawan Walk-in" } } });
      expect(await add(changedMind.email.toUpperCase())).toMatchObject({ status: 200, data: { ok: true } });
      expect((await add("nobody@test.library")).data.errors).toEqual({ person: "validation.unknownPerson" });
      // Another mentor is not staff: it cannot be added, and the answer is the same as for nobody.
      expect((await add(otherMentor.email)).data.errors).toEqual({ person: "validation.unknownPerson" });
      expect((await add("")).data.errors).toEqual({ person: "validation.required" });
    } finally {
      pinClock();
    }
    expect(await attended(session.id, walkIn.id)).toMatchObject({ status: "registered", attendanceSource: "host" });
    expect((await attended(session.id, walkIn.id))!.attendedAt).not.toBeNull();
    expect(await attended(session.id, changedMind.id)).toMatchObject({ status: "registered", attendanceSource: "host", cancelledAt: null });
    expect(await attended(session.id, otherMentor.id)).toBeNull();
    const events = (await getDb().select().from(auditEvents).where(eq(auditEvents.action, "session.attendance_correct"))).filter(
      (e) => (e.details as { sessionId?: string }).sessionId === session.id,
    );
    expect(events.map((e) => [e.subjectId, (e.details as { walkIn?: boolean }).walkIn, e.actorId]).sort()).toEqual(
      [
        [walkIn.id, true, mentor.id],
        [changedMind.id, true, mentor.id],
      ].sort(),
    );
  });
});
