import { eq } from "drizzle-orm";
import { getDb } from "~/db/client.server";
import { users } from "~/db/schema";
import { writeTransaction } from "~/db/transaction.server";
import { recordAudit } from "~/audit/record.server";
import { enqueueNotification } from "~/notifications/enqueue.server";
import { checkLoginThrottle, clearLoginFailures, recordLoginFailure } from "./throttle.server";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "./password.server";
import { endOtherSessions } from "./sessions.server";
import { clockNow } from "~/utils/clock.server";

export type LoginResult =
  { ok: true; userId: string } | { ok: false; reason: "wrong" | "deactivated" } | { ok: false; reason: "locked"; retryAt: Date };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Checks a login. The answer for an unknown email and a wrong password is the same, and takes
 * as long. Throttled keys are refused before the password is even looked at.
 */
export async function attemptLogin(email: string, password: string, ip: string): Promise<LoginResult> {
  const throttle = await checkLoginThrottle(email, ip);
  if (throttle.locked) return { ok: false, reason: "locked", retryAt: throttle.retryAt };
  if (throttle.delayMs > 0) await sleep(throttle.delayMs);

  const [user] = await getDb().select().from(users).where(eq(users.email, email));
  const valid = user?.passwordHash ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password);
  if (!user || !valid) {
    const after = await recordLoginFailure(email, ip);
    if (after.locked) return { ok: false, reason: "locked", retryAt: after.retryAt };
    return { ok: false, reason: "wrong" };
  }
  if (!user.active) return { ok: false, reason: "deactivated" };
  await clearLoginFailures(email);
  return { ok: true, userId: user.id };
}

/**
 * The answer for someone who may not use the password form (password login is for admins only):
 * as slow as a real check, and counted like a failure, so the form stays no faster a guessing tool.
 */
export async function refusePasswordLogin(email: string, ip: string): Promise<Exclude<LoginResult, { ok: true }>> {
  const throttle = await checkLoginThrottle(email, ip);
  if (throttle.locked) return { ok: false, reason: "locked", retryAt: throttle.retryAt };
  await verifyAgainstDummy("");
  await recordLoginFailure(email, ip);
  return { ok: false, reason: "wrong" };
}

export type ChangePasswordResult = { ok: true } | { ok: false; reason: "wrong-current" };

/** Changing the password ends every other session of that person. */
export async function changePassword(userId: string, currentSessionId: string, current: string, next: string): Promise<ChangePasswordResult> {
  const [user] = await getDb().select().from(users).where(eq(users.id, userId));
  if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, current))) return { ok: false, reason: "wrong-current" };
  const passwordHash = await hashPassword(next);
  const now = clockNow();
  await writeTransaction(async (tx) => {
    await tx.update(users).set({ passwordHash, updatedAt: now }).where(eq(users.id, userId));
    await recordAudit(tx, { actorId: userId, action: "password.change", subjectType: "user", subjectId: userId }, now);
    await enqueueNotification(tx, { kind: "password_changed", userId, data: { at: now.toISOString() } }, now);
  });
  await endOtherSessions(userId, currentSessionId);
  return { ok: true };
}
