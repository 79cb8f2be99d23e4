// The quiz result page says what happened (issue 26): a certificate to open, a practical task
// still to be approved (with its state), or what to reread and when the next attempt opens.
import "../setup/practice-env";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "~/db/client.server";
import { certificates } from "~/db/schema";
import type { QuizOutcome } from "~/learning/quiz-outcome.server";
import { getOwnAttempt, startAttempt, submitAttempt } from "~/learning/quiz.server";
import { saveDraft, submitWork } from "~/practice/submissions.server";
import { decideSubmission } from "~/practice/review.server";
import * as attemptRoute from "~/routes/learn.$module.quiz.$attemptId";
import { createTestUser, makeRequest, routeArgs, sessionCookie } from "../setup/factories";
import { answerForm, completeAllLessons, moduleBySlug } from "../setup/learning";
import { createMentor } from "../setup/practice";

type ResultData = { kind: "result"; result: { passed: boolean; score: number }; outcome: QuizOutcome };

async function takeQuiz(user: { id: string }, slug: string, answer: "right" | "wrong") {
  const mod = await moduleBySlug(slug);
  await completeAllLessons(user.id, mod);
  const started = await startAttempt(user, mod);
  if (!started.ok) throw new Error(`could not start: ${started.reason}`);
  const attempt = (await getOwnAttempt(user, started.attemptId, mod.slug))!;
  const result = await submitAttempt(
    user,
    mod,
    attempt,
    answerForm(mod, attempt, () => answer),
    "en",
  );
  if (!result.ok) throw new Error("not graded");
  return { mod, attemptId: attempt.id, result };
}

async function resultPage(user: { id: string }, slug: string, attemptId: string) {
  const cookie = await sessionCookie(user.id);
  const data = await attemptRoute.loader(
    routeArgs(makeRequest(`/learn/${slug}/quiz/${attemptId}`, { cookie }), { module: slug, attemptId }) as never,
  );
  return data as unknown as ResultData;
}

const approve = {
  decision: "approved" as const,
  levels: { audience: 3, tone: 2 },
  comments: { audience: "Good.", tone: "Good." },
  overall: "Well done.",
};
const changes = {
  decision: "changes-requested" as const,
  levels: { audience: 1, tone: 1 },
  comments: { audience: "More.", tone: "More." },
  overall: "Almost.",
};

describe("a passed quiz in a module that also needs its practical task", () => {
  it("says the task is not approved yet and follows its state until the certificate is issued", async () => {
    const user = await createTestUser();
    const mentor = await createMentor("Regency communication office", [{ moduleSlug: "practice-module" }]);
    const { mod, attemptId, result } = await takeQuiz(user, "practice-module", "right");
    expect(result).toMatchObject({ passed: true, certificateId: null });

    const standing = async () => {
      const page = await resultPage(user, mod.slug, attemptId);
      expect(page.result.passed).toBe(true);
      return page.outcome;
    };
    expect(await standing()).toEqual({
      kind: "awaiting-tasks",
      tasks: [{ slug: "voice-guide", title: "Write your library's voice guide", standing: "not-handed-in" }],
    });

    const task = mod.tasks.find((t) => t.slug === "voice-guide")!;
    expect(
      await saveDraft(user, mod, task, {
        text: "We talk to parents and students: warm, plain, curious.",
        link: null,
        removeFileIds: [],
        upload: null,
      }),
    ).toEqual({
      ok: true,
    });
    // A draft is not handed in.
    expect(await standing()).toMatchObject({ tasks: [{ standing: "not-handed-in" }] });
    expect(await submitWork(user, mod, task)).toMatchObject({ ok: true });
    expect(await standing()).toMatchObject({ kind: "awaiting-tasks", tasks: [{ standing: "waiting-for-review" }] });

    const submissionId = (
      await getDb()
        .select()
        .from((await import("~/db/schema")).taskSubmissions)
    ).find((s) => s.userId === user.id)!.id;
    expect(await decideSubmission(mentor, submissionId, mod, task, changes)).toEqual({ ok: true, certificateId: null });
    expect(await standing()).toMatchObject({ kind: "awaiting-tasks", tasks: [{ standing: "changes-requested" }] });

    expect(await submitWork(user, mod, task)).toMatchObject({ ok: true });
    const decided = await decideSubmission(mentor, submissionId, mod, task, approve);
    expect(decided.ok && decided.certificateId).toBeTruthy();
    const cert = (await getDb().select().from(certificates).where(eq(certificates.userId, user.id)))[0]!;
    expect(cert.attemptId).toBe(attemptId);
    expect(await standing()).toEqual({ kind: "certified", certificateId: cert.id, code: cert.code });
  });
});

describe("a passed quiz in a quiz-only module", () => {
  it("links to the certificate the pass issued", async () => {
    const user = await createTestUser();
    const { attemptId, result } = await takeQuiz(user, "quiz-only-module", "right");
    const page = await resultPage(user, "quiz-only-module", attemptId);
    const cert = (await getDb().select().from(certificates).where(eq(certificates.attemptId, attemptId)))[0]!;
    expect(result.ok && result.certificateId).toBe(cert.id);
    expect(page.outcome).toEqual({ kind: "certified", certificateId: cert.id, code: cert.code });
  });
});

describe("a failed quiz", () => {
  it("names the lessons to reread and says the next attempt is open now (no cooldown); once passed, there is nothing to retry", async () => {
    const user = await createTestUser();
    const { mod, attemptId } = await takeQuiz(user, "practice-module", "wrong");
    const page = await resultPage(user, mod.slug, attemptId);
    expect(page.result.passed).toBe(false);
    expect(page.outcome).toEqual({
      kind: "failed",
      reread: [{ slug: "voice", title: mod.lessons[0]!.translations.en!.title }],
      next: { kind: "now" },
    });

    await takeQuiz(user, "practice-module", "right");
    expect((await resultPage(user, mod.slug, attemptId)).outcome).toMatchObject({ kind: "failed", next: { kind: "since-passed" } });
  });
});
