// Registering for a live session, cancelling, and the waitlist (ADR 0036). Every change runs in
// one write transaction that holds the database's write lock from its first statement, so the
// count of places taken and the row that takes one cannot be overtaken by a second registration:
// the capacity holds under any number of registrations at once. A place freed by a cancellation
// goes to the first person waiting (by queuedAt) in the same transaction, mail included.
import { and, asc, count, eq, lt, max, or } from "drizzle-orm";
import type { User } from "lucia";
import { assertCan } from "~/auth/policy.server";
import { getDb, type Db, type Tx } from "~/db/client.server";
import { liveSessionRegistrations as regs, liveSessions } from "~/db/schema";
import { writeTransaction } from "~/db/transaction.server";
import { clockNow } from "~/utils/clock.server";
import { newId } from "~/utils/ids.server";
import { notifySession, sessionRow, type SessionRow } from "./notify.server";

export type RegisterResult =
  { ok: true; status: "registered" } | { ok: true; status: "waitlisted"; position: number } | { ok: false; reason: "not-found" | "closed" };

export type CancelResult =
  { ok: true; was: "registered" | "waitlisted"; promoted: string[] } | { ok: false; reason: "not-found" | "closed" | "not-registered" };

/** A session takes registrations while it is scheduled and has not ended. */
export function isOpen(s: Pick<SessionRow, "status" | "endsAt">, now: Date) {
  return s.status === "scheduled" && s.endsAt.getTime() > now.getTime();
}

async function registeredCount(tx: Tx | Db, sessionId: string) {
  const [row] = await tx
    .select({ n: count() })
    .from(regs)
    .where(and(eq(regs.sessionId, sessionId), eq(regs.status, "registered")));
  return row?.n ?? 0;
}

/** A waiting person's place in the queue (1 is next), or null when they are not waiting. */
export async function waitlistPosition(sessionId: string, userId: string, db: Tx | Db = getDb()): Promise<number | null> {
  const [mine] = await db
    .select({ queuedAt: regs.queuedAt, id: regs.id, status: regs.status })
    .from(regs)
    .where(and(eq(regs.sessionId, sessionId), eq(regs.userId, userId)));
  if (!mine || mine.status !== "waitlisted") return null;
  const [ahead] = await db
    .select({ n: count() })
    .from(regs)
    .where(
      and(
        eq(regs.sessionId, sessionId),
        eq(regs.status, "waitlisted"),
        or(lt(regs.queuedAt, mine.queuedAt), and(eq(regs.queuedAt, mine.queuedAt), lt(regs.id, mine.id))),
      ),
    );
  return (ahead?.n ?? 0) + 1;
}

/**
 * Registers the actor, or puts them on the waitlist when every place is taken. Registering
 * again while registered or waiting changes nothing and answers the same.
 */
export async function registerForSession(actor: Pick<User, "id" | "role">, sessionId: string, now = clockNow()): Promise<RegisterResult> {
  assertCan(actor, "sessions.join");
  return writeTransaction(async (tx): Promise<RegisterResult> => {
    const s = await sessionRow(tx, sessionId);
    if (!s) return { ok: false, reason: "not-found" };
    if (!isOpen(s, now)) return { ok: false, reason: "closed" };
    const [existing] = await tx
      .select()
      .from(regs)
      .where(and(eq(regs.sessionId, sessionId), eq(regs.userId, actor.id)));
    if (existing?.status === "registered") return { ok: true, status: "registered" };
    if (existing?.status === "waitlisted") return { ok: true, status: "waitlisted", position: (await waitlistPosition(sessionId, actor.id, tx))! };
    const status = (await registeredCount(tx, sessionId)) < s.capacity ? "registered" : "waitlisted";
    // The queue is the order in which registrations got the write lock: a request that started
    // earlier but reached the lock later (another app server, a slow connection) goes behind.
    const [last] = await tx
      .select({ at: max(regs.queuedAt) })
      .from(regs)
      .where(eq(regs.sessionId, sessionId));
    const lastAt = last?.at ? new Date(last.at).getTime() : 0;
    const queuedAt = new Date(Math.max(now.getTime(), lastAt + 1));
    // One row per person and session: registering again re-uses it, at the back of the queue.
    const values = { status, queuedAt, attendedAt: null, attendanceSource: null, remindedAt: null, cancelledAt: null, updatedAt: now } as const;
    if (existing) await tx.update(regs).set(values).where(eq(regs.id, existing.id));
    else await tx.insert(regs).values({ id: newId(), sessionId, userId: actor.id, createdAt: now, ...values });
    if (status === "registered") {
      await notifySession(tx, s, [actor.id], "session_registered", "REQUEST", now);
      return { ok: true, status };
    }
    const position = (await waitlistPosition(sessionId, actor.id, tx))!;
    await notifySession(tx, s, [actor.id], "session_waitlisted", null, now, () => ({ position }));
    return { ok: true, status, position };
  });
}

/**
 * Fills free places from the waitlist, first come first served, and mails each person promoted
 * their invitation. Runs inside the transaction that freed the places (a cancellation, a raised
 * capacity), so no second registration can take a place between the freeing and the promotion.
 */
export async function promoteWaitlist(tx: Tx, s: SessionRow, now: Date): Promise<string[]> {
  const free = s.capacity - (await registeredCount(tx, s.id));
  if (free <= 0 || !isOpen(s, now)) return [];
  const next = await tx
    .select({ id: regs.id, userId: regs.userId })
    .from(regs)
    .where(and(eq(regs.sessionId, s.id), eq(regs.status, "waitlisted")))
    .orderBy(asc(regs.queuedAt), asc(regs.id))
    .limit(free);
  for (const r of next) await tx.update(regs).set({ status: "registered", updatedAt: now }).where(eq(regs.id, r.id));
  const promoted = next.map((r) => r.userId);
  await notifySession(tx, s, promoted, "session_promoted", "REQUEST", now);
  return promoted;
}

/** Cancels the actor's registration or place on the waitlist; a freed place is promoted at once. */
export async function cancelRegistration(actor: Pick<User, "id" | "role">, sessionId: string, now = clockNow()): Promise<CancelResult> {
  assertCan(actor, "sessions.join");
  return writeTransaction(async (tx): Promise<CancelResult> => {
    const s = await sessionRow(tx, sessionId);
    if (!s) return { ok: false, reason: "not-found" };
    if (!isOpen(s, now)) return { ok: false, reason: "closed" };
    const [mine] = await tx
      .select()
      .from(regs)
      .where(and(eq(regs.sessionId, sessionId), eq(regs.userId, actor.id)));
    if (!mine || mine.status === "cancelled") return { ok: false, reason: "not-registered" };
    await tx.update(regs).set({ status: "cancelled", cancelledAt: now, updatedAt: now }).where(eq(regs.id, mine.id));
    // Someone waiting never had the event in their calendar: no CANCEL to remove it.
    await notifySession(tx, s, [actor.id], "session_registration_cancelled", mine.status === "registered" ? "CANCEL" : null, now);
    const promoted = mine.status === "registered" ? await promoteWaitlist(tx, s, now) : [];
    return { ok: true, was: mine.status, promoted };
  });
}

/** Sessions are looked up by id in routes; this reads one outside a transaction. */
export async function findSession(id: string) {
  const [row] = await getDb().select().from(liveSessions).where(eq(liveSessions.id, id));
  return row;
}
