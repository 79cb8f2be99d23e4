// A person's practical work on one module, as the training record shows it: one status for the
// module's tasks together. Shared by the server (rows, exports) and the page (labels).
import type { MessageKey } from "~/i18n/translate";

/** In the order work moves through them (also the order the dashboard lists them in). */
export const PRACTICE_STATUSES = ["not-started", "draft", "submitted", "in-review", "changes-requested", "approved"] as const;
export type PracticeStatus = (typeof PRACTICE_STATUSES)[number];

export const PRACTICE_LABELS = {
  "not-started": "report.practice.notStarted",
  draft: "report.practice.draft",
  submitted: "report.practice.submitted",
  "in-review": "report.practice.inReview",
  "changes-requested": "report.practice.changesRequested",
  approved: "report.practice.approved",
} as const satisfies Record<PracticeStatus, MessageKey>;

/** One task's state as a reviewer sees it: "in review" is a submitted one with a live claim. */
export type TaskState = { taskSlug: string; state: "draft" | "submitted" | "changes-requested" | "approved"; claimExpiresAt: Date | null };

/**
 * The module's practical status from its tasks' states: approved when every task is; otherwise
 * the state that asks for someone's action first (the learner's changes, then the reviewer's
 * work in hand, then work waiting), else a draft, else not started. Work on tasks no longer in
 * the module does not count.
 */
export function practiceStatusOf(taskSlugs: readonly string[], states: readonly TaskState[], now: Date) {
  const current = new Set(taskSlugs);
  const shown = new Set<PracticeStatus>();
  let approved = 0;
  for (const s of states) {
    if (!current.has(s.taskSlug)) continue;
    if (s.state === "approved") approved++;
    shown.add(s.state === "submitted" && s.claimExpiresAt !== null && s.claimExpiresAt > now ? "in-review" : s.state);
  }
  const status: PracticeStatus =
    approved === current.size
      ? "approved"
      : ((["changes-requested", "in-review", "submitted", "draft"] as const).find((s) => shown.has(s)) ?? (approved > 0 ? "draft" : "not-started"));
  return { status, tasksApproved: approved, tasksTotal: current.size };
}
