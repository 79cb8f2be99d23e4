// Mail and in-app notices for practical work: a handed-in version goes to the reviewers who may
// decide it (trainers, and the mentors whose assignment covers the module and the learner's
// unit); a decision goes to the learner. Enqueued inside the hand-in or decision transaction.
import { and, eq, inArray } from "drizzle-orm";
import { rolesWith } from "~/auth/policy";
import type { Tx } from "~/db/client.server";
import { users, type ReviewDecision } from "~/db/schema";
import { enqueueNotification } from "~/notifications/enqueue.server";
import { inScope, reviewScope } from "./access.server";
import type { DecidedEvent, HandedInEvent } from "./events.server";

// Who is told is the policy's "reviews.notified" (admins may review too, but the queue is the
// trainers' and mentors' work); whose work each may see is still their review scope.
const TOLD_ROLES = rolesWith("reviews.notified");

export async function noticeSubmissionWaiting(tx: Tx, event: HandedInEvent) {
  const [learner] = await tx.select({ name: users.displayName, unitId: users.orgUnitId }).from(users).where(eq(users.id, event.userId));
  if (!learner) return;
  const reviewers = await tx
    .select({ id: users.id, role: users.role })
    .from(users)
    .where(and(eq(users.active, true), inArray(users.role, [...TOLD_ROLES])));
  for (const reviewer of reviewers) {
    if (reviewer.id === event.userId || !inScope(await reviewScope(reviewer, tx), event.moduleSlug, learner.unitId)) continue;
    await enqueueNotification(
      tx,
      {
        kind: "submission_waiting",
        userId: reviewer.id,
        data: { module: event.moduleTitle, learner: learner.name, path: `/review/${event.submissionId}` },
      },
      event.at,
    );
  }
}

const OUTCOME: Record<ReviewDecision, { en: string; id: string }> = {
  approved: { en: "approved", id: "disetujui" },
  "changes-requested": { en: "changes requested", id: "perlu diperbaiki" },
};

export async function noticeReviewDone(tx: Tx, event: DecidedEvent) {
  const data = {
    module: event.moduleTitle,
    outcome: OUTCOME[event.decision],
    path: `/learn/${event.moduleSlug}/tasks/${event.taskSlug}`,
    feedback: event.feedback,
  };
  await enqueueNotification(tx, { kind: "review_done", userId: event.userId, data }, event.at);
}
