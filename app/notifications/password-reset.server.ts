// Self-service "forgot password". The answer and the work done are the same whether or not the
// address has an account: one write transaction either way (the throttle counters), no password
// hashing, and the email leaves later from the worker, so neither the page nor its timing tells
// whether an address is registered.
import { eq } from "drizzle-orm";
import { issueSetPasswordLink } from "~/auth/password-tokens.server";
import { getDb, type Tx } from "~/db/client.server";
import { loginThrottles, users } from "~/db/schema";
import { clockNow } from "~/utils/clock.server";
import { enqueueNotification } from "./enqueue.server";

export const RESET_POLICY = {
  /** A reset link works once, for this long. */
  linkMs: 60 * 60_000,
  windowMs: 60 * 60_000,
  /** Per address and per IP address in the window; a branch library shares one IP. */
  perEmail: 3,
  perIp: 30,
} as const;

/** Counts one request against a key; false once the key is over its limit in the window. */
function allow(tx: Tx, key: string, limit: number, now: Date): boolean {
  const row = tx.select().from(loginThrottles).where(eq(loginThrottles.key, key)).get();
  const fresh = !row || row.firstFailureAt.getTime() < now.getTime() - RESET_POLICY.windowMs;
  const count = fresh ? 1 : row.failures + 1;
  tx.insert(loginThrottles)
    .values({ key, failures: count, firstFailureAt: now, lastFailureAt: now, lockedUntil: null })
    .onConflictDoUpdate({ target: loginThrottles.key, set: { failures: count, lastFailureAt: now, ...(fresh ? { firstFailureAt: now } : {}) } })
    .run();
  return count <= limit;
}

/**
 * Sends a one-hour, one-time link to an active account with this address, within the limits.
 * Returns nothing on purpose: the caller shows the same answer in every case.
 */
export function requestPasswordReset(email: string, ip: string, now = clockNow()): void {
  const address = email.trim().toLowerCase();
  getDb().transaction(
    (tx) => {
      const byEmail = allow(tx, `reset-email:${address}`, RESET_POLICY.perEmail, now);
      const byIp = allow(tx, `reset-ip:${ip}`, RESET_POLICY.perIp, now);
      const person = tx.select({ id: users.id, active: users.active }).from(users).where(eq(users.email, address)).get();
      if (!byEmail || !byIp || !person?.active) return;
      const link = issueSetPasswordLink(tx, person.id, null, now, RESET_POLICY.linkMs);
      enqueueNotification(tx, { kind: "password_reset", userId: person.id, data: { url: link.url } }, now);
    },
    { behavior: "immediate" },
  );
}
