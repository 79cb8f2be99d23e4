import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "~/db/client.server";
import { certificates, lessonProgress, quizAttempts } from "~/db/schema";
import { drawQuestions, gradeAttempt, isAnswerCorrect } from "~/learning/grading.server";
import { getOwnAttempt, startAttempt, submitAttempt } from "~/learning/quiz.server";
import { moduleStatus } from "~/learning/status.server";
import { progressFor, recordLessonOpened, markLessonComplete } from "~/learning/progress.server";
import { certificatesOf } from "~/certificates/issue.server";
import { openAttemptView } from "~/learning/quiz-view.server";
import * as attemptRoute from "~/routes/learn.$module.quiz.$attemptId";
import * as lessonRoute from "~/routes/learn.$module.$lesson";
import * as myLearningRoute from "~/routes/learn._index";
import { createTestUser, makeRequest, routeArgs, run, sessionCookie, unwrap } from "../setup/factories";
import { answerForm, completeAllLessons, formToRecord, moduleBySlug } from "../setup/learning";
import { clockNow } from "~/utils/clock.server";
import { refusedAsDuplicate } from "../setup/db-errors";

const db = () => getDb();
const statusOf = async (userId: string, slug: string, now = clockNow()) => {
  const mod = await moduleBySlug(slug);
  return moduleStatus(
    mod,
    await progressFor(userId, slug),
    await db().select().from(quizAttempts).where(eq(quizAttempts.userId, userId)),
    await certificatesOf(userId, slug),
    now,
  );
};

describe("grading", () => {
  it("scores every question type: exact answers right, partial or extra answers wrong", async () => {
    const mod = await moduleBySlug("quick-module");
    const single = mod.quiz!.questions.find((q) => q.type === "single")!;
    const multiple = mod.quiz!.questions.find((q) => q.type === "multiple")!;
    const trueFalse = mod.quiz!.questions.find((q) => q.type === "true-false")!;
    expect(isAnswerCorrect(single, [0])).toBe(true);
    expect(isAnswerCorrect(single, [1])).toBe(false);
    expect(isAnswerCorrect(multiple, [0, 1])).toBe(true);
    expect(isAnswerCorrect(multiple, [0]), "one of two correct options is not enough").toBe(false);
    expect(isAnswerCorrect(multiple, [0, 1, 2]), "a wrong extra option spoils it").toBe(false);
    expect(isAnswerCorrect(trueFalse, [0])).toBe(true);
    expect(isAnswerCorrect(trueFalse, [1])).toBe(false);
    expect(isAnswerCorrect(single, [])).toBe(false);

    const scenario = (await moduleBySlug("limited-module")).quiz!.questions.find((q) => q.type === "scenario")!;
    expect(scenario.post?.text.en).toBe("Are you open on Sunday?");
    expect(isAnswerCorrect(scenario, [0])).toBe(true);

    const draw = mod.quiz!.questions.map((q) => ({ questionId: q.id, optionOrder: q.options.map((_, i) => i) }));
    const grade = gradeAttempt(mod.quiz!, draw, { [single.id]: [0], [multiple.id]: [0], [trueFalse.id]: [0] });
    expect(grade).toMatchObject({ score: 67, correctCount: 2, total: 3 });
  });

  it("draws N distinct questions from the pool with a permutation of each question's options", async () => {
    const mod = await moduleBySlug("limited-module");
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) {
      const draw = drawQuestions({ ...mod.quiz!, draw: 1 });
      expect(draw).toHaveLength(1);
      seen.add(draw[0]!.questionId);
      const q = mod.quiz!.questions.find((x) => x.id === draw[0]!.questionId)!;
      expect([...draw[0]!.optionOrder].sort()).toEqual(q.options.map((_, idx) => idx));
    }
    expect(seen.size, "both pool questions get drawn over 40 draws").toBe(2);
  });
});

describe("attempts", () => {
  it("cannot start before every lesson is complete", async () => {
    const user = await createTestUser();
    const mod = await moduleBySlug("quick-module");
    expect(await startAttempt(user, mod)).toEqual({ ok: false, reason: "lessons-incomplete" });
    await markLessonComplete(user.id, mod.slug, mod.lessons[0]!.slug, 3);
    expect(await startAttempt(user, mod)).toEqual({ ok: false, reason: "lessons-incomplete" });
  });

  it("resumes the open attempt with its draw and saved answers", async () => {
    const user = await createTestUser();
    const mod = await moduleBySlug("quick-module");
    await completeAllLessons(user.id, mod);
    const first = await startAttempt(user, mod);
    const again = await startAttempt(user, mod);
    expect(first.ok && again.ok && again.attemptId === first.attemptId && again.resumed).toBe(true);
    const attempt = (await getOwnAttempt(user, (first as { attemptId: string }).attemptId, mod.slug))!;
    // Answer only the first question, then submit: it is pointed out and kept.
    const partial = answerForm(mod, attempt, (_, i) => (i === 0 ? "right" : "skip"));
    const result = await submitAttempt(user, mod, attempt, partial, "en");
    expect(result.ok).toBe(false);
    expect((result as { unanswered: string[] }).unanswered).toHaveLength(attempt.draw.length - 1);
    const reloaded = (await getOwnAttempt(user, attempt.id, mod.slug))!;
    expect(reloaded.submittedAt).toBeNull();
    const view = openAttemptView(mod, reloaded, "en");
    expect(view.map((q) => q.id)).toEqual(attempt.draw.map((d) => d.questionId));
    expect(view[0]!.options.some((o) => o.selected)).toBe(true);
    expect(view[1]!.options.some((o) => o.selected)).toBe(false);
  });

  it("enforces the cooldown after a failed attempt, then passes and issues one certificate", async () => {
    const user = await createTestUser();
    const mod = await moduleBySlug("quick-module");
    const t0 = new Date("2026-03-01T08:00:00Z");
    await completeAllLessons(user.id, mod, t0);
    const a1 = (await startAttempt(user, mod, t0)) as { attemptId: string };
    const attempt1 = (await getOwnAttempt(user, a1.attemptId, mod.slug))!;
    const failed = await submitAttempt(
      user,
      mod,
      attempt1,
      answerForm(mod, attempt1, (_, i) => (i === 0 ? "wrong" : "right")),
      "en",
      t0,
    );
    expect(failed.ok && !failed.passed && failed.grade.score).toBe(67);
    const t1 = new Date(t0.getTime() + 1000);
    expect((await statusOf(user.id, mod.slug, t1)).status).toBe("locked");
    expect(await startAttempt(user, mod, t1)).toMatchObject({ ok: false, reason: "cooldown", until: new Date(t0.getTime() + 3_600_000) });
    const t2 = new Date(t0.getTime() + 3_600_000);
    expect((await statusOf(user.id, mod.slug, t2)).status).toBe("failed");
    const a2 = (await startAttempt(user, mod, t2)) as { attemptId: string; ok: boolean };
    expect(a2.ok).toBe(true);
    const attempt2 = (await getOwnAttempt(user, a2.attemptId, mod.slug))!;
    expect(attempt2.attemptNumber).toBe(2);
    expect(attempt2.moduleContentHash).toBe(mod.contentHash);
    expect(attempt2.moduleMajorVersion).toBe(1);
    const passed = await submitAttempt(user, mod, attempt2, answerForm(mod, attempt2), "en", t2);
    expect(passed.ok && passed.passed && passed.grade.score).toBe(100);
    const status = await statusOf(user.id, mod.slug, t2);
    expect(status.status).toBe("passed");
    expect(status.lessonsDone).toBe(status.lessonsTotal);
    const certs = await db().select().from(certificates).where(eq(certificates.userId, user.id));
    expect(certs).toHaveLength(1);
    expect(certs[0]).toMatchObject({ attemptId: attempt2.id, score: 100, moduleSlug: "quick-module", moduleTitle: "Quick module" });
    expect(await startAttempt(user, mod, t2)).toEqual({ ok: false, reason: "already-passed" });
  });

  it("grades once: a double submit or a replayed POST changes nothing", async () => {
    const user = await createTestUser();
    const mod = await moduleBySlug("quick-module");
    await completeAllLessons(user.id, mod);
    const { attemptId } = (await startAttempt(user, mod)) as { attemptId: string };
    const stale = (await getOwnAttempt(user, attemptId, mod.slug))!;
    const first = await submitAttempt(user, mod, stale, answerForm(mod, stale), "en");
    // The second request still holds the attempt as it was before grading (a race).
    const second = await submitAttempt(
      user,
      mod,
      stale,
      answerForm(mod, stale, () => "wrong"),
      "en",
    );
    expect(first.ok && first.passed).toBe(true);
    expect(second.ok && second.alreadyGraded && second.passed && second.grade.score).toBe(100);
    const rows = await db().select().from(quizAttempts).where(eq(quizAttempts.userId, user.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.score).toBe(100);
    expect(await db().select().from(certificates).where(eq(certificates.userId, user.id))).toHaveLength(1);

    // And through the route: the replayed POST redirects to the same result.
    const cookie = await sessionCookie(user.id);
    const replay = await run(() =>
      attemptRoute.action(
        routeArgs(makeRequest(`/learn/quick-module/quiz/${attemptId}`, { cookie, form: formToRecord(answerForm(mod, stale, () => "wrong")) }), {
          module: "quick-module",
          attemptId,
        }) as never,
      ),
    );
    expect((replay.value as Response).headers.get("Location")).toBe(`/learn/quick-module/quiz/${attemptId}`);
    expect((await db().select().from(quizAttempts).where(eq(quizAttempts.id, attemptId)))[0]!.score).toBe(100);
  });

  it("lets two racing starts create only one open attempt", async () => {
    const user = await createTestUser();
    const mod = await moduleBySlug("quick-module");
    await completeAllLessons(user.id, mod);
    const [a, b] = await Promise.all([Promise.resolve().then(() => startAttempt(user, mod)), Promise.resolve().then(() => startAttempt(user, mod))]);
    expect((a as { attemptId: string }).attemptId).toBe((b as { attemptId: string }).attemptId);
    // The database itself refuses a second open attempt, whatever the code does.
    await refusedAsDuplicate(
      db().insert(quizAttempts).values({
        id: "intruder",
        userId: user.id,
        moduleSlug: mod.slug,
        attemptNumber: 99,
        moduleMajorVersion: 1,
        moduleContentHash: "x",
        draw: [],
        startedAt: clockNow(),
      }),
    );
  });

  it("stops at the maximum number of attempts", async () => {
    const user = await createTestUser();
    const mod = await moduleBySlug("limited-module");
    await completeAllLessons(user.id, mod);
    for (let i = 0; i < 2; i++) {
      const { attemptId } = (await startAttempt(user, mod)) as { attemptId: string };
      const attempt = (await getOwnAttempt(user, attemptId, mod.slug))!;
      const r = await submitAttempt(
        user,
        mod,
        attempt,
        answerForm(mod, attempt, () => "wrong"),
        "en",
      );
      expect(r.ok && r.passed).toBe(false);
    }
    expect(await startAttempt(user, mod)).toEqual({ ok: false, reason: "no-attempts-left" });
    const s = await statusOf(user.id, mod.slug);
    expect(s).toMatchObject({ status: "locked", lockedUntil: null, attemptsLeft: 0, attemptsUsed: 2 });
  });
});

describe("the quiz page", () => {
  it("sends no answer key, explanation or feedback while the attempt is open", async () => {
    const user = await createTestUser();
    const mod = await moduleBySlug("quick-module");
    await completeAllLessons(user.id, mod);
    const { attemptId } = (await startAttempt(user, mod)) as { attemptId: string };
    const cookie = await sessionCookie(user.id);
    const data = await attemptRoute.loader(
      routeArgs(makeRequest(`/learn/quick-module/quiz/${attemptId}`, { cookie }), { module: "quick-module", attemptId }) as never,
    );
    const json = JSON.stringify(data);
    expect(json).not.toMatch(/correct/i);
    for (const q of mod.quiz!.questions) {
      expect(json).not.toContain(q.explanation.en);
      for (const o of q.options) if (o.feedback) expect(json).not.toContain(o.feedback.en);
    }
    // Option values are display positions, not indexes into the file's option order.
    const opts = (data as { questions: { options: { position: number }[] }[] }).questions.flatMap((q) => q.options.map((o) => o.position));
    expect(Math.max(...opts)).toBeLessThan(3);
  });

  it("shows another person's attempt as not found", async () => {
    const owner = await createTestUser();
    const other = await createTestUser();
    const mod = await moduleBySlug("quick-module");
    await completeAllLessons(owner.id, mod);
    const { attemptId } = (await startAttempt(owner, mod)) as { attemptId: string };
    const cookie = await sessionCookie(other.id);
    const { value } = await run(() =>
      attemptRoute.loader(
        routeArgs(makeRequest(`/learn/quick-module/quiz/${attemptId}`, { cookie }), { module: "quick-module", attemptId }) as never,
      ),
    );
    expect((value as Response).status).toBe(404);
  });

  it("404s a draft module for staff", async () => {
    const user = await createTestUser({ role: "trainer" });
    const cookie = await sessionCookie(user.id);
    const { value } = await run(() =>
      lessonRoute.loader(
        routeArgs(makeRequest("/learn/draft-module/draft-lesson", { cookie }), { module: "draft-module", lesson: "draft-lesson" }) as never,
      ),
    );
    expect((value as Response).status).toBe(404);
  });
});

describe("lessons and My learning", () => {
  it("records opening and completing a lesson, with time capped", async () => {
    const user = await createTestUser();
    const t0 = new Date("2026-05-01T09:00:00Z");
    await recordLessonOpened(user.id, "quick-module", "first-lesson", 3, t0);
    // Left open for two hours: counts at most 3 × 3 minutes.
    await markLessonComplete(user.id, "quick-module", "first-lesson", 3, new Date(t0.getTime() + 2 * 3_600_000));
    const row = (
      await db()
        .select()
        .from(lessonProgress)
        .where(and(eq(lessonProgress.userId, user.id), eq(lessonProgress.lessonSlug, "first-lesson")))
    )[0]!;
    expect(row.firstOpenedAt).toEqual(t0);
    expect(row.secondsSpent).toBe(9 * 60);
    expect(row.completedAt).not.toBeNull();
  });

  it("marks complete with a plain form and leads to the quiz after the last lesson", async () => {
    const user = await createTestUser();
    const cookie = await sessionCookie(user.id);
    const post = (lesson: string) =>
      run(() =>
        lessonRoute.action(
          routeArgs(makeRequest(`/learn/quick-module/${lesson}`, { cookie, form: { intent: "complete" } }), {
            module: "quick-module",
            lesson,
          }) as never,
        ),
      );
    expect(((await post("first-lesson")).value as Response).headers.get("Location")).toBe("/learn/quick-module/second-lesson");
    expect(((await post("second-lesson")).value as Response).headers.get("Location")).toBe("/learn/quick-module/quiz");
    const home = unwrap(await myLearningRoute.loader(routeArgs(makeRequest("/learn", { cookie })) as never)).data as {
      others: { slug: string; status: string; lessonsDone: number; resumeTo: string }[];
    };
    const quick = home.others.find((c) => c.slug === "quick-module")!;
    expect(quick).toMatchObject({ status: "ready-for-quiz", lessonsDone: 2, resumeTo: "/learn/quick-module/quiz" });
    expect(home.others.map((c) => c.slug)).not.toContain("draft-module");
  });

  it("shows an English-only lesson to Indonesian readers with a notice", async () => {
    const user = await createTestUser({ locale: "id" });
    const cookie = await sessionCookie(user.id);
    const data = (await lessonRoute.loader(
      routeArgs(makeRequest("/learn/quick-module/second-lesson", { cookie }), { module: "quick-module", lesson: "second-lesson" }) as never,
    )) as { fallback: boolean; lang: string; title: string };
    expect(data).toMatchObject({ fallback: true, lang: "en", title: "Second lesson" });
  });
});
