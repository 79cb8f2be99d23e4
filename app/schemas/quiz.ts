import { z } from "~/utils/zod";
import type { MessageKey } from "~/i18n";

/** A question as drawn for one attempt: how many options it shows and whether several may be picked. */
export type DrawnQuestion = { id: string; multiple: boolean; options: number };

/** Answers travel as `q.<questionId>` fields holding display positions (0, 1, 2…). */
export const ANSWER_FIELD_PREFIX = "q.";

// A question's answer schema depends only on its option count and kind, so each is built once:
// zod compiles a schema on its first parse, and building one per question per submission made
// that compilation the largest cost of grading (tests/bench/notes.md).
const positionsSchemas = new Map<string, z.ZodType<number[], string[]>>();

function positionsSchema(question: Omit<DrawnQuestion, "id">): z.ZodType<number[], string[]> {
  const key = `${question.options}|${question.multiple}`;
  let schema = positionsSchemas.get(key);
  if (!schema) {
    schema = buildPositionsSchema(question);
    positionsSchemas.set(key, schema);
  }
  return schema;
}

function buildPositionsSchema(question: Omit<DrawnQuestion, "id">) {
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

/**
 * Reads a quiz form by the rules of `quizAnswersSchema`: display positions per drawn question, or
 * what was wrong. It applies the cached per-question schemas field by field instead of building
 * the whole-form object schema for every submission (a draw is one of very many, so the object
 * schema cannot be cached); a test holds the two to the same verdicts.
 */
export function parseQuizAnswers(questions: DrawnQuestion[], form: FormData): ParsedQuizAnswers {
  const raw: Record<string, unknown[]> = {};
  // A file where a position belongs is malformed too: it stays in the list and fails the regex.
  for (const [key, value] of form.entries()) (raw[key] ??= []).push(typeof value === "string" ? value : {});
  const errors: QuizAnswerErrors = {};
  const positions: Record<string, number[]> = {};
  for (const q of questions) {
    const result = positionsSchema(q).safeParse(raw[`${ANSWER_FIELD_PREFIX}${q.id}`] ?? []);
    if (result.success) positions[q.id] = result.data;
    else errors[q.id] = messageOf(result.error.issues[0]?.message);
  }
  const drawn = new Set(questions.map((q) => `${ANSWER_FIELD_PREFIX}${q.id}`));
  for (const key of Object.keys(raw)) {
    if (key.startsWith(ANSWER_FIELD_PREFIX) && !drawn.has(key)) errors[key.slice(ANSWER_FIELD_PREFIX.length)] ??= "validation.quizQuestionNotDrawn";
  }
  return Object.keys(errors).length === 0 ? { ok: true, positions } : { ok: false, errors };
}

function messageOf(message: string | undefined): MessageKey {
  return (message?.startsWith("validation.") ? message : "validation.quizAnswerMalformed") as MessageKey;
}
