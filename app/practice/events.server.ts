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

type Listeners = { handedIn: ((tx: Tx, e: HandedInEvent) => void)[]; decided: ((tx: Tx, e: DecidedEvent) => void)[] };
const listeners: Listeners = { handedIn: [], decided: [] };

/**
 * The practice flow's extension points (mail notifications subscribe here): called inside the
 * transaction that hands in or decides, so an enqueued message commits or rolls back with it.
 */
export function onPracticeEvent<K extends keyof Listeners>(kind: K, listener: Listeners[K][number]): () => void {
  (listeners[kind] as Listeners[K][number][]).push(listener);
  return () => {
    const list = listeners[kind] as Listeners[K][number][];
    list.splice(list.indexOf(listener), 1);
  };
}

/** A version was handed in and waits for review: its reviewers are told, by mail and in the app. */
export function notifySubmissionWaiting(tx: Tx, event: HandedInEvent) {
  noticeSubmissionWaiting(tx, event);
  for (const l of listeners.handedIn) l(tx, event);
}

/** A reviewer decided: the learner is told. */
export function notifyReviewDone(tx: Tx, event: DecidedEvent) {
  noticeReviewDone(tx, event);
  for (const l of listeners.decided) l(tx, event);
}
