// Live sessions in lesson hours and feedback (issue 31): an attended session earns its JP in the
// year of its start in TIME_ZONE, on My learning, the training record page and the CSV and XLSX;
// feedback once per person on an ended session they attended or a module they hold; anonymous
// summaries unless FEEDBACK_ANONYMOUS=false.
import ExcelJS from "exceljs";
import { parse } from "csv-parse/sync";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetConfig } from "~/config.server";
import { yearHoursOf } from "~/certificates/hours.server";
import { getDb } from "~/db/client.server";
import { certificates, feedback } from "~/db/schema";
import { feedbackSummaries } from "~/feedback/summary.server";
import * as learnRoute from "~/routes/learn._index";
import * as moduleFeedbackRoute from "~/routes/learn.$module.feedback";
import * as hostRoute from "~/routes/host.sessions.$id";
import * as reportRoute from "~/routes/hr.report";
import * as csvRoute from "~/routes/hr.report[.]csv";
import * as xlsxRoute from "~/routes/hr.report[.]xlsx";
import * as sessionFeedbackRoute from "~/routes/sessions_.$id_.feedback";
import * as trainerFeedbackRoute from "~/routes/trainer.feedback";
import { newId } from "~/utils/ids.server";
import { TEST_NOW } from "../setup/clock";
import { createTestUser, makeRequest, routeArgs, run, sessionCookie, unwrap } from "../setup/factories";
import { createLiveSession, registerFor } from "../setup/live-sessions";

type TestUser = Awaited<ReturnType<typeof createTestUser>>;
const TZ = "Asia/Jakarta";
const HOUR = 3600_000;
let hr: TestUser;
let mentor: TestUser;

beforeAll(async () => {
  process.env.TIME_ZONE = TZ;
  resetConfig();
  hr = await createTestUser({ role: "hr" });
  mentor = await createTestUser({ role: "mentor" });
});
afterAll(() => {
  process.env.TIME_ZONE = "UTC";
  delete process.env.FEEDBACK_ANONYMOUS;
  resetConfig();
});

async function certificate(user: TestUser, moduleSlug: string, hours: number, issuedAt: Date) {
  await getDb()
    .insert(certificates)
    .values({
      id: newId(),
      code: `SHF-${newId().slice(0, 8)}`,
      userId: user.id,
      attemptId: null,
      moduleSlug,
      moduleMajorVersion: 1,
      moduleContentHash: "h",
      moduleTitle: moduleSlug,
      holderName: user.displayName,
      staffNumber: user.staffNumber,
      locale: "en",
      score: 100,
      hours,
      issuedAt,
      expiresAt: null,
      revokedAt: null,
    });
}

describe("lesson hours from live sessions", () => {
  it("count an attended session's hours in the year it starts in TIME_ZONE, on My learning, the record page and both downloads", async () => {
    const ana = await createTestUser({ displayName: "Ana Hours", staffNumber: "SH-ANA" });
    // 23:30 on 31 December 2026 in Jakarta: counts in 2026 (ends in 2027).
    const lateDec = await createLiveSession({ hostId: mentor.id, startsAt: new Date("2026-12-31T16:30:00Z"), hours: 3 });
    // Midnight on 1 January 2027 in Jakarta: counts in 2027.
    const newYear = await createLiveSession({ hostId: mentor.id, startsAt: new Date("2026-12-31T17:00:00Z"), hours: 2 });
    const cancelled = await createLiveSession({ hostId: mentor.id, startsAt: new Date("2026-06-01T03:00:00Z"), hours: 5, status: "cancelled" });
    const missed = await createLiveSession({ hostId: mentor.id, startsAt: new Date("2026-06-02T03:00:00Z"), hours: 7 });
    await registerFor(lateDec.id, ana.id, { attendedAt: new Date("2026-12-31T16:35:00Z") });
    await registerFor(newYear.id, ana.id, { attendedAt: new Date("2026-12-31T17:05:00Z") });
    await registerFor(cancelled.id, ana.id, { attendedAt: new Date("2026-06-01T03:05:00Z") });
    await registerFor(missed.id, ana.id);
    await certificate(ana, "retired-module", 4, new Date("2026-05-01T03:00:00Z"));

    expect(await yearHoursOf(getDb(), ana.id, 2026, TZ)).toBe(7);
    expect(await yearHoursOf(getDb(), ana.id, 2027, TZ)).toBe(2);
    // In UTC both sessions start in 2026.
    expect(await yearHoursOf(getDb(), ana.id, 2026, "UTC")).toBe(9);

    // My learning: this year's JP (the test clock's year), the session part named.
    const anaCookie = await sessionCookie(ana.id);
    const learn = unwrap((await run(() => learnRoute.loader(routeArgs(makeRequest("/learn", { cookie: anaCookie })) as never))).value).data as {
      yearHours: { year: number; hours: number; sessionHours: number };
    };
    const year = learn.yearHours.year;
    const expected: Record<number, [number, number]> = { 2026: [7, 3], 2027: [2, 2] };
    expect([learn.yearHours.hours, learn.yearHours.sessionHours]).toEqual(expected[year] ?? [0, 0]);

    const hrCookie = await sessionCookie(hr.id);
    const page = unwrap(
      (await run(() => reportRoute.loader(routeArgs(makeRequest("/hr/report?year=2026&q=SH-ANA", { cookie: hrCookie })) as never))).value,
    ).data as { rows: { staffNumber: string; yearHours: number; sessionHours: number }[] };
    const anaRows = page.rows.filter((r) => r.staffNumber === "SH-ANA");
    expect(anaRows.length).toBeGreaterThan(0);
    expect(anaRows.every((r) => r.yearHours === 7 && r.sessionHours === 3)).toBe(true);

    const csv = (await run(() => csvRoute.loader(routeArgs(makeRequest("/hr/report.csv?year=2026", { cookie: hrCookie })) as never)))
      .value as Response;
    const [header, ...lines] = parse((await csv.text()).replace(/^\uFEFF/, "")) as string[][];
    const total = header!.indexOf("Lesson hours (JP) 2026");
    const fromSessions = header!.indexOf("JP from live sessions 2026");
    expect(total).toBeGreaterThan(0);
    expect(fromSessions).toBe(total + 1);
    const anaLines = lines.filter((l) => l[0] === "SH-ANA");
    expect(anaLines.length).toBeGreaterThan(0);
    for (const l of anaLines) expect([l[total], l[fromSessions]]).toEqual(["7", "3"]);

    const xlsx = (await run(() => xlsxRoute.loader(routeArgs(makeRequest("/hr/report.xlsx?year=2027", { cookie: hrCookie })) as never)))
      .value as Response;
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const sheet = workbook.worksheets[0]!;
    const head = (sheet.getRow(1).values as unknown[]).map(String);
    const totalCol = head.indexOf("Lesson hours (JP) 2027");
    const sessionCol = head.indexOf("JP from live sessions 2027");
    expect(sessionCol).toBe(totalCol + 1);
    const found: unknown[][] = [];
    sheet.eachRow((row, i) => {
      if (i > 1 && row.getCell(1).value === "SH-ANA")
        found.push([row.getCell(totalCol).value, row.getCell(sessionCol).type, row.getCell(sessionCol).value]);
    });
    expect(found.length).toBeGreaterThan(0);
    for (const f of found) expect(f).toEqual([2, ExcelJS.ValueType.Number, 2]);
  });
});

type FeedbackPage = { eligible: boolean; reason: string | null; own: { rating: number; comment: string } | null };

describe("feedback", () => {
  const ended = () => new Date(TEST_NOW.getTime() - 3 * 24 * HOUR);

  async function give(sessionId: string, user: TestUser, form: Record<string, string>) {
    const cookie = await sessionCookie(user.id);
    return unwrap(
      (
        await run(() =>
          sessionFeedbackRoute.action(routeArgs(makeRequest(`/sessions/${sessionId}/feedback`, { cookie, form }), { id: sessionId }) as never),
        )
      ).value,
    ) as { status: number; data: { ok: boolean; errors: Record<string, string> } };
  }

  it("takes one per person on an ended session they attended; a second replaces the first", async () => {
    const session = await createLiveSession({ hostId: mentor.id, startsAt: ended() });
    const upcoming = await createLiveSession({ hostId: mentor.id, startsAt: new Date(TEST_NOW.getTime() + 2 * HOUR) });
    const [came, noShow] = await Promise.all([createTestUser(), createTestUser()]);
    await registerFor(session.id, came.id, { attendedAt: new Date(ended().getTime() + 60_000) });
    await registerFor(session.id, noShow.id);
    await registerFor(upcoming.id, came.id);

    expect(await give(session.id, came, { rating: "4", comment: "Useful examples" })).toMatchObject({ status: 200, data: { ok: true } });
    expect(await give(session.id, came, { rating: "2", comment: "  Too fast  " })).toMatchObject({ status: 200, data: { ok: true } });
    const rows = await getDb()
      .select()
      .from(feedback)
      .where(and(eq(feedback.userId, came.id), eq(feedback.subjectType, "session"), eq(feedback.subjectId, session.id)));
    expect(rows.map((r) => [r.rating, r.comment])).toEqual([[2, "Too fast"]]);

    const page = unwrap(
      (
        await run(async () =>
          sessionFeedbackRoute.loader(
            routeArgs(makeRequest(`/sessions/${session.id}/feedback`, { cookie: await sessionCookie(came.id) }), { id: session.id }) as never,
          ),
        )
      ).value,
    ).data as FeedbackPage;
    expect(page).toMatchObject({ eligible: true, own: { rating: 2, comment: "Too fast" } });

    expect(await give(session.id, noShow, { rating: "5" })).toMatchObject({ status: 403 });
    expect(await give(upcoming.id, came, { rating: "5" })).toMatchObject({ status: 403 });
    expect(await getDb().select().from(feedback).where(eq(feedback.userId, noShow.id))).toEqual([]);

    const bad = await give(session.id, came, { rating: "9", comment: "x".repeat(1001) });
    expect(bad.status).toBe(400);
    expect(bad.data.errors).toEqual({ rating: "validation.rating", comment: "validation.feedbackComment" });
    expect((await give(session.id, came, { comment: "no rating" })).data.errors.rating).toBe("validation.rating");
    // Bad input lost nothing: the saved feedback is the last good one.
    expect((await getDb().select().from(feedback).where(eq(feedback.userId, came.id)))[0]).toMatchObject({ rating: 2, comment: "Too fast" });
  });

  it("on a module, once the learner holds its certificate", async () => {
    const learner = await createTestUser();
    const cookie = await sessionCookie(learner.id);
    const post = async () =>
      unwrap(
        (
          await run(() =>
            moduleFeedbackRoute.action(
              routeArgs(makeRequest("/learn/quick-module/feedback", { cookie, form: { rating: "5", comment: "Clear" } }), {
                module: "quick-module",
              }) as never,
            ),
          )
        ).value,
      );
    expect((await post()).status).toBe(403);
    await certificate(learner, "quick-module", 1, new Date(TEST_NOW.getTime() - HOUR));
    expect(await post()).toMatchObject({ status: 200, data: { ok: true } });
    const summary = (await feedbackSummaries("module", { anonymous: true, subjectIds: ["quick-module"] })).get("quick-module")!;
    expect(summary).toMatchObject({ count: 1, mean: 5, distribution: [0, 0, 0, 0, 1], comments: [{ text: "Clear", rating: 5, author: null }] });
  });

  it("shows hosts and trainers summaries without names, sorted by text, unless FEEDBACK_ANONYMOUS=false", async () => {
    const session = await createLiveSession({ hostId: mentor.id, startsAt: ended() });
    const names = ["Zed Zulu", "Ani Alpha", "Mia Mike"];
    const comments = ["b middle", "c last", "a first"];
    const people = [];
    for (const [i, displayName] of names.entries()) {
      const p = await createTestUser({ displayName });
      people.push(p);
      await registerFor(session.id, p.id, { attendedAt: ended() });
      expect((await give(session.id, p, { rating: String(i + 3), comment: comments[i]! })).status).toBe(200);
    }
    const hostPage = async () =>
      unwrap(
        (
          await run(async () =>
            hostRoute.loader(
              routeArgs(makeRequest(`/host/sessions/${session.id}`, { cookie: await sessionCookie(mentor.id) }), { id: session.id }) as never,
            ),
          )
        ).value,
      ).data as {
        anonymous: boolean;
        feedback: { count: number; mean: number; distribution: number[]; comments: { text: string; author: string | null }[] };
      };

    const anonymous = await hostPage();
    expect(anonymous.anonymous).toBe(true);
    expect(anonymous.feedback).toMatchObject({ count: 3, mean: 4, distribution: [0, 0, 1, 1, 1] });
    expect(anonymous.feedback.comments.map((c) => [c.text, c.author])).toEqual([
      ["a first", null],
      ["b middle", null],
      ["c last", null],
    ]);
    const trainer = await createTestUser({ role: "trainer" });
    const trainerPage = unwrap(
      (
        await run(async () =>
          trainerFeedbackRoute.loader(routeArgs(makeRequest("/trainer/feedback", { cookie: await sessionCookie(trainer.id) })) as never),
        )
      ).value,
    ).data as { sessions: { id: string; summary: { comments: { author: string | null }[] } }[] };
    const mine = trainerPage.sessions.find((s) => s.id === session.id)!;
    expect(mine.summary.comments.every((c) => c.author === null)).toBe(true);
    expect(JSON.stringify(trainerPage)).not.toContain("Zed Zulu");

    process.env.FEEDBACK_ANONYMOUS = "false";
    resetConfig();
    try {
      const named = await hostPage();
      expect(named.anonymous).toBe(false);
      expect(named.feedback.comments.map((c) => [c.author, c.text])).toEqual([
        ["Ani Alpha", "c last"],
        ["Mia Mike", "a first"],
        ["Zed Zulu", "b middle"],
      ]);
    } finally {
      delete process.env.FEEDBACK_ANONYMOUS;
      resetConfig();
    }
  });
});
