import { todayIn } from "~/utils/dates";
import type { User } from "lucia";
import type { Locale } from "~/db/schema";
import { pick, type ContentModule } from "~/content/model";
import { visibleModules, type ContentState } from "~/content/registry.server";
import { certificatesOf } from "~/certificates/issue.server";
import { assignmentsForUser, isOverdue } from "./assignments.server";
import { progressFor } from "./progress.server";
import { allAttemptSummariesOf } from "./quiz.server";
import { moduleStatus, type ModuleStatus } from "./status.server";
import { clockNow } from "~/utils/clock.server";

export type LearningCard = {
  slug: string;
  courseSlug: string;
  title: string;
  summary: string;
  estimatedMinutes: number;
  status: ModuleStatus["status"];
  lessonsDone: number;
  lessonsTotal: number;
  minutesLeft: number;
  resumeTo: string;
  attemptsLeft: number | null;
  lockedUntil: string | null;
  dueDate: string | null;
  overdue: boolean;
  unavailable: boolean;
  certificateExpiresAt: string | null;
};

/** Where "Resume" goes: the first unfinished lesson, else the quiz, else the module page. */
export function resumeTarget(mod: ContentModule, s: ModuleStatus) {
  if (s.nextLessonSlug) return `/learn/${mod.slug}/${s.nextLessonSlug}`;
  if (s.status === "ready-for-quiz" || s.status === "failed" || s.status === "expired") return `/learn/${mod.slug}/quiz`;
  return `/learn/${mod.slug}`;
}

/** The staff home page: every published module with the learner's status, assigned ones first. */
export async function myLearning(user: User, state: ContentState, locale: Locale, timeZone: string, now = clockNow()) {
  const [progress, attempts, certs, assigned] = await Promise.all([
    progressFor(user.id),
    allAttemptSummariesOf(user.id),
    certificatesOf(user.id),
    assignmentsForUser(user),
  ]);
  const today = todayIn(timeZone, now);
  const cards: LearningCard[] = visibleModules(state, "staff").map((mod) => {
    const s = moduleStatus(
      mod,
      progress.filter((p) => p.moduleSlug === mod.slug),
      attempts.filter((a) => a.moduleSlug === mod.slug),
      certs.filter((c) => c.moduleSlug === mod.slug),
      now,
    );
    const assignment = assigned.get(mod.slug);
    // An expired certificate makes an assigned module due again.
    const passed = s.status === "passed";
    return {
      slug: mod.slug,
      courseSlug: mod.courseSlug,
      title: pick(mod.title, locale),
      summary: pick(mod.summary, locale),
      estimatedMinutes: mod.settings.estimatedMinutes,
      status: s.status,
      lessonsDone: s.lessonsDone,
      lessonsTotal: s.lessonsTotal,
      minutesLeft: s.minutesLeft,
      resumeTo: resumeTarget(mod, s),
      attemptsLeft: s.attemptsLeft,
      lockedUntil: s.lockedUntil?.toISOString() ?? null,
      dueDate: assignment?.dueDate ?? null,
      overdue: assignment ? isOverdue(assignment.dueDate, passed, today) : false,
      unavailable: state.broken.has(mod.slug),
      certificateExpiresAt: s.validCertificate?.expiresAt?.toISOString() ?? null,
    };
  });
  const assignedCards = cards.filter((c) => c.dueDate).sort((a, b) => a.dueDate!.localeCompare(b.dueDate!));
  const others = cards.filter((c) => !c.dueDate);
  return { assigned: assignedCards, others };
}
