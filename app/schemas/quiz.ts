import { z } from "zod";
import type { MessageKey } from "~/i18n";

/** A question as drawn for one attempt: how many options it shows and whether several may be picked. */
export type DrawnQuestion = { id: string; multiple: boolean; options: number };

/** Answers travel as `q.<questionId>` fields holding display positions (0, 1, 2…). */
export const ANSWER_FIELD_PREFIX = "q.";

function positionsSchema(question: DrawnQuestion) {
  const position = z
    .string()
    .regex(/^\d{1,2}$/, "validation.quizAnswerMalformed")
    .transform(Number)
    .refine((p) => p < question.options, "validation.quizAnswerUnknown");
  const list = z.array(position);
  return question.multiple
    ? list.refine((ps) => new Set(ps).size === ps.length, "validation.quizAnswerRepeated")
    : list.max(1, "validation.quizAnswerOnlyOne");
}

/**
 * The answers of one attempt, built from the questions drawn for it: a single-answer, true/false
 * or single-choice scenario question takes at most one known position, a select-all question a
 * set of distinct known positions, and a `q.` field for a question this attempt did not draw is
 * refused. (No answer at all is allowed here: saving for later keeps gaps, and submitting names
 * them.) The input is every form field as a list of its values, so a repeated field is seen.
 */
export function quizAnswersSchema(questions: DrawnQuestion[]) {
  const shape: Record<string, z.ZodType<number[], string[]>> = {};
  for (const q of questions) shape[`${ANSWER_FIELD_PREFIX}${q.id}`] = positionsSchema(q).optional().default([]) as never;
  const drawn = new Set(Object.keys(shape));
  return z
    .object(shape)
    .catchall(z.array(z.unknown()))
    .superRefine((form, ctx) => {
      for (const key of Object.keys(form)) {
        if (key.startsWith(ANSWER_FIELD_PREFIX) && !drawn.has(key)) {
          ctx.addIssue({ code: "custom", path: [key], message: "validation.quizQuestionNotDrawn" });
        }
      }
    })
    .transform((form) => {
      const answers: Record<string, number[]> = {};
      for (const q of questions) answers[q.id] = form[`${ANSWER_FIELD_PREFIX}${q.id}`] as number[];
      return answers;
    });
}

/** Question id (or the field name of an unknown question) → what is wrong with its answer. */
export type QuizAnswerErrors = Record<string, MessageKey>;

export type ParsedQuizAnswers = { ok: true; positions: Record<string, number[]> } | { ok: false; errors: QuizAnswerErrors };

/** Reads a quiz form with `quizAnswersSchema`: display positions per drawn question, or what was wrong. */
export function parseQuizAnswers(questions: DrawnQuestion[], form: FormData): ParsedQuizAnswers {
  const raw: Record<string, unknown[]> = {};
  // A file where a position belongs is malformed too: it stays in the list and fails the regex.
  for (const [key, value] of form.entries()) (raw[key] ??= []).push(typeof value === "string" ? value : {});
  const result = quizAnswersSchema(questions).safeParse(raw);
  if (result.success) return { ok: true, positions: result.data };
  const errors: QuizAnswerErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "");
    const id = field.startsWith(ANSWER_FIELD_PREFIX) ? field.slice(ANSWER_FIELD_PREFIX.length) : field;
    errors[id] ??= (issue.message.startsWith("validation.") ? issue.message : "validation.quizAnswerMalformed") as MessageKey;
  }
  return { ok: false, errors };
}
