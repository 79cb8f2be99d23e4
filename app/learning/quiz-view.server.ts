import type { Locale } from "~/db/schema";
import { pick, type ContentModule } from "~/content/model";
import type { AttemptAnswers } from "~/db/schema";
import { gradeAttempt } from "./grading.server";
import type { Attempt } from "./status.server";
import type { OpenQuestion, QuizResultView } from "./quiz-view-types";

export type { GradedQuestion, OpenQuestion, QuestionPost, QuizResultView } from "./quiz-view-types";

/**
 * What the quiz page may show while an attempt is open: prompts and options in the attempt's
 * order, identified by position. No correctness, no explanations, no feedback.
 */
export function openAttemptView(
  mod: ContentModule,
  attempt: Attempt,
  locale: Locale,
  answers: AttemptAnswers = attempt.answers ?? {},
): OpenQuestion[] {
  const byId = new Map(mod.quiz!.questions.map((q) => [q.id, q]));
  return attempt.draw.flatMap(({ questionId, optionOrder }) => {
    const q = byId.get(questionId);
    if (!q) return [];
    const chosen = new Set(answers[questionId] ?? []);
    return [
      {
        id: q.id,
        multiple: q.multiple,
        prompt: pick(q.prompt, locale),
        post: q.post ? { platform: q.post.platform, account: q.post.account, kind: q.post.kind, text: pick(q.post.text, locale) } : null,
        options: optionOrder.map((index, position) => ({ position, text: pick(q.options[index]!.text, locale), selected: chosen.has(index) })),
      },
    ];
  });
}

export function mayRevealAnswers(mod: ContentModule, passed: boolean) {
  const policy = mod.settings.revealAnswers;
  return policy === "after-each-attempt" || (policy === "after-passing" && passed);
}

/** A graded attempt: the score always; answers and explanations only as the module's policy allows. */
export function resultView(mod: ContentModule, attempt: Attempt, locale: Locale): QuizResultView {
  const grade = gradeAttempt(mod.quiz!, attempt.draw, attempt.answers ?? {});
  const passed = Boolean(attempt.passed);
  const reveal = mayRevealAnswers(mod, passed);
  const byId = new Map(mod.quiz!.questions.map((q) => [q.id, q]));
  return {
    score: attempt.score ?? grade.score,
    passed,
    correctCount: grade.correctCount,
    total: grade.total,
    passMark: mod.settings.passMark,
    attemptNumber: attempt.attemptNumber,
    revealPolicy: mod.settings.revealAnswers,
    questions: reveal
      ? attempt.draw.flatMap(({ questionId, optionOrder }) => {
          const q = byId.get(questionId);
          if (!q) return [];
          const chosen = new Set(attempt.answers?.[questionId] ?? []);
          const result = grade.results.find((r) => r.questionId === questionId);
          return [
            {
              id: q.id,
              prompt: pick(q.prompt, locale),
              post: q.post ? { platform: q.post.platform, account: q.post.account, kind: q.post.kind, text: pick(q.post.text, locale) } : null,
              correct: result?.correct ?? false,
              explanation: pick(q.explanation, locale),
              options: optionOrder.map((index) => {
                const o = q.options[index]!;
                return {
                  text: pick(o.text, locale),
                  correct: o.correct,
                  chosen: chosen.has(index),
                  feedback: o.feedback ? pick(o.feedback, locale) : null,
                };
              }),
            },
          ];
        })
      : null,
  };
}
