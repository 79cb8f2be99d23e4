// Trainer insight: how each module's quiz goes, and which questions learners get wrong, so a
// trainer can fix a question that is unclear or has a wrong key. Only totals leave this file:
// no names, no person's answers.
import type { User } from "lucia";
import { assertCan } from "~/auth/policy.server";
import { pick, type ContentModule } from "~/content/model";
import { visibleModules, type ContentState } from "~/content/registry.server";
import { and, asc, eq, gt, gte, isNotNull, or, sql } from "drizzle-orm";
import { getDb, rootDb, type Db } from "~/db/client.server";
import { quizAttempts, type AttemptAnswers, type AttemptDraw, type Locale } from "~/db/schema";
import { selectRow } from "~/db/sql.server";
import { gradeAttempt } from "~/learning/grading.server";

/** Below this many answers a question's share is shown but not judged. */
export const MIN_ANSWERS_TO_JUDGE = 5;
/** A question answered correctly by fewer than this share of learners is flagged. */
export const LOW_SHARE = 0.5;

export type QuestionInsight = {
  id: string;
  prompt: string;
  type: "single" | "multiple" | "true-false" | "scenario";
  /** How often it was drawn in a submitted attempt (on the current major version). */
  answered: number;
  correct: number;
  /** correct / answered, 0–1; null if never answered. */
  share: number | null;
  flagged: boolean;
};

export type ModuleInsight = {
  slug: string;
  title: string;
  draft: boolean;
  majorVersion: number;
  hasQuiz: boolean;
  /** Learners with any lesson opened or any attempt. */
  started: number;
  /** Learners with at least one submitted attempt. */
  tookQuiz: number;
  /** Learners with at least one passing attempt. */
  passed: number;
  /** passed / tookQuiz, 0–1. */
  passRate: number | null;
  /** Mean score (0–100) over every submitted attempt. */
  averageScore: number | null;
  /** For learners who passed: mean number of attempts up to and including the first pass. */
  averageAttemptsToPass: number | null;
  questions: QuestionInsight[];
};

// Hand-written SQL, the same on SQLite and PostgreSQL (app/db/sql.server.ts); aliases in
// lower case, as PostgreSQL folds them.
const SQL = {
  started: (slug: string) => sql`select count(*) as n from (
      select user_id from lesson_progress where module_slug = ${slug}
      union select user_id from quiz_attempts where module_slug = ${slug}) as started`,
  quiz: (slug: string) => sql`select count(distinct user_id) as took_quiz, avg(score) as average_score
      from quiz_attempts where module_slug = ${slug} and submitted_at is not null`,
  firstPass: (slug: string) => sql`select count(*) as passed, avg(n) as average_attempts from (
      select min(attempt_number) as n from quiz_attempts
      where module_slug = ${slug} and submitted_at is not null and passed = true group by user_id) as first_passes`,
  answersKey: (slug: string, major: number) => sql`select count(*) as n, max(submitted_at) as last from quiz_attempts
      where module_slug = ${slug} and submitted_at is not null and module_major_version = ${major}`,
} as const;

/** Submitted attempts are graded again this many at a time, so the whole history is never in memory at once. */
const ANSWERS_PAGE = 2_000;

type Tally = Map<string, { answered: number; correct: number }>;

/**
 * Grading every stored answer again takes about a second for 80,000 attempts, so the tally
 * is kept per module until an attempt is submitted (or removed) or the quiz changes: submitted
 * attempts never change, so their count and latest time tell when it is stale.
 */
const tallies = new WeakMap<Db, Map<string, { key: string; tally: Tally }>>();

/**
 * The draw and answers of submitted attempts on a major version, a page at a time in
 * (submitted_at, id) order along quiz_attempts_module_idx: the query builder, so both
 * databases hand back the JSON columns as objects.
 */
async function* submittedAnswers(slug: string, major: number) {
  let after: { at: Date; id: string } | null = null;
  for (;;) {
    const page: { id: string; submittedAt: Date | null; draw: AttemptDraw; answers: AttemptAnswers | null }[] = await getDb()
      .select({ id: quizAttempts.id, submittedAt: quizAttempts.submittedAt, draw: quizAttempts.draw, answers: quizAttempts.answers })
      .from(quizAttempts)
      .where(
        and(
          eq(quizAttempts.moduleSlug, slug),
          eq(quizAttempts.moduleMajorVersion, major),
          // The range on submitted_at keeps each page a search along the index, not a scan from the start.
          after
            ? and(gte(quizAttempts.submittedAt, after.at), or(gt(quizAttempts.submittedAt, after.at), gt(quizAttempts.id, after.id)))
            : isNotNull(quizAttempts.submittedAt),
        ),
      )
      .orderBy(asc(quizAttempts.submittedAt), asc(quizAttempts.id))
      .limit(ANSWERS_PAGE);
    yield* page;
    const last = page.at(-1);
    if (page.length < ANSWERS_PAGE || !last) return;
    after = { at: last.submittedAt!, id: last.id };
  }
}

async function questionTally(mod: ContentModule & { quiz: NonNullable<ContentModule["quiz"]> }): Promise<Tally> {
  const stamp = await selectRow<{ n: number; last: number | null }>(SQL.answersKey(mod.slug, mod.majorVersion));
  const key = `${mod.contentHash}|${stamp?.n ?? 0}|${stamp?.last ?? null}`;
  const db = rootDb();
  let cache = tallies.get(db);
  if (!cache) tallies.set(db, (cache = new Map()));
  const cached = cache.get(mod.slug);
  if (cached?.key === key) return cached.tally;
  const tally: Tally = new Map(mod.quiz.questions.map((q) => [q.id, { answered: 0, correct: 0 }]));
  // Only attempts on the current major version: a major version may change what a
  // question asks. gradeAttempt leaves out questions that no longer exist.
  for await (const row of submittedAnswers(mod.slug, mod.majorVersion)) {
    for (const r of gradeAttempt(mod.quiz, row.draw, row.answers ?? {}).results) {
      const t = tally.get(r.questionId);
      if (!t) continue;
      t.answered++;
      if (r.correct) t.correct++;
    }
  }
  cache.set(mod.slug, { key, tally });
  return tally;
}

async function moduleInsight(mod: ContentModule, locale: Locale): Promise<ModuleInsight> {
  const started = (await selectRow<{ n: number }>(SQL.started(mod.slug)))?.n ?? 0;
  const quiz = (await selectRow<{ took_quiz: number; average_score: number | null }>(SQL.quiz(mod.slug))) ?? {
    took_quiz: 0,
    average_score: null,
  };
  const pass = (await selectRow<{ passed: number; average_attempts: number | null }>(SQL.firstPass(mod.slug))) ?? {
    passed: 0,
    average_attempts: null,
  };
  const questions: QuestionInsight[] = [];
  if (mod.quiz) {
    const tally = await questionTally({ ...mod, quiz: mod.quiz });
    for (const q of mod.quiz.questions) {
      const t = tally.get(q.id)!;
      const share = t.answered === 0 ? null : t.correct / t.answered;
      questions.push({
        id: q.id,
        prompt: pick(q.prompt, locale),
        type: q.type,
        answered: t.answered,
        correct: t.correct,
        share,
        flagged: share !== null && t.answered >= MIN_ANSWERS_TO_JUDGE && share < LOW_SHARE,
      });
    }
  }
  return {
    slug: mod.slug,
    title: pick(mod.title, locale),
    draft: mod.status === "draft",
    majorVersion: mod.majorVersion,
    hasQuiz: mod.quiz !== null,
    started,
    tookQuiz: quiz.took_quiz,
    passed: pass.passed,
    passRate: quiz.took_quiz === 0 ? null : pass.passed / quiz.took_quiz,
    averageScore: quiz.average_score,
    averageAttemptsToPass: pass.average_attempts,
    questions,
  };
}

/** Every module (drafts too, as trainers see them), with quiz figures. Trainers, HR and admins. */
export async function trainerInsight(actor: Pick<User, "role">, state: ContentState, locale: Locale): Promise<ModuleInsight[]> {
  assertCan(actor, "insight.read");
  const out: ModuleInsight[] = [];
  for (const mod of visibleModules(state, "trainer")) out.push(await moduleInsight(mod, locale));
  return out;
}
