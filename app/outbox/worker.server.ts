// Sends the outbox. Rows are claimed with one guarded UPDATE that sets a lease, inside a write
// transaction: SQLite runs it under its write lock and PostgreSQL under the one write lock every
// app server takes (app/db/transaction.server.ts), and the guard (still pending, lease free)
// is checked again on the row being updated, so two workers (two processes, two app servers on
// one database) never claim the same row, and a row whose worker died is claimed again once its
// lease has expired. The mail itself is sent after the transaction has committed. Delivery is at
// least once: a crash after the SMTP server accepted a message but before it was marked sent
// sends it again; the Message-ID stays the same, so mail systems can recognise the repeat.
import os from "node:os";
import { and, asc, eq, inArray, isNull, lte, ne, or, sql } from "drizzle-orm";
import { getConfig } from "~/config.server";
import { getDb } from "~/db/client.server";
import { outboxMessages } from "~/db/schema";
import { changedRows } from "~/db/sql.server";
import { writeTransaction } from "~/db/transaction.server";
import { clockNow } from "~/utils/clock.server";
import { newId } from "~/utils/ids.server";
import type { Mailer } from "./mailer.server";

// The worker and the transport it sends through are used together (the loop, tests, the bench).
export { createMailer, type Mailer } from "./mailer.server";

export type OutboxRow = typeof outboxMessages.$inferSelect;

export const WORKER_POLICY = {
  /** How long a claim holds; a send that takes longer than this may be repeated by another worker. */
  leaseMs: 2 * 60_000,
  batchSize: 20,
  /** After this many failed attempts a message is failed for good (an admin can retry it). */
  maxAttempts: 8,
  /** Wait before attempt n+1: 1 min, 5 min, 15 min, 1 h, then 4 h. */
  backoffMs: [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000, 4 * 60 * 60_000],
} as const;

export const workerId = () => `${os.hostname()}:${process.pid}:${newId().slice(0, 6)}`;

/** Due now and not held by a live lease. */
const claimable = (now: Date) =>
  and(
    eq(outboxMessages.status, "pending"),
    lte(outboxMessages.nextAttemptAt, now),
    or(isNull(outboxMessages.leaseUntil), lte(outboxMessages.leaseUntil, now)),
  );

/** Claims up to `limit` due rows for `owner` until now + lease, oldest due first. */
export async function claimBatch(owner: string, now = clockNow(), limit: number = WORKER_POLICY.batchSize): Promise<OutboxRow[]> {
  const leaseUntil = new Date(now.getTime() + WORKER_POLICY.leaseMs);
  return writeTransaction(async (tx) => {
    const due = await tx
      .select({ id: outboxMessages.id })
      .from(outboxMessages)
      .where(claimable(now))
      .orderBy(asc(outboxMessages.nextAttemptAt), asc(outboxMessages.id))
      .limit(limit);
    if (due.length === 0) return [];
    // The guard is repeated on the rows being updated: only rows still claimable are taken, and
    // RETURNING gives exactly those (the rows this update changed).
    const claimed = await tx
      .update(outboxMessages)
      .set({ leaseOwner: owner, leaseUntil, attempts: sql`${outboxMessages.attempts} + 1` })
      .where(
        and(
          inArray(
            outboxMessages.id,
            due.map((r) => r.id),
          ),
          claimable(now),
        ),
      )
      .returning();
    return claimed.sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  });
}

function messageOf(row: OutboxRow) {
  const { publicUrl, mail } = getConfig();
  const host = new URL(publicUrl).hostname || "localhost";
  return {
    from: mail.from,
    to: row.toEmail,
    subject: row.subject,
    text: row.textBody,
    html: row.htmlBody,
    messageId: `<${row.id}@${host}>`,
    headers: { "Auto-Submitted": "auto-generated", "Content-Language": row.locale },
    // The invitation as a text/calendar alternative with its METHOD, which calendar clients read
    // (Outlook and Gmail show it as an event to add or update; ADR 0036).
    ...(row.calendarIcs && row.calendarMethod
      ? { icalEvent: { method: row.calendarMethod.toLowerCase(), filename: "invite.ics", content: row.calendarIcs } }
      : {}),
    ...(row.unsubscribeUrl
      ? // RFC 8058 one-click: the mail client POSTs List-Unsubscribe=One-Click to the URL.
        {
          list: { unsubscribe: { url: row.unsubscribeUrl, comment: "Unsubscribe" } },
          headers: { "Auto-Submitted": "auto-generated", "Content-Language": row.locale, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
        }
      : {}),
  };
}

/** A 5xx SMTP reply (mailbox unknown, message refused) will not get better by retrying. */
function isPermanent(error: unknown) {
  const code = (error as { responseCode?: number }).responseCode;
  return typeof code === "number" && code >= 500 && code < 600;
}

// One statement each, guarded by the lease owner: a worker whose lease ran out and was taken
// over records nothing.
export async function markSent(row: OutboxRow, owner: string, transport: string, now = clockNow()) {
  await getDb()
    .update(outboxMessages)
    .set({ status: "sent", sentAt: now, transport, leaseOwner: null, leaseUntil: null, lastError: null })
    .where(and(eq(outboxMessages.id, row.id), eq(outboxMessages.leaseOwner, owner)));
}

export async function markFailed(row: OutboxRow, owner: string, error: unknown, now = clockNow()) {
  const message = error instanceof Error ? error.message : String(error);
  const permanent = isPermanent(error) || row.attempts >= WORKER_POLICY.maxAttempts;
  const wait = WORKER_POLICY.backoffMs[Math.min(row.attempts - 1, WORKER_POLICY.backoffMs.length - 1)]!;
  await getDb()
    .update(outboxMessages)
    .set({
      status: permanent ? "failed" : "pending",
      lastError: message.slice(0, 1000),
      nextAttemptAt: new Date(now.getTime() + wait),
      leaseOwner: null,
      leaseUntil: null,
    })
    .where(and(eq(outboxMessages.id, row.id), eq(outboxMessages.leaseOwner, owner)));
}

export type WorkerRun = { claimed: number; sent: number; retrying: number; failed: number };

/** One pass: claim due rows, send each, record the outcome. Tests drive the worker with this. */
export async function runWorkerOnce(
  mailer: Mailer,
  { now = clockNow(), owner = workerId(), limit }: { now?: Date; owner?: string; limit?: number } = {},
): Promise<WorkerRun> {
  const rows = await claimBatch(owner, now, limit);
  const out: WorkerRun = { claimed: rows.length, sent: 0, retrying: 0, failed: 0 };
  for (const row of rows) {
    try {
      await mailer.transport.sendMail(messageOf(row));
      await markSent(row, owner, mailer.name, now);
      out.sent++;
    } catch (error) {
      await markFailed(row, owner, error, now);
      if (isPermanent(error) || row.attempts >= WORKER_POLICY.maxAttempts) out.failed++;
      else out.retrying++;
    }
  }
  return out;
}

/** Sends everything due, pass after pass, until nothing is left to claim now. */
export async function drainOutbox(mailer: Mailer, now = clockNow(), owner = workerId()): Promise<WorkerRun> {
  const total: WorkerRun = { claimed: 0, sent: 0, retrying: 0, failed: 0 };
  for (;;) {
    const run = await runWorkerOnce(mailer, { now, owner });
    for (const k of Object.keys(total) as (keyof WorkerRun)[]) total[k] += run[k];
    if (run.claimed === 0) return total;
  }
}

/** A failed message goes back to the queue, sent at the next pass. */
export async function retryMessage(id: string, now = clockNow()): Promise<boolean> {
  const result = await getDb()
    .update(outboxMessages)
    .set({ status: "pending", attempts: 0, nextAttemptAt: now, leaseOwner: null, leaseUntil: null })
    .where(and(eq(outboxMessages.id, id), ne(outboxMessages.status, "sent")));
  return changedRows(result) === 1;
}
