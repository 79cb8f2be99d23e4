// A failed attempt's result says when the next attempt opens: after the cooldown, or never when
// the attempts are used up (the default fixture course: quick-module has a 1 h cooldown,
// limited-module two attempts and none).
import { describe, expect, it } from "vitest";
import type { QuizOutcome } from "~/learning/quiz-outcome.server";
import { getOwnAttempt, startAttempt, submitAttempt } from "~/learning/quiz.server";
import * as attemptRoute from "~/routes/learn.$module.quiz.$attemptId";
import { clockNow } from "~/utils/clock.server";
import { createTestUser, makeRequest, routeArgs, sessionCookie } from "../setup/factories";
import { answerForm, completeAllLessons, moduleBySlug } from "../setup/learning";

async function fail(user: { id: string }, slug: string, now: Date) {
  const mod = await moduleBySlug(slug);
  await completeAllLessons(user.id, mod, now);
  const started = await startAttempt(user, mod, now);
  if (!started.ok) throw new Error(`could not start: ${started.reason}`);
  const attempt = (await getOwnAttempt(user, started.attemptId, mod.slug))!;
  expect(
    await submitAttempt(
      user,
      mod,
      attempt,
      answerForm(mod, attempt, () => "wrong"),
      "en",
      now,
    ),
  ).toMatchObject({ ok: true, passed: false });
  return { mod, attemptId: attempt.id };
}

async function outcome(user: { id: string }, slug: string, attemptId: string) {
  const cookie = await sessionCookie(user.id);
  const data = await attemptRoute.loader(
    routeArgs(makeRequest(`/learn/${slug}/quiz/${attemptId}`, { cookie }), { module: slug, attemptId }) as never,
  );
  return (data as unknown as { outcome: QuizOutcome }).outcome;
}

describe("when the next attempt opens", () => {
  it("after the cooldown: the instant it ends, and the module's lessons to reread in the learner's language", async () => {
    const user = await createTestUser({ locale: "id" });
    const now = clockNow();
    const { mod, attemptId } = await fail(user, "quick-module", now);
    const got = await outcome(user, mod.slug, attemptId);
    expect(got).toEqual({
      kind: "failed",
      next: { kind: "at", at: new Date(now.getTime() + mod.settings.cooldownMs).toISOString() },
      reread: mod.lessons.map((l) => ({ slug: l.slug, title: (l.translations.id ?? l.translations.en)!.title })),
    });
    expect(mod.settings.cooldownMs).toBe(3_600_000);
  });

  it("never, when the attempts are used up", async () => {
    const user = await createTestUser();
    const now = clockNow();
    const first = await fail(user, "limited-module", now);
    expect(await outcome(user, "limited-module", first.attemptId)).toMatchObject({ next: { kind: "now" } });
    const second = await fail(user, "limited-module", now);
    expect(await outcome(user, "limited-module", second.attemptId)).toMatchObject({ next: { kind: "none-left" } });
    // The first attempt's page now says the same: it reads the state at load time.
    expect(await outcome(user, "limited-module", first.attemptId)).toMatchObject({ next: { kind: "none-left" } });
  });
});
