// parseQuizAnswers applies cached per-question schemas instead of building quizAnswersSchema for
// every submission (the rebuild was the largest cost of grading). This holds the two to the same
// verdicts on many generated forms, well-formed and forged, so the speed-up cannot loosen a rule.
import { describe, expect, it } from "vitest";
import { ANSWER_FIELD_PREFIX, parseQuizAnswers, quizAnswersSchema, type DrawnQuestion } from "~/schemas/quiz";

function reference(questions: DrawnQuestion[], form: FormData) {
  const raw: Record<string, unknown[]> = {};
  for (const [key, value] of form.entries()) (raw[key] ??= []).push(typeof value === "string" ? value : {});
  const result = quizAnswersSchema(questions).safeParse(raw);
  if (result.success) return { ok: true as const, positions: result.data };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "");
    const id = field.startsWith(ANSWER_FIELD_PREFIX) ? field.slice(ANSWER_FIELD_PREFIX.length) : field;
    errors[id] ??= issue.message.startsWith("validation.") ? issue.message : "validation.quizAnswerMalformed";
  }
  return { ok: false as const, errors };
}

function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

const VALUES = ["0", "1", "2", "3", "4", "9", "10", "-1", "01", "x", "", " 1", "1.0", "99999999999", "0\u0000"];

describe("parseQuizAnswers", () => {
  const questions: DrawnQuestion[] = [
    { id: "one", multiple: false, options: 4 },
    { id: "tf", multiple: false, options: 2 },
    { id: "all", multiple: true, options: 5 },
    { id: "all3", multiple: true, options: 3 },
  ];

  it("gives the verdict of quizAnswersSchema on 1,500 generated forms", () => {
    const next = rng(20261207);
    let refused = 0;
    for (let n = 0; n < 1500; n++) {
      const form = new FormData();
      form.append("intent", "submit");
      for (const q of [...questions, { id: "stray", multiple: false, options: 2 }]) {
        const count = q.id === "stray" ? (next() < 0.1 ? 1 : 0) : Math.floor(next() * (next() < 0.8 ? 2 : 4));
        for (let i = 0; i < count; i++) {
          const value = next() < 0.85 ? String(Math.floor(next() * q.options)) : VALUES[Math.floor(next() * VALUES.length)]!;
          form.append(`${ANSWER_FIELD_PREFIX}${q.id}`, value);
        }
      }
      if (next() < 0.02) form.append(`${ANSWER_FIELD_PREFIX}one`, new Blob(["0"]));
      const expected = reference(questions, form);
      const actual = parseQuizAnswers(questions, form);
      expect(actual.ok).toBe(expected.ok);
      if (expected.ok && actual.ok) expect(actual.positions).toEqual(expected.positions);
      if (!expected.ok && !actual.ok) {
        refused++;
        // Every refusal the whole-form schema names is named with the same message.
        for (const [id, message] of Object.entries(expected.errors)) expect(actual.errors[id]).toBe(message);
      }
    }
    // The generated forms exercise both verdicts.
    expect(refused).toBeGreaterThan(150);
    expect(refused).toBeLessThan(1350);
  });

  it("names a question that was not drawn even when another answer is malformed", () => {
    const form = new FormData();
    form.append("q.one", "x");
    form.append("q.elsewhere", "0");
    const result = parseQuizAnswers(questions, form);
    expect(result).toEqual({ ok: false, errors: { one: "validation.quizAnswerMalformed", elsewhere: "validation.quizQuestionNotDrawn" } });
  });
});
