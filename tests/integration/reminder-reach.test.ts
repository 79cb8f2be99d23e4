// Who is expected to take a module: a unit's assignment reaches the unit's staff (not the HR,
// trainers or admins who work there), a role's assignment that role, a person's that person.
// Reminders go only to them and only until they complete it; My learning, the training record,
// the assignment mail and the HR page's head count agree. Driven day by day with explicit times.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getContent } from "~/content/registry.server";
import { getDb } from "~/db/client.server";
import { notifications, outboxMessages } from "~/db/schema";
import { assignmentsForUser } from "~/learning/assignments.server";
import { getOwnAttempt, startAttempt, submitAttempt } from "~/learning/quiz.server";
import { runScheduler } from "~/notifications/scheduler.server";
import { createMailer, drainOutbox, type Mailer } from "~/outbox/worker.server";
import { createAssignment, listAssignments } from "~/people/assignments.server";
import { listOrgUnits } from "~/people/org-units.server";
import { dueIndex } from "~/reports/record-due.server";
import { answerForm, completeAllLessons, moduleBySlug } from "../setup/learning";
import { createOrgUnit, createTestUser } from "../setup/factories";
import { startMailbox, type TestMailbox } from "../setup/smtp";

const DAY = 86_400_000;
// A Monday, 08:00 UTC (TIME_ZONE=UTC in tests; REMINDER_HOUR 7).
const T0 = new Date("2031-03-03T08:00:00Z");
const at = (days: number) => new Date(T0.getTime() + days * DAY);
const dayStr = (days: number) => at(days).toISOString().slice(0, 10);

let mailbox: TestMailbox;
let mailer: Mailer;
type U = Awaited<ReturnType<typeof createTestUser>>;
let learner: U, finished: U, hrHere: U, trainerHere: U, adminHere: U, trainerElsewhere: U, hr: U;

beforeAll(async () => {
  mailbox = await startMailbox();
  mailer = createMailer(mailbox.url);
  const system = await createOrgUnit("Reach System");
  const branch = await createOrgUnit("Reach Branch", system.id);
  const elsewhere = await createOrgUnit("Reach Elsewhere");
  hr = await createTestUser({ role: "hr", locale: "en", orgUnitId: elsewhere.id });
  learner = await createTestUser({ locale: "en", orgUnitId: branch.id, displayName: "Reach Learner" });
  finished = await createTestUser({ locale: "en", orgUnitId: branch.id, displayName: "Reach Finished" });
  hrHere = await createTestUser({ role: "hr", locale: "en", orgUnitId: branch.id, displayName: "Reach HR" });
  trainerHere = await createTestUser({ role: "trainer", locale: "en", orgUnitId: system.id, displayName: "Reach Trainer" });
  adminHere = await createTestUser({ role: "admin", locale: "en", orgUnitId: branch.id, displayName: "Reach Admin" });
  trainerElsewhere = await createTestUser({ role: "trainer", locale: "en", orgUnitId: elsewhere.id, displayName: "Other Trainer" });

  // "finished" passed the module before it was assigned.
  const mod = await moduleBySlug("quick-module");
  await completeAllLessons(finished.id, mod, at(-20));
  const started = await startAttempt(finished, mod, at(-20));
  if (!started.ok) throw new Error("no attempt");
  const attempt = (await getOwnAttempt(finished, started.attemptId, mod.slug))!;
  await submitAttempt(finished, mod, attempt, answerForm(mod, attempt), "en", at(-20));

  const state = await getContent();
  // Organisation-wide (the top unit, with its sub-units), due in 5 days.
  const wide = await createAssignment(
    hr,
    { moduleSlug: "quick-module", targetType: "org_unit", person: "", orgUnitId: system.id, role: "staff", dueDate: dayStr(5) } as never,
    state,
    dayStr(-1),
    at(-1),
  );
  // Trainers, by role, due in 5 days.
  const byRole = await createAssignment(
    hr,
    { moduleSlug: "limited-module", targetType: "role", person: "", orgUnitId: "", role: "trainer", dueDate: dayStr(5) } as never,
    state,
    dayStr(-1),
    at(-1),
  );
  expect([wide.ok, byRole.ok]).toEqual([true, true]);
});

afterAll(async () => {
  mailer.transport.close();
  await mailbox.stop();
});

const kindsOf = async (u: U) =>
  (await getDb().select({ kind: notifications.kind }).from(notifications).where(eq(notifications.userId, u.id))).map((n) => n.kind).sort();

describe("who is expected to take a module", () => {
  it("a unit's assignment reaches its staff, not the HR, trainers or admins working there; a role's reaches that role", async () => {
    // The assignment mail went to the learner (the finished one holds a certificate) and the trainers by role.
    await drainOutbox(mailer, at(-1));
    const mailed = (
      await getDb()
        .select({ to: outboxMessages.toEmail, kind: outboxMessages.kind })
        .from(outboxMessages)
        .where(eq(outboxMessages.kind, "assignment_made"))
    )
      .map((m) => m.to)
      .sort();
    expect(mailed).toEqual([learner.email, trainerHere.email, trainerElsewhere.email].sort());

    // My learning and the training record read the same rule.
    const dueFor = await dueIndex(await listOrgUnits());
    for (const [person, modules] of [
      [learner, ["quick-module"]],
      [finished, ["quick-module"]],
      [hrHere, []],
      [adminHere, []],
      [trainerHere, ["limited-module"]],
      [trainerElsewhere, ["limited-module"]],
    ] as const) {
      expect([...(await assignmentsForUser(person)).keys()].sort(), person.displayName).toEqual([...modules]);
      expect([...dueFor(person).keys()].sort(), person.displayName).toEqual([...modules]);
    }
    // HR's assignment list counts the people it covers the same way: the two staff of the units.
    const rows = await listAssignments(hr, await getContent(), "en");
    expect(rows.find((r) => r.moduleSlug === "quick-module")!.covers).toBe(2);
  });

  it("sends due-soon and overdue reminders only to assigned people who have not completed the module", async () => {
    mailbox.clear();
    const soon = await runScheduler(at(0));
    expect(soon.ran).toBe(true);
    await drainOutbox(mailer, at(0));
    expect(mailbox.to(learner.email).map((m) => m.subject)).toEqual(["Reminder: Quick module is due on 8 Mar 2031"]);
    expect(mailbox.to(trainerHere.email).map((m) => m.subject)).toEqual(["Reminder: Limited module is due on 8 Mar 2031"]);
    for (const notExpected of [finished, hrHere, adminHere]) {
      expect(mailbox.to(notExpected.email), notExpected.displayName).toEqual([]);
      expect(await kindsOf(notExpected), notExpected.displayName).not.toContain("due_7d");
    }

    // A week after the due date: overdue, for the same people only.
    mailbox.clear();
    await runScheduler(at(7));
    await drainOutbox(mailer, at(7));
    expect(mailbox.to(learner.email).map((m) => m.subject)).toEqual(["Overdue: Quick module"]);
    for (const notExpected of [finished, hrHere, adminHere]) expect(await kindsOf(notExpected), notExpected.displayName).not.toContain("overdue");
    // The organisation's digest lists the learner and the trainers, never HR or the admin.
    const digest = mailbox.to(hr.email).find((m) => m.subject?.startsWith("Weekly overdue training"))!;
    expect(digest.text).toContain("Reach Learner (Reach Branch)");
    expect(digest.text).not.toContain("Reach HR");
    expect(digest.text).not.toContain("Reach Admin");
    expect(digest.text).not.toContain("Reach Finished");
  });
});
