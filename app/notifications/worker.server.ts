// Sends the outbox. Rows are claimed with one UPDATE … RETURNING that sets a lease: SQLite runs
// it under its write lock, so two workers (two processes, later two app servers on a shared
// database) never claim the same row, and a row whose worker died is claimed again once its
// lease has expired. Delivery is at least once: a crash after the SMTP server accepted a message
// but before it was marked sent sends it again; the Message-ID stays the same, so mail systems
// can recognise the repeat.
import os from "node:os";
import { and, eq, sql } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import { getConfig } from "~/config.server";
import { getDb } from "~/db/client.server";
import { outboxMessages } from "~/db/schema";
import { clockNow } from "~/utils/clock.server";
import { newId } from "~/utils/ids.server";

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

export type Mailer = { transport: Transporter; name: "smtp" | "capture" };

/**
 * SMTP when SMTP_URL is set; otherwise messages are "captured": kept in the outbox, marked as
 * such, and readable by admins at /admin/outbox (the demo and development need no mail server).
 */
export function createMailer(smtpUrl = getConfig().mail.smtpUrl): Mailer {
  if (!smtpUrl) return { transport: nodemailer.createTransport({ jsonTransport: true }), name: "capture" };
  return { transport: nodemailer.createTransport(smtpUrl), name: "smtp" };
}

export const workerId = () => `${os.hostname()}:${process.pid}:${newId().slice(0, 6)}`;

/** Claims up to `limit` due rows for `owner` until now + lease. */
export function claimBatch(owner: string, now = clockNow(), limit: number = WORKER_POLICY.batchSize): OutboxRow[] {
  const db = getDb();
  const leaseUntil = now.getTime() + WORKER_POLICY.leaseMs;
  const t = now.getTime();
  return db.$client
    .prepare(
      `update outbox_messages
          set lease_owner = ?, lease_until = ?, attempts = attempts + 1
        where id in (select id from outbox_messages
                      where status = 'pending' and next_attempt_at <= ? and (lease_until is null or lease_until <= ?)
                      order by next_attempt_at limit ?)
          and (lease_until is null or lease_until <= ?)
        returning *`,
    )
    .all(owner, leaseUntil, t, t, limit, t)
    .map((r) => toRow(r as Record<string, unknown>));
}

function toRow(r: Record<string, unknown>): OutboxRow {
  const date = (v: unknown) => (v == null ? null : new Date(Number(v)));
  return {
    id: r.id as string,
    kind: r.kind as string,
    userId: (r.user_id as string) ?? null,
    toEmail: r.to_email as string,
    locale: r.locale as OutboxRow["locale"],
    subject: r.subject as string,
    textBody: r.text_body as string,
    htmlBody: r.html_body as string,
    unsubscribeUrl: (r.unsubscribe_url as string) ?? null,
    status: r.status as OutboxRow["status"],
    attempts: Number(r.attempts),
    nextAttemptAt: date(r.next_attempt_at)!,
    leaseOwner: (r.lease_owner as string) ?? null,
    leaseUntil: date(r.lease_until),
    lastError: (r.last_error as string) ?? null,
    transport: (r.transport as string) ?? null,
    createdAt: date(r.created_at)!,
    sentAt: date(r.sent_at),
  };
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

export function markSent(row: OutboxRow, owner: string, transport: string, now = clockNow()) {
  getDb()
    .update(outboxMessages)
    .set({ status: "sent", sentAt: now, transport, leaseOwner: null, leaseUntil: null, lastError: null })
    .where(and(eq(outboxMessages.id, row.id), eq(outboxMessages.leaseOwner, owner)))
    .run();
}

export function markFailed(row: OutboxRow, owner: string, error: unknown, now = clockNow()) {
  const message = error instanceof Error ? error.message : String(error);
  const permanent = isPermanent(error) || row.attempts >= WORKER_POLICY.maxAttempts;
  const wait = WORKER_POLICY.backoffMs[Math.min(row.attempts - 1, WORKER_POLICY.backoffMs.length - 1)]!;
  getDb()
    .update(outboxMessages)
    .set({
      status: permanent ? "failed" : "pending",
      lastError: message.slice(0, 1000),
      nextAttemptAt: new Date(now.getTime() + wait),
      leaseOwner: null,
      leaseUntil: null,
    })
    .where(and(eq(outboxMessages.id, row.id), eq(outboxMessages.leaseOwner, owner)))
    .run();
}

export type WorkerRun = { claimed: number; sent: number; retrying: number; failed: number };

/** One pass: claim due rows, send each, record the outcome. Tests drive the worker with this. */
export async function runWorkerOnce(
  mailer: Mailer,
  { now = clockNow(), owner = workerId(), limit }: { now?: Date; owner?: string; limit?: number } = {},
): Promise<WorkerRun> {
  const rows = claimBatch(owner, now, limit);
  const out: WorkerRun = { claimed: rows.length, sent: 0, retrying: 0, failed: 0 };
  for (const row of rows) {
    try {
      await mailer.transport.sendMail(messageOf(row));
      markSent(row, owner, mailer.name, now);
      out.sent++;
    } catch (error) {
      markFailed(row, owner, error, now);
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

/** Admins: a failed message goes back to the queue, sent at the next pass. */
export function retryMessage(id: string, now = clockNow()) {
  return (
    getDb()
      .update(outboxMessages)
      .set({ status: "pending", attempts: 0, nextAttemptAt: now, leaseOwner: null, leaseUntil: null })
      .where(and(eq(outboxMessages.id, id), sql`${outboxMessages.status} <> 'sent'`))
      .run().changes === 1
  );
}
