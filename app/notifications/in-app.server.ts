// The in-app notifications list and its unread count (shown in the header on every page).
import { and, count, desc, eq, isNull } from "drizzle-orm";
import type { User } from "lucia";
import { assertCan } from "~/auth/policy.server";
import { getDb } from "~/db/client.server";
import { notifications } from "~/db/schema";
import { clockNow } from "~/utils/clock.server";

export async function unreadCount(userId: string): Promise<number> {
  const [row] = await getDb()
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

export async function listNotifications(actor: Pick<User, "id" | "role">, { limit = 50, offset = 0 } = {}) {
  assertCan(actor, "notifications.own");
  const db = getDb();
  const [rows, [counted], unread] = await Promise.all([
    db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, actor.id))
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(notifications).where(eq(notifications.userId, actor.id)),
    unreadCount(actor.id),
  ]);
  return {
    total: counted?.n ?? 0,
    unread,
    rows: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      body: r.body,
      link: r.link,
      createdAt: r.createdAt.toISOString(),
      read: r.readAt !== null,
    })),
  };
}

/**
 * Opening a notice: marks it read and gives the page it points to (null: it points nowhere, or it
 * is not the actor's; the caller answers 404 then, so ids cannot be probed).
 */
export async function openNotification(actor: Pick<User, "id" | "role">, id: string, now = clockNow()): Promise<{ link: string | null } | null> {
  assertCan(actor, "notifications.own");
  const own = and(eq(notifications.id, id), eq(notifications.userId, actor.id));
  const [row] = await getDb().select({ link: notifications.link, readAt: notifications.readAt }).from(notifications).where(own);
  if (!row) return null;
  if (!row.readAt)
    await getDb()
      .update(notifications)
      .set({ readAt: now })
      .where(and(own, isNull(notifications.readAt)));
  return { link: row.link };
}

/** Marks one of the actor's notices (or all of them, with `id` null) as read. */
export async function markRead(actor: Pick<User, "id" | "role">, id: string | null, now = clockNow()) {
  assertCan(actor, "notifications.own");
  const own = eq(notifications.userId, actor.id);
  await getDb()
    .update(notifications)
    .set({ readAt: now })
    .where(and(own, isNull(notifications.readAt), id ? eq(notifications.id, id) : undefined));
}
