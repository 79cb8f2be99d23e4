// Forged quiz bodies (issue 25, problem 1): every kind is posted through the route action and
// must get 400 with a message in the user's language, nothing graded, the attempt row unchanged.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "~/db/client.server";
import { quizAttempts } from "~/db/schema";
import { catalogs } from "~/i18n";
import { getOwnAttempt, startAttempt } from "~/learning/quiz.server";
import type { ContentModule } from "~/content/model";
import type { Attempt } from "~/learning/status.server";
import * as attemptRoute from "~/routes/learn.$module.quiz.$attemptId";
import { createTestUser, makeRequest, routeArgs, run, sessionCookie, unwrap } from "../setup/factories";
import { answerForm, completeAllLessons, formToRecord, moduleBySlug } from "../setup/learning";

const db = () => getDb();
const row = async (id: string) => (await db().select().from(quizAttempts).where(eq(quizAttempts.id, id)))[0]!;

async function openAttempt(slug: string, locale: "en" | "id" = "en") {
  const user = await createTestUser({ locale });
  const mod = await moduleBySlug(slug);
  await completeAllLessons(user.id, mod);
  const { attemptId } = (await startAttempt(user, mod)) as { attemptId: string };
  const attempt = (await getOwnAttempt(user, attemptId, mod.slug))!;
  return { user, mod, attempt, cookie: await sessionCookie(user.id) };
}

/** The right answer's display position(s), and the positions of every option, for one drawn question. */
function positions(mod: ContentModule, attempt: Attempt, questionId: string) {
  const { optionOrder } = attempt.draw.find((d) => d.questionId === questionId)!;
  const q = mod.quiz!.questions.find((x) => x.id === questionId)!;
  const right = q.options.flatMap((o, i) => (o.correct ? [String(optionOrder.indexOf(i))] : []));
  return { right, all: optionOrder.map((_, p) => String(p)) };
}

async function post(slug: string, attemptId: string, cookie: string, form: Record<string, string[]>) {
  const res = await run(() =>
    attemptRoute.action(routeArgs(makeRequest(`/learn/${slug}/quiz/${attemptId}`, { cookie, form }), { module: slug, attemptId }) as never),
  );
  return unwrap(res.value);
}

type Refused = { invalid: Record<string, string>; unanswered: string[] };

describe("forged quiz answers", () => {
  it("refuses every option of a one-answer question, for single, true/false and scenario questions", async () => {
    for (const [slug, type] of [
      ["quick-module", "single"],
      ["quick-module", "true-false"],
      ["limited-module", "scenario"],
    ] as const) {
      const { mod, attempt, cookie } = await openAttempt(slug);
      const target = mod.quiz!.questions.find((q) => q.type === type)!;
      expect(target.multiple).toBe(false);
      // Every other question answered right: only the forged one stands between this and a pass.
      const form = formToRecord(answerForm(mod, attempt));
      form[`q.${target.id}`] = positions(mod, attempt, target.id).all;
      const before = await row(attempt.id);
      const res = await post(slug, attempt.id, cookie, form);
      expect(res.status).toBe(400);
      expect((res.data as Refused).invalid).toEqual({ [target.id]: "validation.quizAnswerOnlyOne" });
      const after = await row(attempt.id);
      expect(after).toEqual(before);
      expect(after.submittedAt).toBeNull();
      expect(after.score).toBeNull();
    }
  });

  it("refuses an unknown position, a repeated field, an undrawn question and malformed values", async () => {
    const { mod, attempt, cookie } = await openAttempt("quick-module");
    const single = mod.quiz!.questions.find((q) => q.type === "single")!;
    const multiple = mod.quiz!.questions.find((q) => q.type === "multiple")!;
    const good = formToRecord(answerForm(mod, attempt));
    const cases: [string, Record<string, string[]>, Record<string, string>][] = [
      ["a position past the options", { ...good, [`q.${single.id}`]: ["3"] }, { [single.id]: "validation.quizAnswerUnknown" }],
      [
        "a repeated field of a one-answer question",
        { ...good, [`q.${single.id}`]: [...positions(mod, attempt, single.id).right, ...positions(mod, attempt, single.id).right] },
        { [single.id]: "validation.quizAnswerOnlyOne" },
      ],
      [
        "a repeated option of a select-all question",
        { ...good, [`q.${multiple.id}`]: [...positions(mod, attempt, multiple.id).right, positions(mod, attempt, multiple.id).right[0]!] },
        { [multiple.id]: "validation.quizAnswerRepeated" },
      ],
      ["a question not drawn in this attempt", { ...good, "q.not-in-this-quiz": ["0"] }, { "not-in-this-quiz": "validation.quizQuestionNotDrawn" }],
      ["a negative position", { ...good, [`q.${single.id}`]: ["-1"] }, { [single.id]: "validation.quizAnswerMalformed" }],
      ["a position written as a word", { ...good, [`q.${single.id}`]: ["first"] }, { [single.id]: "validation.quizAnswerMalformed" }],
      ["a huge number", { ...good, [`q.${single.id}`]: ["99999999999999999999"] }, { [single.id]: "validation.quizAnswerMalformed" }],
      ["a position with a NUL", { ...good, [`q.${single.id}`]: ["0\u0000"] }, { [single.id]: "validation.quizAnswerMalformed" }],
    ];
    const before = await row(attempt.id);
    for (const [what, form, errors] of cases) {
      for (const intent of ["submit", "save"]) {
        const res = await post("quick-module", attempt.id, cookie, { ...form, intent: [intent] });
        expect(res.status, `${what} (${intent})`).toBe(400);
        expect((res.data as Refused).invalid, `${what} (${intent})`).toEqual(errors);
        expect(await row(attempt.id), `${what} (${intent})`).toEqual(before);
      }
    }
    // The honest form still passes afterwards: the refusals cost the learner nothing.
    const ok = await post("quick-module", attempt.id, cookie, good);
    expect(ok.status).toBe(302);
    expect(await row(attempt.id)).toMatchObject({ score: 100, passed: true });
  });

  it("takes a select-all question's set of distinct known options", async () => {
    const { mod, attempt, cookie } = await openAttempt("quick-module");
    const multiple = mod.quiz!.questions.find((q) => q.type === "multiple")!;
    const form = formToRecord(answerForm(mod, attempt));
    // Every option of a select-all question is a legal (wrong) answer, not a forgery.
    form[`q.${multiple.id}`] = positions(mod, attempt, multiple.id).all;
    const res = await post("quick-module", attempt.id, cookie, form);
    expect(res.status).toBe(302);
    const graded = await row(attempt.id);
    expect(graded.answers![multiple.id]).toEqual([0, 1, 2]);
    expect(graded.score).toBe(67);
  });

  it("never passes a module by forging: thirty tries of 'tick everything' grade nothing", async () => {
    let graded = 0;
    for (let i = 0; i < 30; i++) {
      const { mod, attempt, cookie } = await openAttempt(i % 2 ? "quick-module" : "limited-module");
      const form: Record<string, string[]> = { intent: ["submit"] };
      for (const d of attempt.draw) form[`q.${d.questionId}`] = positions(mod, attempt, d.questionId).all;
      const res = await post(mod.slug, attempt.id, cookie, form);
      if (res.status !== 400) graded++;
      if ((await row(attempt.id)).submittedAt) graded++;
    }
    expect(graded).toBe(0);
  });

  it("names the problem in the learner's language", async () => {
    const { mod, attempt, cookie } = await openAttempt("quick-module", "id");
    const single = mod.quiz!.questions.find((q) => q.type === "single")!;
    const form = formToRecord(answerForm(mod, attempt));
    form[`q.${single.id}`] = ["0", "1"];
    const res = await post("quick-module", attempt.id, cookie, form);
    const key = (res.data as Refused).invalid[single.id] as keyof (typeof catalogs)["id"];
    expect(catalogs.id[key]).toBe("Soal ini hanya punya satu jawaban. Pilih satu opsi saja.");
    expect(catalogs.en[key]).toMatch(/one answer only/);
  });
});
