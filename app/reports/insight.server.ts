// Trainer insight: how each module's quiz goes, and which questions learners get wrong, so a
// trainer can fix a question that is unclear or has a wrong key. Only totals leave this file:
// no names, no person's answers.
import type Database from "better-sqlite3";
import type { User } from "lucia";
import { assertCan } from "~/auth/policy.server";
import { pick, type ContentModule } from "~/content/model";
import { visibleModules, type ContentState } from "~/content/registry.server";
import { getDb } from "~/db/client.server";
import { rawStatement } from "~/db/prepared.server";
import type { AttemptAnswers, AttemptDraw, Locale } from "~/db/schema";
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

const SQL = {
  started: `select count(*) as n from (
      select user_id from lesson_progress where module_slug = @slug
      union select user_id from quiz_attempts where module_slug = @slug)`,
  quiz: `select count(distinct user_id) as tookQuiz, avg(score) as averageScore
      from quiz_attempts where module_slug = ? and submitted_at is not null`,
  firstPass: `select count(*) as passed, avg(n) as averageAttemptsToPass from (
      select min(attempt_number) as n from quiz_attempts
      where module_slug = ? and submitted_at is not null and passed = 1 group by user_id)`,
  answers: `select draw, answers from quiz_attempts
      where module_slug = ? and submitted_at is not null and module_major_version = ?`,
  answersKey: `select count(*) as n, max(submitted_at) as last from quiz_attempts
      where module_slug = ? and submitted_at is not null and module_major_version = ?`,
} as const;

type Tally = Map<string, { answered: number; correct: number }>;

/**
 * Grading every stored answer again takes about a second for 80,000 attempts, so the tally
 * is kept per module until an attempt is submitted (or removed) or the quiz changes: submitted
 * attempts never change, so their count and latest time tell when it is stale.
 */
const tallies = new WeakMap<Database.Database, Map<string, { key: string; tally: Tally }>>();

function questionTally(mod: ContentModule & { quiz: NonNullable<ContentModule["quiz"]> }): Tally {
  const { n, last } = statement(SQL.answersKey).get(mod.slug, mod.majorVersion) as { n: number; last: number | null };
  const key = `${mod.contentHash}|${n}|${last}`;
  const client = getDb().$client;
  let cache = tallies.get(client);
  if (!cache) tallies.set(client, (cache = new Map()));
  const cached = cache.get(mod.slug);
  if (cached?.key === key) return cached.tally;
  const tally: Tally = new Map(mod.quiz.questions.map((q) => [q.id, { answered: 0, correct: 0 }]));
  // Only attempts on the current major version: a major version may change what a
  // question asks. gradeAttempt leaves out questions that no longer exist.
  for (const row of statement(SQL.answers).iterate(mod.slug, mod.majorVersion) as Iterable<{ draw: string; answers: string | null }>) {
    const draw = JSON.parse(row.draw) as AttemptDraw;
    const answers = (row.answers ? JSON.parse(row.answers) : {}) as AttemptAnswers;
    for (const r of gradeAttempt(mod.quiz, draw, answers).results) {
      const t = tally.get(r.questionId);
      if (!t) continue;
      t.answered++;
      if (r.correct) t.correct++;
    }
  }
  cache.set(mod.slug, { key, tally });
  return tally;
}

const statement = rawStatement;

function moduleInsight(mod: ContentModule, locale: Locale): ModuleInsight {
  const started = (statement(SQL.started).get({ slug: mod.slug }) as { n: number }).n;
  const quiz = statement(SQL.quiz).get(mod.slug) as { tookQuiz: number; averageScore: number | null };
  const pass = statement(SQL.firstPass).get(mod.slug) as { passed: number; averageAttemptsToPass: number | null };
  const questions: QuestionInsight[] = [];
  if (mod.quiz) {
    const tally = questionTally({ ...mod, quiz: mod.quiz });
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
    tookQuiz: quiz.tookQuiz,
    passed: pass.passed,
    passRate: quiz.tookQuiz === 0 ? null : pass.passed / quiz.tookQuiz,
    averageScore: quiz.averageScore,
    averageAttemptsToPass: pass.averageAttemptsToPass,
    questions,
  };
}

/** Every module (drafts too, as trainers see them), with quiz figures. Trainers, HR and admins. */
export function trainerInsight(actor: Pick<User, "role">, state: ContentState, locale: Locale): ModuleInsight[] {
  assertCan(actor, "insight.read");
  return visibleModules(state, "trainer").map((mod) => moduleInsight(mod, locale));
}
