import { eq } from "drizzle-orm";
import { getDb, type Queryable, type Tx } from "~/db/client.server";
import { loginThrottles } from "~/db/schema";
import { writeTransaction } from "~/db/transaction.server";
import { clockNow } from "~/utils/clock.server";

/**
 * Failed logins per account and per IP address. Past SLOW_AFTER failures each answer is
 * delayed a little more; at LOCK_AFTER the key is refused for LOCK_MINUTES. A branch library
 * shares one public IP, so the IP limit is higher than the account limit.
 */
export const THROTTLE_POLICY = {
  email: { slowAfter: 4, lockAfter: 10 },
  ip: { slowAfter: 20, lockAfter: 50 },
  windowMinutes: 15,
  lockMinutes: 15,
  stepMs: 250,
} as const;

type Kind = "email" | "ip";

export type ThrottleState = { locked: false; delayMs: number } | { locked: true; retryAt: Date };

function keyFor(kind: Kind, value: string) {
  return `${kind}:${value.toLowerCase()}`;
}

function stateOf(kind: Kind, row: typeof loginThrottles.$inferSelect | undefined, now: Date): ThrottleState {
  if (!row) return { locked: false, delayMs: 0 };
  if (row.lockedUntil && row.lockedUntil > now) return { locked: true, retryAt: row.lockedUntil };
  const windowStart = now.getTime() - THROTTLE_POLICY.windowMinutes * 60_000;
  if (row.lastFailureAt.getTime() < windowStart) return { locked: false, delayMs: 0 };
  const over = row.failures - THROTTLE_POLICY[kind].slowAfter;
  return { locked: false, delayMs: over > 0 ? over * THROTTLE_POLICY.stepMs : 0 };
}

/** The strictest state of the account's and the IP's counters. */
export async function checkLoginThrottle(email: string, ip: string, now = clockNow(), db: Queryable = getDb()): Promise<ThrottleState> {
  const states = await Promise.all(
    (
      [
        ["email", email],
        ["ip", ip],
      ] as const
    ).map(async ([kind, value]) => {
      const [row] = await db
        .select()
        .from(loginThrottles)
        .where(eq(loginThrottles.key, keyFor(kind, value)));
      return stateOf(kind, row, now);
    }),
  );
  const locked = states.filter((s): s is Extract<ThrottleState, { locked: true }> => s.locked);
  if (locked.length > 0) {
    return { locked: true, retryAt: new Date(Math.max(...locked.map((s) => s.retryAt.getTime()))) };
  }
  return { locked: false, delayMs: Math.max(...states.map((s) => (s.locked ? 0 : s.delayMs))) };
}

/**
 * Counts a failure for the account and the IP and returns the state that results, read and
 * written in one write transaction so two concurrent failures cannot both count from the
 * same old value (on every app server: the counters live in the database).
 */
export async function recordLoginFailure(email: string, ip: string, now = clockNow()): Promise<ThrottleState> {
  return writeTransaction(async (tx) => {
    for (const [kind, value] of [
      ["email", email],
      ["ip", ip],
    ] as const) {
      const key = keyFor(kind, value);
      const [row] = await tx.select().from(loginThrottles).where(eq(loginThrottles.key, key));
      const windowStart = now.getTime() - THROTTLE_POLICY.windowMinutes * 60_000;
      const expired = !row || row.lastFailureAt.getTime() < windowStart || (row.lockedUntil && row.lockedUntil <= now);
      const failures = expired ? 1 : row.failures + 1;
      const lockedUntil = failures >= THROTTLE_POLICY[kind].lockAfter ? new Date(now.getTime() + THROTTLE_POLICY.lockMinutes * 60_000) : null;
      await tx
        .insert(loginThrottles)
        .values({ key, failures, firstFailureAt: now, lastFailureAt: now, lockedUntil })
        .onConflictDoUpdate({
          target: loginThrottles.key,
          set: { failures, lastFailureAt: now, lockedUntil, ...(expired ? { firstFailureAt: now } : {}) },
        });
    }
    return checkLoginThrottle(email, ip, now, tx);
  });
}

/** A successful login clears the account's counter (not the IP's: others share it). */
export async function clearLoginFailures(email: string) {
  await writeTransaction(async (tx) => {
    await tx.delete(loginThrottles).where(eq(loginThrottles.key, keyFor("email", email)));
  });
}

/**
 * Self-service password-reset requests, per address and per IP address, counted in the same
 * table under keys starting with `reset-`. A key's window runs from its first request, so a row
 * is kept (not pruned) until that first request is a whole window old.
 */
export const RESET_THROTTLE = {
  windowMs: 60 * 60_000,
  /** A branch library shares one IP address. */
  perEmail: 3,
  perIp: 30,
  keyPrefix: "reset-",
} as const;

/** Counts one reset request against a key inside `tx`; false once the key is over `limit` in its window. */
export async function countResetRequest(tx: Tx, key: string, limit: number, now: Date): Promise<boolean> {
  const [row] = await tx.select().from(loginThrottles).where(eq(loginThrottles.key, key));
  const fresh = !row || row.firstFailureAt.getTime() <= now.getTime() - RESET_THROTTLE.windowMs;
  const count = fresh ? 1 : row.failures + 1;
  await tx
    .insert(loginThrottles)
    .values({ key, failures: count, firstFailureAt: now, lastFailureAt: now, lockedUntil: null })
    .onConflictDoUpdate({ target: loginThrottles.key, set: { failures: count, lastFailureAt: now, ...(fresh ? { firstFailureAt: now } : {}) } });
  return count <= limit;
}
