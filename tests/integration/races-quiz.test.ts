// Races on quiz grading, certificates and attempt limits: the calls really run at once (on
// PostgreSQL on distinct pooled connections, proved by their backend pids; on SQLite in one
// process, and for grading also from a second OS process), and every check reads the database.
import { spawn } from "node:child_process";
import path from "node:path";
import readline from "node:readline";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "~/db/client.server";
import { isPostgres } from "~/db/dialect";
import { certificates, outboxMessages, quizAttempts } from "~/db/schema";
import { writeTransaction } from "~/db/transaction.server";
import { getOwnAttempt, startAttempt, submitAttempt, type SubmitResult } from "~/learning/quiz.server";
import { completeModuleIfDone } from "~/practice/completion.server";
import { clockNow } from "~/utils/clock.server";
import { createTestUser } from "../setup/factories";
import { answerForm, completeAllLessons, formToRecord, moduleBySlug } from "../setup/learning";
import { ROOT } from "../setup/paths";
import { expectDistinctBackends, fulfilled, race } from "../setup/race";

const proof = (ok: boolean, message: string) => expect(ok, message).toBe(true);

async function attemptsOf(userId: string, slug: string) {
  return getDb()
    .select()
    .from(quizAttempts)
    .where(and(eq(quizAttempts.userId, userId), eq(quizAttempts.moduleSlug, slug)));
}
async function certsOf(userId: string, slug: string) {
  return getDb()
    .select()
    .from(certificates)
    .where(and(eq(certificates.userId, userId), eq(certificates.moduleSlug, slug)));
}
async function certificateMails(userId: string) {
  return getDb()
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.userId, userId), eq(outboxMessages.kind, "certificate_issued")));
}

/** A learner with the module's lessons done and one open attempt, loaded as a request would. */
async function learnerWithOpenAttempt(slug: string) {
  const mod = await moduleBySlug(slug);
  const user = await createTestUser();
  await completeAllLessons(user.id, mod);
  const started = await startAttempt(user, mod);
  if (!started.ok) throw new Error(`could not start: ${started.reason}`);
  const attempt = (await getOwnAttempt(user, started.attemptId, slug))!;
  return { mod, user, attempt };
}

function expectGradedOnce(results: SubmitResult[]) {
  const graded = results.map((r) => (r.ok ? r : null));
  expect(
    graded.every((r) => r !== null),
    "every submit answers with a result",
  ).toBe(true);
  expect(graded.filter((r) => r && !r.alreadyGraded)).toHaveLength(1);
  expect(new Set(graded.map((r) => r?.grade.score)).size).toBe(1);
  expect(new Set(graded.map((r) => r?.certificateId)).size).toBe(1);
}

async function expectStoredOnce(userId: string, slug: string, attemptId: string, now: Date) {
  const rows = await attemptsOf(userId, slug);
  expect(rows).toHaveLength(1);
  expect(rows[0]).toMatchObject({ id: attemptId, score: 100, passed: true, submittedAt: now });
  const certs = await certsOf(userId, slug);
  expect(certs).toHaveLength(1);
  expect(certs[0]!.attemptId).toBe(attemptId);
  expect(await certificateMails(userId)).toHaveLength(1);
}

describe("a quiz attempt submitted twice at once", () => {
  it("is graded once: one submitted_at, one score, one certificate, one result", async () => {
    const { mod, user, attempt } = await learnerWithOpenAttempt("quick-module");
    const now = clockNow();
    // Both requests loaded the attempt while it was still open, as two tabs would.
    const outcome = await race([0, 1, 2].map(() => () => submitAttempt(user, mod, attempt, answerForm(mod, attempt), "en", now)));
    expectDistinctBackends(outcome, proof);
    expectGradedOnce(fulfilled(outcome));
    await expectStoredOnce(user.id, mod.slug, attempt.id, now);
  });

  it("is graded once when the second submit comes from another OS process on the same database", async () => {
    const { mod, user, attempt } = await learnerWithOpenAttempt("quick-module");
    const now = clockNow();
    const form = answerForm(mod, attempt);
    const child = spawn(
      path.join(ROOT, "node_modules/.bin/tsx"),
      [path.join(ROOT, "tests/setup/race-submit-child.ts"), user.id, mod.slug, attempt.id, now.toISOString(), JSON.stringify(formToRecord(form))],
      { cwd: ROOT, env: process.env, stdio: ["pipe", "pipe", "pipe"] },
    );
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += String(d)));
    const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
    const lines = readline.createInterface({ input: child.stdout });
    const iterator = lines[Symbol.asyncIterator]();
    const nextLine = async () => {
      const next = await Promise.race([iterator.next(), exited.then((code) => ({ done: true, value: `exited ${code}: ${stderr}` }))]);
      if (next.done) throw new Error(`child process ended early: ${String(next.value)} ${stderr}`);
      return next.value as string;
    };
    expect(await nextLine()).toBe("ready");
    // The barrier: both processes hold their loaded (still open) attempt; "go" starts them together.
    const outcome = await race([
      async () => {
        child.stdin.write("go\n");
        return (JSON.parse(await nextLine()) as { result: SubmitResult }).result;
      },
      () => submitAttempt(user, mod, attempt, form, "en", now),
    ]);
    expect(await exited, stderr).toBe(0);
    expectDistinctBackends(outcome, proof);
    expectGradedOnce(fulfilled(outcome));
    await expectStoredOnce(user.id, mod.slug, attempt.id, now);
  }, 90_000);
});

describe("one certificate per completion", () => {
  it("two gradings and two completion checks racing issue exactly one certificate", async () => {
    const { mod, user, attempt } = await learnerWithOpenAttempt("quick-module");
    const now = clockNow();
    const issue = () => writeTransaction((tx) => completeModuleIfDone(tx, { userId: user.id, module: mod, now }));
    const outcome = await race<unknown>([
      () => submitAttempt(user, mod, attempt, answerForm(mod, attempt), "en", now),
      issue,
      () => submitAttempt(user, mod, attempt, answerForm(mod, attempt), "en", now),
      issue,
    ]);
    expectDistinctBackends(outcome, proof);
    fulfilled(outcome);
    await expectStoredOnce(user.id, mod.slug, attempt.id, now);
    // Checked again afterwards: a completed module issues nothing more.
    expect(await issue()).toMatchObject({ attemptId: attempt.id });
    expect(await certsOf(user.id, mod.slug)).toHaveLength(1);
  });
});

describe("attempt limits under concurrent starts", () => {
  it("never opens two attempts at once nor more attempts than the module allows", async () => {
    const mod = await moduleBySlug("limited-module");
    expect(mod.settings.maxAttempts).toBe(2);
    const user = await createTestUser();
    await completeAllLessons(user.id, mod);
    const starts = () => race([0, 1, 2, 3].map(() => () => startAttempt(user, mod)));

    for (const round of [1, 2]) {
      const outcome = await starts();
      expectDistinctBackends(outcome, proof);
      const results = fulfilled(outcome);
      const ids = new Set(results.map((r) => (r.ok ? r.attemptId : r.reason)));
      expect(ids.size, "all four starts land on the same attempt").toBe(1);
      expect(results.filter((r) => r.ok && !r.resumed)).toHaveLength(1);
      const rows = await attemptsOf(user.id, mod.slug);
      expect(rows).toHaveLength(round);
      expect(rows.filter((r) => r.submittedAt === null)).toHaveLength(1);
      // Failed, so the next round may start the next attempt, until the limit.
      const open = rows.find((r) => r.submittedAt === null)!;
      const failed = await submitAttempt(
        user,
        mod,
        open,
        answerForm(mod, open, () => "wrong"),
        "en",
      );
      expect(failed).toMatchObject({ ok: true, passed: false });
    }

    const outcome = await starts();
    expectDistinctBackends(outcome, proof);
    expect(fulfilled(outcome)).toEqual([0, 1, 2, 3].map(() => ({ ok: false, reason: "no-attempts-left" })));
    const rows = await attemptsOf(user.id, mod.slug);
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r.attemptNumber).sort()).toEqual([1, 2]);
    expect(rows.every((r) => r.submittedAt !== null)).toBe(true);
  });
});

it("runs on the database the suite was started for", () => {
  expect(isPostgres).toBe(Boolean(process.env.DATABASE_URL?.startsWith("postgres")));
});
