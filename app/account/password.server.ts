// The person's own password: changing it while signed in, and choosing it through a one-time
// link. Account features, not auth's core: both announce the change by email (notifications),
// and auth must not depend on the features that use it.
import { and, eq, gt, isNull } from "drizzle-orm";
import { recordAudit } from "~/audit/record.server";
import { hashPassword, verifyPassword } from "~/auth/password.server";
import { findPasswordTokenUser } from "~/auth/password-tokens.server";
import { endOtherSessions } from "~/auth/sessions.server";
import { getDb } from "~/db/client.server";
import { passwordTokens, sessions, users } from "~/db/schema";
import { changedRows } from "~/db/sql.server";
import { writeTransaction } from "~/db/transaction.server";
import { enqueueNotification } from "~/notifications/enqueue.server";
import { clockNow } from "~/utils/clock.server";
import { sha256 } from "~/utils/ids.server";

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

/** Sets the password and spends the token in one transaction; false when the token is no longer valid. */
export async function consumeSetPasswordLink(token: string, password: string, now = clockNow()) {
  const found = await findPasswordTokenUser(token, now);
  if (!found || !found.active) return null;
  const passwordHash = await hashPassword(password);
  const ok = await writeTransaction(async (tx) => {
    // Checked again inside the transaction: two tabs submitting the same link race here.
    const spent = await tx
      .update(passwordTokens)
      .set({ usedAt: now })
      .where(and(eq(passwordTokens.tokenHash, sha256(token)), isNull(passwordTokens.usedAt), gt(passwordTokens.expiresAt, now)));
    if (changedRows(spent) !== 1) return false;
    const [before] = await tx.select({ hash: users.passwordHash }).from(users).where(eq(users.id, found.userId));
    const hadPassword = before?.hash != null;
    await tx.update(users).set({ passwordHash, updatedAt: now }).where(eq(users.id, found.userId));
    await recordAudit(tx, { actorId: found.userId, action: "password.set", subjectType: "user", subjectId: found.userId }, now);
    // Every earlier session ends with the old password, in the same transaction.
    await tx.delete(sessions).where(eq(sessions.userId, found.userId));
    // A reset (not a first password) is announced, in case it was not the account's owner.
    if (hadPassword) await enqueueNotification(tx, { kind: "password_changed", userId: found.userId, data: { at: now.toISOString() } }, now);
    return true;
  });
  if (!ok) return null;
  return found.userId;
}
