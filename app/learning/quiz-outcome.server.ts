import type { User } from "lucia";
import { eq } from "drizzle-orm";
import { certificatesOf } from "~/certificates/issue.server";
import type { ContentModule } from "~/content/model";
import { lessonTranslation } from "~/content/registry.server";
import { getDb } from "~/db/client.server";
import { certificates, type Locale } from "~/db/schema";
import { taskSummaries } from "~/practice/task-list.server";
import { clockNow } from "~/utils/clock.server";
import { progressFor } from "./progress.server";
import { attemptSummariesOf } from "./quiz.server";
import { moduleStatus, type Attempt } from "./status.server";
import type { NextAttempt, QuizOutcome, TaskStanding } from "./quiz-outcome-types";

export type { NextAttempt, QuizOutcome, TaskStanding };

function standing(state: Awaited<ReturnType<typeof taskSummaries>>[number]["state"]): TaskStanding {
  if (state === "draft") return "not-handed-in";
  if (state === "submitted" || state === "in-review") return "waiting-for-review";
  return state;
}

/**
 * What a graded attempt means for the learner now: a certificate to open, practical tasks still
 * to be approved (a module that needs both issues nothing on the quiz alone), or what to reread
 * and when the next attempt opens. Read at page load, so it follows later approvals.
 */
export async function quizOutcome(
  user: Pick<User, "id">,
  mod: ContentModule,
  attempt: Attempt,
  locale: Locale,
  now = clockNow(),
): Promise<QuizOutcome> {
  const [certs, progress, attempts] = await Promise.all([
    certificatesOf(user.id, mod.slug),
    progressFor(user.id, mod.slug),
    attemptSummariesOf(user.id, mod.slug),
  ]);
  if (attempt.passed) {
    const [own] = await getDb()
      .select({ id: certificates.id, code: certificates.code, revokedAt: certificates.revokedAt })
      .from(certificates)
      .where(eq(certificates.attemptId, attempt.id));
    const status = moduleStatus(mod, progress, attempts, certs, now);
    const valid = status.validCertificate;
    if (valid && (!own || own.id === valid.id)) return { kind: "certified", certificateId: valid.id, code: valid.code };
    if (!own && mod.completion === "both") {
      return {
        kind: "awaiting-tasks",
        tasks: (await taskSummaries(user, mod, locale, now)).map((t) => ({ slug: t.slug, title: t.title, standing: standing(t.state) })),
      };
    }
    return { kind: "passed" };
  }
  const status = moduleStatus(mod, progress, attempts, certs, now);
  const later = attempts.some((a) => a.attemptNumber > attempt.attemptNumber && a.passed);
  const next: NextAttempt =
    later || status.status === "passed"
      ? { kind: "since-passed" }
      : status.status === "locked"
        ? status.lockedUntil
          ? { kind: "at", at: status.lockedUntil.toISOString() }
          : { kind: "none-left" }
        : { kind: "now" };
  // Quiz questions do not name the lesson they come from: the whole module is what to reread.
  const reread = mod.lessons.map((l) => ({ slug: l.slug, title: lessonTranslation(l, locale).translation.title }));
  return { kind: "failed", reread, next };
}
