// The admins' outbox page: every email, its status and error, rendered; retry failed ones.
import { count, desc, eq } from "drizzle-orm";
import type { User } from "lucia";
import { assertCan } from "~/auth/policy.server";
import { getDb } from "~/db/client.server";
import { outboxMessages, type OutboxStatus } from "~/db/schema";
import { clockNow } from "~/utils/clock.server";
import { retryMessage } from "./worker.server";

export async function listOutbox(
  actor: Pick<User, "role">,
  { status, limit = 50, offset = 0 }: { status?: OutboxStatus; limit?: number; offset?: number },
) {
  assertCan(actor, "outbox.manage");
  const where = status ? eq(outboxMessages.status, status) : undefined;
  const db = getDb();
  const [rows, [counted]] = await Promise.all([
    db
      .select({
        id: outboxMessages.id,
        kind: outboxMessages.kind,
        toEmail: outboxMessages.toEmail,
        subject: outboxMessages.subject,
        status: outboxMessages.status,
        transport: outboxMessages.transport,
        attempts: outboxMessages.attempts,
        lastError: outboxMessages.lastError,
        createdAt: outboxMessages.createdAt,
      })
      .from(outboxMessages)
      .where(where)
      .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(outboxMessages).where(where),
  ]);
  return { total: counted?.n ?? 0, rows: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })) };
}

export async function outboxMessage(actor: Pick<User, "role">, id: string) {
  assertCan(actor, "outbox.manage");
  const [row] = await getDb().select().from(outboxMessages).where(eq(outboxMessages.id, id));
  if (!row) throw new Response("Not found", { status: 404 });
  return {
    ...row,
    createdAt: row.createdAt.toISOString(),
    sentAt: row.sentAt?.toISOString() ?? null,
    nextAttemptAt: row.nextAttemptAt.toISOString(),
    leaseUntil: null,
  };
}

export async function retryOutboxMessage(actor: Pick<User, "role">, id: string, now = clockNow()) {
  assertCan(actor, "outbox.manage");
  return retryMessage(id, now);
}
