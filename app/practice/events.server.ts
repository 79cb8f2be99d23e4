import type { Tx } from "~/db/client.server";
import type { ReviewDecision } from "~/db/schema";
import { noticeReviewDone, noticeSubmissionWaiting } from "./notices.server";

export type HandedInEvent = {
  submissionId: string;
  userId: string;
  moduleSlug: string;
  moduleTitle: { en: string; id: string };
  taskSlug: string;
  version: number;
  at: Date;
};
/** The reviewer's words: the overall comment and each criterion's comment, quoted to the learner. */
export type ReviewFeedback = { overall: string; criteria: { criterion: { en: string; id: string }; comment: string }[] };
export type DecidedEvent = HandedInEvent & { reviewerId: string; decision: ReviewDecision; feedback: ReviewFeedback };

// Called inside the transaction that hands in or decides, so an enqueued message commits or
// rolls back with it.

/** A version was handed in and waits for review: its reviewers are told, by mail and in the app. */
export async function notifySubmissionWaiting(tx: Tx, event: HandedInEvent) {
  await noticeSubmissionWaiting(tx, event);
}

/** A reviewer decided: the learner is told. */
export async function notifyReviewDone(tx: Tx, event: DecidedEvent) {
  await noticeReviewDone(tx, event);
}
