// Trainer insight: per-module quiz figures and per-question share answered correctly, graded
// from the stored draws and answers; totals only, in the viewer's language.
import { beforeAll, describe, expect, it } from "vitest";
import { getContent } from "~/content/registry.server";
import { getDb } from "~/db/client.server";
import { quizAttempts } from "~/db/schema";
import { getOwnAttempt, startAttempt, submitAttempt } from "~/learning/quiz.server";
import { recordLessonOpened } from "~/learning/progress.server";
import { trainerInsight, type ModuleInsight } from "~/reports/insight.server";
import * as insightRoute from "~/routes/trainer.insight";
import { newId } from "~/utils/ids.server";
import { createTestUser, makeRequest, routeArgs, run, sessionCookie, unwrap } from "../setup/factories";
import { answerForm, completeAllLessons, moduleBySlug } from "../setup/learning";
import { clockNow } from "~/utils/clock.server";

type TestUser = Awaited<ReturnType<typeof createTestUser>>;
const learners: TestUser[] = [];

async function attempt(user: TestUser, slug: string, when: Date, pick: (questionId: string) => "right" | "wrong") {
  const mod = await moduleBySlug(slug);
  const started = await startAttempt(user, mod, when);
  if (!started.ok) throw new Error(started.reason);
  const a = (await getOwnAttempt(user, started.attemptId, slug))!;
  const result = await submitAttempt(
    user,
    mod,
    a,
    answerForm(mod, a, (id) => pick(id)),
    "en",
    when,
  );
  if (!result.ok) throw new Error("not submitted");
  return result;
}

beforeAll(async () => {
  const mod = await moduleBySlug("quick-module");
  const t0 = new Date(clockNow().getTime() - 3 * 3_600_000);
  // Past the fixture module's one-hour cooldown.
  const later = new Date(t0.getTime() + 3_600_000 + 60_000);
  for (const name of ["Alya Right", "Bayu Second", "Citra Partial", "Dimas Reader", "Eka Oldversion"]) {
    learners.push(await createTestUser({ displayName: name }));
  }
  const [a, b, c, d, e] = learners as [TestUser, TestUser, TestUser, TestUser, TestUser];
  for (const u of [a, b, c]) await completeAllLessons(u.id, mod, t0);
  await attempt(a, "quick-module", t0, () => "right");
  await attempt(b, "quick-module", t0, () => "wrong");
  await attempt(b, "quick-module", later, () => "right");
  await attempt(c, "quick-module", t0, (id) => (id === "conversation" ? "right" : "wrong"));
  await recordLessonOpened(d.id, "quick-module", mod.lessons[0]!.slug, 5, t0);
  // An attempt on an older major version: counts for the module, not for today's questions.
  await getDb()
    .insert(quizAttempts)
    .values({
      id: newId(),
      userId: e.id,
      moduleSlug: "quick-module",
      attemptNumber: 1,
      moduleMajorVersion: mod.majorVersion - 1,
      moduleContentHash: "old",
      draw: [{ questionId: "conversation", optionOrder: [0, 1, 2] }],
      answers: { conversation: [1] },
      score: 0,
      passed: false,
      startedAt: t0,
      submittedAt: t0,
    });
});

const quickOf = (modules: ModuleInsight[]) => modules.find((m) => m.slug === "quick-module")!;

describe("trainer insight", () => {
  it("counts learners, passes, scores and attempts to pass per module", async () => {
    const trainer = await createTestUser({ role: "trainer" });
    const quick = quickOf(await trainerInsight(trainer, await getContent(), "en"));
    expect(quick).toMatchObject({ started: 5, tookQuiz: 4, passed: 2, averageAttemptsToPass: 1.5 });
    expect(quick.passRate).toBeCloseTo(2 / 4);
    expect(quick.averageScore).toBeCloseTo((100 + 0 + 100 + 33 + 0) / 5);
  });

  it("gives each question's share answered correctly, from the current version's attempts", async () => {
    const trainer = await createTestUser({ role: "trainer" });
    const quick = quickOf(await trainerInsight(trainer, await getContent(), "en"));
    const byId = new Map(quick.questions.map((q) => [q.id, q]));
    expect(byId.get("conversation")).toMatchObject({
      answered: 4,
      correct: 3,
      share: 0.75,
      flagged: false,
      prompt: "What is social media for a library?",
    });
    expect(byId.get("good-post")).toMatchObject({ answered: 4, correct: 2, share: 0.5 });
    expect(byId.get("consistency")).toMatchObject({ answered: 4, correct: 2, type: "true-false" });
    // Too few answers to flag anything yet.
    expect(quick.questions.every((q) => !q.flagged)).toBe(true);
    const limited = (await trainerInsight(trainer, await getContent(), "en")).find((m) => m.slug === "limited-module")!;
    expect(limited.questions.every((q) => q.answered === 0 && q.share === null)).toBe(true);
  });

  it("flags a question most learners get wrong once enough have answered", async () => {
    const mod = await moduleBySlug("quick-module");
    const t0 = new Date(clockNow().getTime() - 1_800_000);
    for (let i = 0; i < 4; i++) {
      const u = await createTestUser();
      await completeAllLessons(u.id, mod, t0);
      await attempt(u, "quick-module", t0, (id) => (id === "good-post" ? "wrong" : "right"));
    }
    const trainer = await createTestUser({ role: "trainer" });
    const goodPost = quickOf(await trainerInsight(trainer, await getContent(), "en")).questions.find((q) => q.id === "good-post")!;
    expect(goodPost).toMatchObject({ answered: 8, correct: 2, share: 0.25, flagged: true });
  });

  it("shows the prompt in the viewer's language, and no names", async () => {
    const trainer = await createTestUser({ role: "trainer", locale: "id" });
    const cookie = await sessionCookie(trainer.id);
    const { value } = await run(() => insightRoute.loader(routeArgs(makeRequest("/trainer/insight", { cookie })) as never));
    const data = unwrap(value).data as { modules: ModuleInsight[] };
    expect(quickOf(data.modules).questions.find((q) => q.id === "conversation")!.prompt).toBe("Apa arti media sosial bagi perpustakaan?");
    expect(quickOf(data.modules).title).toBe("Modul singkat");
    const json = JSON.stringify(data);
    for (const l of learners) {
      expect(json).not.toContain(l.displayName);
      expect(json).not.toContain(l.email);
      expect(json).not.toContain(l.id);
    }
    expect(data.modules.some((m) => m.draft)).toBe(true);
  });

  it("is for trainers, HR and admins only", async () => {
    const staff = await createTestUser();
    await expect(trainerInsight(staff, {} as never, "en")).rejects.toThrow();
    const cookie = await sessionCookie(staff.id);
    const { thrown, value } = await run(() => insightRoute.loader(routeArgs(makeRequest("/trainer/insight", { cookie })) as never));
    expect(thrown).toBe(true);
    expect((value as Response).status).toBe(403);
    const hr = await createTestUser({ role: "hr" });
    expect(quickOf(await trainerInsight(hr, await getContent(), "en")).tookQuiz).toBeGreaterThan(0);
  });
});
