import { eq } from "drizzle-orm";
import { getDb } from "~/db/client.server";
import { users } from "~/db/schema";
import { checkLoginThrottle, clearLoginFailures, recordLoginFailure } from "./throttle.server";
import { verifyAgainstDummy, verifyPassword } from "./password.server";
import { clockSleep } from "~/utils/clock.server";

export type LoginResult =
  { ok: true; userId: string } | { ok: false; reason: "wrong" | "deactivated" } | { ok: false; reason: "locked"; retryAt: Date };

/**
 * Checks a login. The answer for an unknown email and a wrong password is the same, and takes
 * as long. Throttled keys are refused before the password is even looked at.
 */
export async function attemptLogin(email: string, password: string, ip: string): Promise<LoginResult> {
  const throttle = await checkLoginThrottle(email, ip);
  if (throttle.locked) return { ok: false, reason: "locked", retryAt: throttle.retryAt };
  if (throttle.delayMs > 0) await clockSleep(throttle.delayMs);

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
