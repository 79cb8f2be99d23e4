import type { User } from "lucia";
import type { Locale } from "~/db/schema";
import { pick, type ContentModule } from "~/content/model";
import { lessonTranslation } from "~/content/registry.server";
import { certificatesOf } from "~/certificates/issue.server";
import { attemptSummariesOf } from "./quiz.server";
import { completedLessonSlugs, progressFor } from "./progress.server";
import { moduleStatus } from "./status.server";
import { resumeTarget } from "./my-learning.server";
import { clockNow } from "~/utils/clock.server";

/** Everything the module page and the lesson outline show, for one learner. */
export async function moduleView(user: Pick<User, "id">, mod: ContentModule, locale: Locale, now = clockNow()) {
  const [progress, attempts, certs] = await Promise.all([
    progressFor(user.id, mod.slug),
    attemptSummariesOf(user.id, mod.slug),
    certificatesOf(user.id, mod.slug),
  ]);
  const status = moduleStatus(mod, progress, attempts, certs, now);
  const done = completedLessonSlugs(mod, progress);
  return {
    slug: mod.slug,
    title: pick(mod.title, locale),
    summary: pick(mod.summary, locale),
    settings: mod.settings,
    questionsPerAttempt: mod.quiz?.draw ?? 0,
    lessons: mod.lessons.map((l) => {
      const { translation, fallback } = lessonTranslation(l, locale);
      return { slug: l.slug, title: translation.title, minutes: translation.minutes, done: done.has(l.slug), fallback };
    }),
    status: {
      status: status.status,
      lessonsDone: status.lessonsDone,
      lessonsTotal: status.lessonsTotal,
      attemptsUsed: status.attemptsUsed,
      attemptsLeft: status.attemptsLeft,
      lockedUntil: status.lockedUntil?.toISOString() ?? null,
      openAttemptId: status.openAttemptId,
      bestScore: status.bestScore,
      certificateId: status.validCertificate?.id ?? null,
      resumeTo: resumeTarget(mod, status),
    },
    attempts: attempts
      .filter((a) => a.submittedAt)
      .map((a) => ({ id: a.id, number: a.attemptNumber, score: a.score ?? 0, passed: Boolean(a.passed), submittedAt: a.submittedAt!.toISOString() }))
      .reverse(),
  };
}
export type ModuleView = Awaited<ReturnType<typeof moduleView>>;
