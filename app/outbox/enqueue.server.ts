// The outbox, a core service: an email is written as a row inside the caller's transaction, so
// the event and its message commit (or roll back) together, and the worker (worker.server.ts)
// sends it afterwards. What a message says and who gets one is the notifications feature's
// business (app/notifications/). See docs/decisions/0017-notifications-outbox.md.
import { AsyncResource } from "node:async_hooks";
import type { Tx } from "~/db/client.server";
import { outboxMessages, type Locale } from "~/db/schema";
import { newId } from "~/utils/ids.server";

export type OutboxEmail = {
  kind: string;
  /** The recipient's account, if any (the admins' outbox page links it). */
  userId: string | null;
  toEmail: string;
  locale: Locale;
  subject: string;
  text: string;
  html: string;
  /** One-click unsubscribe URL for optional kinds (List-Unsubscribe), else null. */
  unsubscribeUrl: string | null;
  /** An iCalendar invitation sent with the message (text/calendar, ADR 0036), else none. */
  calendar?: { method: "REQUEST" | "CANCEL"; ics: string } | null;
};

/** Writes one email to the outbox in the open transaction `tx`, due at `now`; returns its id. */
export async function enqueueEmail(tx: Tx, email: OutboxEmail, now: Date): Promise<string> {
  const id = newId();
  await tx.insert(outboxMessages).values({
    id,
    kind: email.kind,
    userId: email.userId,
    toEmail: email.toEmail,
    locale: email.locale,
    subject: email.subject,
    textBody: email.text,
    htmlBody: email.html,
    unsubscribeUrl: email.unsubscribeUrl,
    calendarMethod: email.calendar?.method ?? null,
    calendarIcs: email.calendar?.ics ?? null,
    status: "pending",
    nextAttemptAt: now,
    createdAt: now,
  });
  return id;
}

// The in-process worker registers here, so a message goes out right after its transaction
// instead of at the next poll. A no-op when no worker runs in this process.
let waker: (() => void) | null = null;

/**
 * Registers the worker's wake-up. It is bound to the context it is registered in (the worker's
 * start, outside any transaction): a wake-up asked for inside a transaction must not run the
 * worker's pass inside that transaction's async context (getDb() would hand it the transaction).
 */
export function onEnqueue(fn: (() => void) | null) {
  waker = fn ? AsyncResource.bind(fn) : null;
}

/**
 * Wakes the worker once the current transaction is done: transactions run no real I/O, so they
 * finish within the microtasks before setImmediate fires; on PostgreSQL the worker's claim also
 * waits for the write lock the enqueuing transaction holds until it commits.
 */
export function wakeWorker() {
  if (waker) setImmediate(waker).unref?.();
}

/** Wakes the worker after `delayMs`, outside the request that asked: its pass does not slow the answer. */
export function wakeWorkerLater(delayMs: number) {
  if (waker) setTimeout(waker, delayMs).unref?.();
}
