import { randomInt } from "node:crypto";
import type { AttemptAnswers, AttemptDraw } from "~/db/schema";
import type { Quiz, QuizQuestion } from "~/content/model";
import { parseQuizAnswers, type QuizAnswerErrors } from "~/schemas/quiz";

function shuffle<T>(items: T[]): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/** Draws `quiz.draw` questions from the pool and a random option order for each. */
export function drawQuestions(quiz: Quiz): AttemptDraw {
  return shuffle(quiz.questions)
    .slice(0, quiz.draw)
    .map((q) => ({
      questionId: q.id,
      // True/false keeps its natural order: "False, True" only confuses.
      optionOrder: q.type === "true-false" ? q.options.map((_, i) => i) : shuffle(q.options.map((_, i) => i)),
    }));
}

export type QuestionResult = { questionId: string; correct: boolean; chosen: number[] };
export type Grade = { score: number; correctCount: number; total: number; results: QuestionResult[] };

/** Exactly right scores 1: for "select all that apply", every correct option and no wrong one. */
export function isAnswerCorrect(question: QuizQuestion, chosen: number[]) {
  const picked = new Set(chosen);
  return question.options.every((o, i) => o.correct === picked.has(i)) && picked.size > 0;
}

/**
 * Grades stored answers (option indexes into the quiz file) against the quiz. A drawn question
 * that no longer exists in the content is left out of the score rather than counted wrong.
 */
export function gradeAttempt(quiz: Quiz, draw: AttemptDraw, answers: AttemptAnswers): Grade {
  const byId = new Map(quiz.questions.map((q) => [q.id, q]));
  const results: QuestionResult[] = [];
  for (const { questionId } of draw) {
    const question = byId.get(questionId);
    if (!question) continue;
    const chosen = answers[questionId] ?? [];
    results.push({ questionId, correct: isAnswerCorrect(question, chosen), chosen });
  }
  const correctCount = results.filter((r) => r.correct).length;
  const total = results.length;
  return { score: total === 0 ? 0 : Math.round((correctCount / total) * 100), correctCount, total, results };
}

export type FormAnswers = { ok: true; answers: AttemptAnswers; unanswered: string[] } | { ok: false; errors: QuizAnswerErrors };

/**
 * Turns the submitted form (field `q.<questionId>` holding display positions) into option
 * indexes. Positions, not indexes, travel through the page: the file order of options would
 * otherwise hint at the answer key. A forged form (two options for a one-answer question, an
 * unknown position, a question not drawn) is refused whole, never trimmed into something gradable.
 */
export function answersFromForm(quiz: Quiz, draw: AttemptDraw, form: FormData): FormAnswers {
  const byId = new Map(quiz.questions.map((q) => [q.id, q]));
  const drawn = draw.flatMap(({ questionId, optionOrder }) => {
    const question = byId.get(questionId);
    return question ? [{ id: questionId, multiple: question.multiple, options: optionOrder.length, optionOrder }] : [];
  });
  const parsed = parseQuizAnswers(drawn, form);
  if (!parsed.ok) return parsed;
  const answers: AttemptAnswers = {};
  const unanswered: string[] = [];
  for (const { id, optionOrder } of drawn) {
    const indexes = (parsed.positions[id] ?? []).map((p) => optionOrder[p]!).sort((a, b) => a - b);
    if (indexes.length === 0) unanswered.push(id);
    else answers[id] = indexes;
  }
  return { ok: true, answers, unanswered };
}
