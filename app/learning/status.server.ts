import type { ContentModule } from "~/content/model";
import type { quizAttempts } from "~/db/schema";
import { certificateStatus, type Certificate } from "~/certificates/issue.server";
import { completedLessonSlugs, type LessonProgressRow } from "./progress.server";
import { clockNow } from "~/utils/clock.server";
import { MODULE_STATUSES, type ModuleStatusName } from "./status-types";

export type Attempt = typeof quizAttempts.$inferSelect;
/** What the status needs of an attempt: pages that only show the status read these columns, not the draw and answers (JSON). */
export type AttemptSummary = Pick<Attempt, "id" | "moduleSlug" | "attemptNumber" | "startedAt" | "submittedAt" | "score" | "passed">;

export { MODULE_STATUSES };
export type { ModuleStatusName };

export type ModuleStatus = {
  status: ModuleStatusName;
  lessonsDone: number;
  lessonsTotal: number;
  /** Reading minutes of lessons not yet completed. */
  minutesLeft: number;
  /** The first lesson not yet completed (the Resume target), or null when all are done. */
  nextLessonSlug: string | null;
  attemptsUsed: number;
  attemptsLeft: number | null;
  lockedUntil: Date | null;
  openAttemptId: string | null;
  bestScore: number | null;
  validCertificate: Certificate | null;
  /** When the current certification cycle began: attempts before it no longer count. */
  cycleStart: Date | null;
};

/**
 * The derived state of one learner in one module. Nothing here is stored: it follows from
 * lesson progress, attempts and certificates, so it can never disagree with them.
 *
 * not started → in progress → ready for quiz → passed, or failed (attempts left) / locked
 * (cooldown, or no attempts left) → … ; a certificate that expires or is revoked starts a new
 * cycle: the module shows as expired until the learner tries again.
 */
export function moduleStatus(
  mod: ContentModule,
  progress: LessonProgressRow[],
  attempts: AttemptSummary[],
  certs: Certificate[],
  now = clockNow(),
): ModuleStatus {
  const done = completedLessonSlugs(mod, progress);
  const remaining = mod.lessons.filter((l) => !done.has(l.slug));
  const minutesLeft = remaining.reduce((sum, l) => sum + (l.translations.en?.minutes ?? l.translations.id?.minutes ?? 0), 0);
  const mine = certs.filter((c) => c.moduleSlug === mod.slug).sort((a, b) => b.issuedAt.getTime() - a.issuedAt.getTime());
  const valid = mine.find((c) => certificateStatus(c, now) === "valid") ?? null;
  const latest = mine[0];
  const cycleStart = valid ? null : latest ? (latest.revokedAt ?? latest.expiresAt ?? null) : null;
  const inCycle = attempts
    .filter((a) => a.moduleSlug === mod.slug && (!cycleStart || a.startedAt >= cycleStart))
    .sort((a, b) => a.attemptNumber - b.attemptNumber);
  const submitted = inCycle.filter((a) => a.submittedAt);
  const open = inCycle.find((a) => !a.submittedAt) ?? null;
  const maxAttempts = mod.settings.maxAttempts;
  const attemptsLeft = maxAttempts === null ? null : Math.max(0, maxAttempts - submitted.length);
  const scores = submitted.map((a) => a.score ?? 0);
  const base = {
    lessonsDone: done.size,
    lessonsTotal: mod.lessons.length,
    minutesLeft,
    nextLessonSlug: remaining[0]?.slug ?? null,
    attemptsUsed: submitted.length,
    attemptsLeft,
    lockedUntil: null as Date | null,
    openAttemptId: open?.id ?? null,
    bestScore: scores.length > 0 ? Math.max(...scores) : null,
    validCertificate: valid,
    cycleStart,
  };
  if (valid) return { ...base, status: "passed" };
  const last = submitted.at(-1);
  if (latest && !open && !last) return { ...base, status: "expired" };
  if (done.size < mod.lessons.length) {
    return { ...base, status: done.size === 0 && !open && submitted.length === 0 ? "not-started" : "in-progress" };
  }
  // Quiz passed (or no quiz needed) but practical tasks still open: the work goes on.
  if (mod.completion === "tasks" || (!open && submitted.some((a) => a.passed))) return { ...base, status: "in-progress" };
  if (open || !last) return { ...base, status: "ready-for-quiz" };
  if (attemptsLeft === 0) return { ...base, status: "locked" };
  const cooldownEnds = new Date(last.submittedAt!.getTime() + mod.settings.cooldownMs);
  if (cooldownEnds > now) return { ...base, status: "locked", lockedUntil: cooldownEnds };
  return { ...base, status: "failed" };
}
