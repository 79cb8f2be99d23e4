import { writeTransaction } from "~/db/transaction.server";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { prepared } from "~/db/prepared.server";
import type { User } from "lucia";
import { getDb } from "~/db/client.server";
import { isUniqueViolation } from "~/db/errors.server";
import { changedRows } from "~/db/sql.server";
import { certificates, quizAttempts, type AttemptAnswers, type Locale } from "~/db/schema";
import type { ContentModule, Quiz } from "~/content/model";
import { newId } from "~/utils/ids.server";
import { certificatesOf } from "~/certificates/issue.server";
import { answersFromForm, drawQuestions, gradeAttempt, type Grade } from "./grading.server";
import type { QuizAnswerErrors } from "~/schemas/quiz";
import { moduleStatus, type Attempt, type AttemptSummary } from "./status.server";
import { progressFor } from "./progress.server";
import { onModulePassed } from "./completion.server";
import { clockNow } from "~/utils/clock.server";

const summaryColumns = {
  id: quizAttempts.id,
  moduleSlug: quizAttempts.moduleSlug,
  attemptNumber: quizAttempts.attemptNumber,
  startedAt: quizAttempts.startedAt,
  submittedAt: quizAttempts.submittedAt,
  score: quizAttempts.score,
  passed: quizAttempts.passed,
};

/** A learner's attempts in a module, without the draw and answers (what status needs). Runs on the connection, so inside a write transaction it sees that transaction's writes. */
export async function attemptSummariesOf(userId: string, moduleSlug: string): Promise<AttemptSummary[]> {
  return prepared("attemptSummariesOf", (d) =>
    d
      .select(summaryColumns)
      .from(quizAttempts)
      .where(and(eq(quizAttempts.userId, sql.placeholder("userId")), eq(quizAttempts.moduleSlug, sql.placeholder("moduleSlug"))))
      .orderBy(asc(quizAttempts.attemptNumber)),
  )({ userId, moduleSlug });
}

/** Every attempt of a learner, without the draw and answers (My learning). */
export async function allAttemptSummariesOf(userId: string): Promise<AttemptSummary[]> {
  return prepared("allAttemptSummariesOf", (d) =>
    d
      .select(summaryColumns)
      .from(quizAttempts)
      .where(eq(quizAttempts.userId, sql.placeholder("userId")))
      .orderBy(asc(quizAttempts.attemptNumber)),
  )({ userId });
}

export type StartResult =
  | { ok: true; attemptId: string; resumed: boolean }
  | { ok: false; reason: "lessons-incomplete" | "already-passed" | "no-attempts-left" | "cooldown" | "no-quiz"; until?: Date };

/**
 * Starts (or resumes) the learner's attempt. Everything is decided inside one immediate
 * transaction, and the unique indexes on (user, module, attempt number) and on the one open
 * attempt stop two racing requests from both creating one.
 */
export async function startAttempt(user: Pick<User, "id">, mod: ContentModule, now = clockNow()): Promise<StartResult> {
  if (!mod.quiz) return { ok: false, reason: "no-quiz" };
  const quiz = mod.quiz;
  try {
    return await writeTransaction(async (tx) => {
      // One after another: a transaction is one connection, which runs one query at a time.
      const attempts = await attemptSummariesOf(user.id, mod.slug);
      const progress = await progressFor(user.id, mod.slug);
      const status = moduleStatus(mod, progress, attempts, await certificatesOf(user.id, mod.slug), now);
      if (status.openAttemptId) return { ok: true, attemptId: status.openAttemptId, resumed: true } as const;
      if (status.status === "passed") return { ok: false, reason: "already-passed" } as const;
      if (status.lessonsDone < status.lessonsTotal) return { ok: false, reason: "lessons-incomplete" } as const;
      if (status.status === "locked") {
        return status.lockedUntil
          ? ({ ok: false, reason: "cooldown", until: status.lockedUntil } as const)
          : ({ ok: false, reason: "no-attempts-left" } as const);
      }
      const id = newId();
      await tx.insert(quizAttempts).values({
        id,
        userId: user.id,
        moduleSlug: mod.slug,
        attemptNumber: (attempts.at(-1)?.attemptNumber ?? 0) + 1,
        moduleMajorVersion: mod.majorVersion,
        moduleContentHash: mod.contentHash,
        draw: drawQuestions(quiz),
        answers: {},
        startedAt: now,
      });
      return { ok: true, attemptId: id, resumed: false } as const;
    });
  } catch (error) {
    // Lost a race against a concurrent start: the winner's attempt is the one to resume.
    if (isUniqueViolation(error)) {
      const [open] = await getDb()
        .select({ id: quizAttempts.id })
        .from(quizAttempts)
        .where(and(eq(quizAttempts.userId, user.id), eq(quizAttempts.moduleSlug, mod.slug), isNull(quizAttempts.submittedAt)));
      if (open) return { ok: true, attemptId: open.id, resumed: true };
    }
    throw error;
  }
}

/** The learner's own attempt; another person's attempt id is simply not found. */
export async function getOwnAttempt(user: Pick<User, "id">, attemptId: string, moduleSlug: string): Promise<Attempt | null> {
  const [attempt] = await prepared("ownAttempt", (d) =>
    d
      .select()
      .from(quizAttempts)
      .where(
        and(
          eq(quizAttempts.id, sql.placeholder("attemptId")),
          eq(quizAttempts.userId, sql.placeholder("userId")),
          eq(quizAttempts.moduleSlug, sql.placeholder("moduleSlug")),
        ),
      ),
  )({ attemptId, userId: user.id, moduleSlug });
  return attempt ?? null;
}

/** Keeps answers given so far on an open attempt, so the learner can come back to it. */
export async function saveAnswers(user: Pick<User, "id">, attempt: Attempt, answers: AttemptAnswers) {
  await getDb()
    .update(quizAttempts)
    .set({ answers })
    .where(and(eq(quizAttempts.id, attempt.id), eq(quizAttempts.userId, user.id), isNull(quizAttempts.submittedAt)));
}

export type SubmitResult =
  | { ok: true; grade: Grade; passed: boolean; alreadyGraded: boolean; certificateId: string | null }
  | { ok: false; reason: "unanswered"; unanswered: string[]; answers: AttemptAnswers }
  | { ok: false; reason: "invalid"; errors: QuizAnswerErrors };

/**
 * Grades an attempt once. A double submit or a replayed POST finds it graded and returns the
 * stored result unchanged; two racing submits cannot both grade (the update requires
 * submitted_at to be empty). A pass completes the module in the same transaction.
 */
export async function submitAttempt(
  user: Pick<User, "id">,
  mod: ContentModule,
  attempt: Attempt,
  form: FormData,
  // The page's language. Unused since certificates follow the holder's saved language (ADR 0023);
  // kept so the many callers did not change with it.
  _locale: Locale,
  now = clockNow(),
): Promise<SubmitResult> {
  const quiz = mod.quiz as Quiz;
  if (attempt.submittedAt) return await storedResult(mod, attempt);
  const read = answersFromForm(quiz, attempt.draw, form);
  // A forged form changes nothing: not graded, and the saved answers stay as they were.
  if (!read.ok) return { ok: false, reason: "invalid", errors: read.errors };
  const { answers, unanswered } = read;
  if (unanswered.length > 0) {
    await saveAnswers(user, attempt, answers);
    return { ok: false, reason: "unanswered", unanswered, answers };
  }
  const grade = gradeAttempt(quiz, attempt.draw, answers);
  const passed = grade.score >= mod.settings.passMark;
  const outcome = await writeTransaction(async (tx) => {
    const updated = changedRows(
      await tx
        .update(quizAttempts)
        .set({ answers, score: grade.score, passed, submittedAt: now })
        .where(and(eq(quizAttempts.id, attempt.id), eq(quizAttempts.userId, user.id), isNull(quizAttempts.submittedAt))),
    );
    // Lost to a concurrent submit: the stored result is read in this transaction, because on
    // SQLite a query after it could run inside the next queued request's open transaction.
    if (updated !== 1) return { stored: await storedResult(mod, (await getOwnAttempt(user, attempt.id, mod.slug))!) };
    const certificate = passed ? await onModulePassed(tx, { userId: user.id, module: mod, attemptId: attempt.id, score: grade.score, now }) : null;
    return { certificateId: certificate?.id ?? null };
  });
  if (outcome.stored) return outcome.stored;
  return { ok: true, grade, passed, alreadyGraded: false, certificateId: outcome.certificateId };
}

async function storedResult(mod: ContentModule, attempt: Attempt): Promise<SubmitResult> {
  const grade = gradeAttempt(mod.quiz as Quiz, attempt.draw, attempt.answers ?? {});
  const [cert] = await getDb().select({ id: certificates.id }).from(certificates).where(eq(certificates.attemptId, attempt.id));
  return {
    ok: true,
    grade: { ...grade, score: attempt.score ?? grade.score },
    passed: Boolean(attempt.passed),
    alreadyGraded: true,
    certificateId: cert?.id ?? null,
  };
}
