// The daily scheduler, driven day by day with explicit times: the right reminders to the right
// people in their language, nothing twice, at most four overdue reminders, digests for HR and
// unit leads, preferences and one-click unsubscribe respected.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getContent } from "~/content/registry.server";
import { getDb } from "~/db/client.server";
import { notifications, outboxMessages, orgUnitLeads } from "~/db/schema";
import { getOwnAttempt, startAttempt, submitAttempt } from "~/learning/quiz.server";
import { runScheduler } from "~/notifications/scheduler.server";
import { savePreferences } from "~/notifications/preferences.server";
import { createMailer, drainOutbox, type Mailer } from "~/outbox/worker.server";
import { createAssignment, removeAssignment } from "~/people/assignments.server";
import * as unsubscribeRoute from "~/routes/unsubscribe.$token";
import { answerForm, completeAllLessons, moduleBySlug } from "../setup/learning";
import { createOrgUnit, createTestUser, makeRequest, routeArgs, unwrap } from "../setup/factories";
import { startMailbox, type TestMailbox } from "../setup/smtp";

const DAY = 86_400_000;
// A Monday, 08:00 UTC; the tests run with TIME_ZONE=UTC and the default REMINDER_HOUR 7.
const T0 = new Date("2030-01-07T08:00:00Z");
const at = (days: number) => new Date(T0.getTime() + days * DAY);
const dayStr = (days: number) => at(days).toISOString().slice(0, 10);

let mailbox: TestMailbox;
let mailer: Mailer;
type U = Awaited<ReturnType<typeof createTestUser>>;
let hr: U, lead: U, soon: U, tomorrow: U, late: U, done: U, quiet: U;
let soonAssignment = "";

async function day(days: number) {
  const run = await runScheduler(at(days));
  await drainOutbox(mailer, at(days));
  return run;
}

beforeAll(async () => {
  mailbox = await startMailbox();
  mailer = createMailer(mailbox.url);
  const unit = await createOrgUnit("Reminder Branch");
  const other = await createOrgUnit("Other Branch");
  hr = await createTestUser({ role: "hr", locale: "en", orgUnitId: other.id });
  lead = await createTestUser({ role: "staff", locale: "id", orgUnitId: other.id, displayName: "Lead Person" });
  soon = await createTestUser({ locale: "en", orgUnitId: unit.id, displayName: "Soon Person" });
  tomorrow = await createTestUser({ locale: "id", orgUnitId: unit.id, displayName: "Tomorrow Person" });
  late = await createTestUser({ locale: "en", orgUnitId: unit.id, displayName: "Late Person" });
  done = await createTestUser({ locale: "en", orgUnitId: unit.id, displayName: "Done Person" });
  quiet = await createTestUser({ locale: "en", orgUnitId: unit.id, displayName: "Quiet Person" });
  await getDb().insert(orgUnitLeads).values({ orgUnitId: unit.id, userId: lead.id, createdAt: T0 });
  await savePreferences(quiet.id, { reminders: false, digests: true }, T0);

  // "done" passed the module almost a year ago: no due reminders, but the certificate (12
  // months) expires in 5 days.
  const mod = await moduleBySlug("quick-module");
  await completeAllLessons(done.id, mod, at(-360));
  const started = await startAttempt(done, mod, at(-360));
  if (!started.ok) throw new Error("no attempt");
  const attempt = (await getOwnAttempt(done, started.attemptId, mod.slug))!;
  await submitAttempt(done, mod, attempt, answerForm(mod, attempt), "en", at(-360));

  const state = await getContent();
  const assign = async (person: U, due: string) => {
    const r = await createAssignment(
      hr,
      { moduleSlug: "quick-module", targetType: "user", person: person.email, orgUnitId: "", role: "staff", dueDate: due } as never,
      state,
      "2000-01-01",
      at(-30),
    );
    if (!r.ok) throw new Error(r.message);
    return r.id;
  };
  soonAssignment = await assign(soon, dayStr(7));
  await assign(tomorrow, dayStr(1));
  await assign(late, dayStr(-1));
  await assign(done, dayStr(-1));
  await assign(quiet, dayStr(7));
  // The assignment and certificate messages are not what these tests are about.
  await drainOutbox(mailer, at(-1));
  mailbox.clear();
});

afterAll(async () => {
  mailer.transport.close();
  await mailbox.stop();
});

const subjects = (u: U) => mailbox.to(u.email).map((m) => m.subject);

describe("the daily reminder run", () => {
  it("does nothing before the configured hour", async () => {
    const run = await runScheduler(new Date("2030-01-07T05:00:00Z"));
    expect(run.ran).toBe(false);
    expect(await getDb().select().from(outboxMessages).where(eq(outboxMessages.status, "pending"))).toHaveLength(0);
  });

  it("sends each person the reminders today calls for, in their language", async () => {
    await day(0);
    expect(subjects(soon)).toEqual(["Reminder: Quick module is due on 14 Jan 2030"]);
    expect(subjects(tomorrow)).toEqual(["Batas waktu besok: Modul singkat"]);
    expect(subjects(late)).toEqual(["Overdue: Quick module"]);
    // Passed: no due reminder, but the certificate is about to expire.
    expect(subjects(done)).toEqual([expect.stringMatching(/^Your certificate for Quick module expires on 1[12] Jan 2030$/)]);
    // Reminders turned off: no email, the in-app notice still shows.
    expect(subjects(quiet)).toEqual([]);
    expect((await getDb().select().from(notifications).where(eq(notifications.userId, quiet.id))).map((n) => n.kind)).toContain("due_7d");
  });

  it("sends HR the organisation's digest and the unit lead the unit's, listing who is overdue", async () => {
    const [hrDigest] = mailbox.to(hr.email);
    expect(hrDigest!.subject).toMatch(/^Weekly overdue training: \d+ overdue$/);
    expect(hrDigest!.text).toContain("Late Person (Reminder Branch): Quick module, due 6 Jan 2030");
    expect(hrDigest!.text).not.toContain("Done Person");
    const [leadDigest] = mailbox.to(lead.email);
    expect(leadDigest!.subject).toBe("Pelatihan terlambat minggu ini di Reminder Branch: 1 terlambat");
    expect(leadDigest!.text).toContain("Late Person");
  });

  it("optional messages carry one-click unsubscribe headers that work without a session", async () => {
    const [mail] = mailbox.to(soon.email);
    const header = (name: string) => mail!.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, "");
    expect(header("list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    const listUrl = header("list-unsubscribe")!.match(/<(http[^>]+)>/)![1]!;
    expect(listUrl).toMatch(/^http:\/\/academy\.test\/unsubscribe\/[\w-]+\?c=reminders$/);
    const url = new URL(listUrl);
    const token = url.pathname.split("/").pop()!;
    const request = new Request(listUrl, { method: "POST", body: new URLSearchParams({ "List-Unsubscribe": "One-Click" }) });
    const answer = unwrap(await unsubscribeRoute.action(routeArgs(request, { token }) as never));
    expect(answer.data).toMatchObject({ done: true, email: soon.email });
    // Turned back on for the rest of these tests.
    await savePreferences(soon.id, { reminders: true, digests: true });
    const bad = unwrap(
      await unsubscribeRoute.action(routeArgs(makeRequest("/unsubscribe/nope?c=reminders", { form: {} }), { token: "nope" }) as never),
    );
    expect(bad.status).toBe(404);
  });

  it("a second run, or the next day's, sends nothing new", async () => {
    const before = mailbox.messages.length;
    expect((await day(0)).sent).toBe(0);
    expect((await day(1)).sent).toBe(0);
    expect(mailbox.messages.length).toBe(before);
  });

  it("overdue reminders repeat weekly, at most four times; a withdrawn assignment stops its reminders", async () => {
    await removeAssignment(hr, soonAssignment, at(2));
    for (let d = 2; d <= 40; d++) await day(d);
    expect(subjects(late).filter((s) => (s ?? "").startsWith("Overdue"))).toHaveLength(4);
    // "soon" had its 7-day reminder, then the assignment was withdrawn: nothing more.
    expect(subjects(soon)).toHaveLength(1);
    // A digest each week while someone is overdue.
    expect(subjects(hr).length).toBeGreaterThanOrEqual(5);
  });
});
