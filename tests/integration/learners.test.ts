import { describe, expect, it } from "vitest";
import * as learnersRoute from "~/routes/trainer.learners";
import { startAttempt, getOwnAttempt, submitAttempt } from "~/learning/quiz.server";
import { markLessonComplete } from "~/learning/progress.server";
import { createTestUser, makeRequest, routeArgs, run, sessionCookie } from "../setup/factories";
import { answerForm, completeAllLessons, moduleBySlug } from "../setup/learning";

describe("trainers see the learners of a module", () => {
  it("lists who started the module, with the same status the learner sees", async () => {
    const mod = await moduleBySlug("quick-module");
    const reader = await createTestUser({ displayName: "Rina Reader" });
    await markLessonComplete(reader.id, mod.slug, mod.lessons[0]!.slug, 3);
    const passer = await createTestUser({ displayName: "Putu Passer" });
    await completeAllLessons(passer.id, mod);
    const { attemptId } = (await startAttempt(passer, mod)) as { attemptId: string };
    const attempt = (await getOwnAttempt(passer, attemptId, mod.slug))!;
    await submitAttempt(passer, mod, attempt, answerForm(mod, attempt), "en");
    await createTestUser({ displayName: "Nina Never" });

    const trainer = await createTestUser({ role: "trainer" });
    const data = (await learnersRoute.loader(
      routeArgs(makeRequest("/trainer/learners?module=quick-module", { cookie: await sessionCookie(trainer.id) })) as never,
    )) as {
      total: number;
      rows: { name: string; status: string; lessonsDone: number; attempts: number; bestScore: number | null }[];
    };
    expect(data.total).toBe(2);
    expect(data.rows).toEqual([
      expect.objectContaining({ name: "Putu Passer", status: "passed", lessonsDone: 2, attempts: 1, bestScore: 100 }),
      expect.objectContaining({ name: "Rina Reader", status: "in-progress", lessonsDone: 1, attempts: 0, bestScore: null }),
    ]);
  });

  it("refuses staff", async () => {
    const staff = await createTestUser();
    const anonymous = await run(() => learnersRoute.loader(routeArgs(makeRequest("/trainer/learners")) as never));
    expect((anonymous.value as Response).status).toBe(302);
    const forbidden = await run(async () =>
      learnersRoute.loader(routeArgs(makeRequest("/trainer/learners", { cookie: await sessionCookie(staff.id) })) as never),
    );
    expect((forbidden.value as Response).status).toBe(403);
  });
});
