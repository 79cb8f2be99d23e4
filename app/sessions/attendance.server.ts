// Checking in to a live session with the code its host shows (ADR 0037). The rules, in the
// order they are applied: the session exists and is not cancelled; the attendance window is
// open; the person holds a place (registered, not waitlisted or cancelled); a check-in already
// recorded is reported as such; the person and the session are under the wrong-code limit; the
// code matches. All of it runs in one write transaction, so a wrong code's count and a check-in
// land together and two check-ins at once record one.
import { createHash, timingSafeEqual } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { getDb, type Tx } from "~/db/client.server";
import { liveSessionRegistrations, liveSessions, loginThrottles } from "~/db/schema";
import { writeTransaction } from "~/db/transaction.server";
import { clockNow } from "~/utils/clock.server";

/** How long before its start a session's attendance window opens; it closes at the session's end. */
export const CHECK_IN_OPENS_BEFORE_MS = 15 * 60_000;

/**
 * Wrong codes allowed per person and per session in a window (counted in login_throttles under
 * `checkin-…` keys; the login prune drops a key once its last failure is 15 minutes old, later
 * than this window ends). The session's limit stops several accounts guessing together.
 */
export const CHECK_IN_LIMITS = { perUser: 5, perSession: 50, windowMs: 10 * 60_000 } as const;

type SessionTimes = { startsAt: Date; endsAt: Date };

/** [opensAt, closesAt], both ends included: the instants a check-in is accepted. */
export function attendanceWindow(session: SessionTimes) {
  return { opensAt: new Date(session.startsAt.getTime() - CHECK_IN_OPENS_BEFORE_MS), closesAt: session.endsAt };
}

export type WindowState = "before" | "open" | "ended";

export function windowState(session: SessionTimes, now: Date): WindowState {
  const { opensAt, closesAt } = attendanceWindow(session);
  if (now < opensAt) return "before";
  if (now > closesAt) return "ended";
  return "open";
}

/** The code as people type it: any case, with or without the spaces and dashes it is shown with. */
export function normalizeCode(code: string): string {
  return code.toUpperCase().replace(/[\s\-‐‑–—]/g, "");
}

/** Constant-time comparison (of fixed-length digests, so a length difference leaks nothing either). */
export function codesMatch(typed: string, expected: string): boolean {
  const digest = (s: string) => createHash("sha256").update(normalizeCode(s)).digest();
  return timingSafeEqual(digest(typed), digest(expected));
}

export type CheckInResult =
  | { ok: true; status: "recorded" | "already"; attendedAt: Date }
  | { ok: false; reason: "not-open"; opensAt: Date }
  | { ok: false; reason: "ended"; closedAt: Date }
  | { ok: false; reason: "not-registered"; waitlisted: boolean }
  | { ok: false; reason: "wrong-code"; triesLeft: number }
  | { ok: false; reason: "too-many"; retryAt: Date };

/** The session a check-in page is for, or null (unknown or cancelled: the page is a 404). */
export async function sessionForCheckIn(sessionId: string) {
  const [session] = await getDb()
    .select({
      id: liveSessions.id,
      titleEn: liveSessions.titleEn,
      titleId: liveSessions.titleId,
      startsAt: liveSessions.startsAt,
      endsAt: liveSessions.endsAt,
      hours: liveSessions.hours,
      status: liveSessions.status,
    })
    .from(liveSessions)
    .where(eq(liveSessions.id, sessionId));
  return session && session.status === "scheduled" ? session : null;
}

export type CheckInSession = NonNullable<Awaited<ReturnType<typeof sessionForCheckIn>>>;

const limitKeys = (userId: string, sessionId: string) => ({ user: `checkin-u:${userId}`, session: `checkin-s:${sessionId}` });

type Counter = { count: number; since: Date };

async function readCounter(tx: Tx, key: string, now: Date): Promise<Counter | null> {
  const [row] = await tx.select().from(loginThrottles).where(eq(loginThrottles.key, key));
  if (!row || row.firstFailureAt.getTime() <= now.getTime() - CHECK_IN_LIMITS.windowMs) return null;
  return { count: row.failures, since: row.firstFailureAt };
}

async function countFailure(tx: Tx, key: string, current: Counter | null, now: Date): Promise<number> {
  const count = (current?.count ?? 0) + 1;
  const firstFailureAt = current?.since ?? now;
  await tx
    .insert(loginThrottles)
    .values({ key, failures: count, firstFailureAt, lastFailureAt: now, lockedUntil: null })
    .onConflictDoUpdate({ target: loginThrottles.key, set: { failures: count, firstFailureAt, lastFailureAt: now } });
  return count;
}

const retryAt = (c: Counter) => new Date(c.since.getTime() + CHECK_IN_LIMITS.windowMs);

/** Records `user`'s attendance at `session` if `code` is the session's code, within the rules above. */
export async function checkIn(user: { id: string }, session: CheckInSession, code: string, now: Date = clockNow()): Promise<CheckInResult> {
  const state = windowState(session, now);
  if (state === "before") return { ok: false, reason: "not-open", opensAt: attendanceWindow(session).opensAt };
  if (state === "ended") return { ok: false, reason: "ended", closedAt: session.endsAt };
  return writeTransaction(async (tx): Promise<CheckInResult> => {
    const [registration] = await tx
      .select()
      .from(liveSessionRegistrations)
      .where(and(eq(liveSessionRegistrations.sessionId, session.id), eq(liveSessionRegistrations.userId, user.id)));
    if (!registration || registration.status !== "registered") {
      // Walk-ins are not checked in by code: the host adds them afterwards (ADR 0037).
      return { ok: false, reason: "not-registered", waitlisted: registration?.status === "waitlisted" };
    }
    if (registration.attendedAt) return { ok: true, status: "already", attendedAt: registration.attendedAt };

    const keys = limitKeys(user.id, session.id);
    const userCount = await readCounter(tx, keys.user, now);
    const sessionCount = await readCounter(tx, keys.session, now);
    const blocked = [
      userCount && userCount.count >= CHECK_IN_LIMITS.perUser ? userCount : null,
      sessionCount && sessionCount.count >= CHECK_IN_LIMITS.perSession ? sessionCount : null,
    ].filter((c): c is Counter => c !== null);
    if (blocked.length > 0) return { ok: false, reason: "too-many", retryAt: new Date(Math.max(...blocked.map((c) => retryAt(c).getTime()))) };

    const [row] = await tx.select({ code: liveSessions.attendanceCode }).from(liveSessions).where(eq(liveSessions.id, session.id));
    if (!row || !codesMatch(code, row.code)) {
      const used = await countFailure(tx, keys.user, userCount, now);
      await countFailure(tx, keys.session, sessionCount, now);
      return { ok: false, reason: "wrong-code", triesLeft: Math.max(0, CHECK_IN_LIMITS.perUser - used) };
    }
    await tx
      .update(liveSessionRegistrations)
      .set({ attendedAt: now, attendanceSource: "code", updatedAt: now })
      .where(and(eq(liveSessionRegistrations.id, registration.id), isNull(liveSessionRegistrations.attendedAt)));
    return { ok: true, status: "recorded", attendedAt: now };
  });
}

/** The person's own registration at a session (for the check-in page's "already recorded"). */
export async function ownRegistration(userId: string, sessionId: string) {
  const [row] = await getDb()
    .select({ status: liveSessionRegistrations.status, attendedAt: liveSessionRegistrations.attendedAt })
    .from(liveSessionRegistrations)
    .where(and(eq(liveSessionRegistrations.sessionId, sessionId), eq(liveSessionRegistrations.userId, userId)));
  return row ?? null;
}
