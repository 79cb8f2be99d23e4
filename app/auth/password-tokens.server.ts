import { and, eq, gt, isNull } from "drizzle-orm";
import { getConfig } from "~/config.server";
import { getDb, type Tx } from "~/db/client.server";
import { passwordTokens, sessions, users } from "~/db/schema";
import { changedRows } from "~/db/sql.server";
import { writeTransaction } from "~/db/transaction.server";
import { recordAudit } from "~/audit/record.server";
import { enqueueNotification } from "~/notifications/enqueue.server";
import { newToken, sha256 } from "~/utils/ids.server";
import { hashPassword } from "./password.server";
import { clockNow } from "~/utils/clock.server";

export const SET_PASSWORD_LINK_DAYS = 7;

/**
 * A one-time link that lets a new (or locked-out) person choose a password. The admin hands it
 * over, so no mail server is needed. Issuing a new link voids the person's earlier ones.
 */
export async function issueSetPasswordLink(
  tx: Tx,
  userId: string,
  createdBy: string | null,
  now = clockNow(),
  validMs = SET_PASSWORD_LINK_DAYS * 86_400_000,
) {
  const token = newToken();
  await tx
    .update(passwordTokens)
    .set({ usedAt: now })
    .where(and(eq(passwordTokens.userId, userId), isNull(passwordTokens.usedAt)));
  await tx.insert(passwordTokens).values({
    tokenHash: sha256(token),
    userId,
    createdBy,
    createdAt: now,
    expiresAt: new Date(now.getTime() + validMs),
  });
  return { url: `${getConfig().publicUrl}/set-password/${token}`, expiresAt: new Date(now.getTime() + validMs) };
}

/** The person a still-valid token belongs to, or null for unknown, used or expired tokens. */
export async function findPasswordTokenUser(token: string, now = clockNow()) {
  const [found] = await getDb()
    .select({ userId: users.id, email: users.email, displayName: users.displayName, active: users.active })
    .from(passwordTokens)
    .innerJoin(users, eq(users.id, passwordTokens.userId))
    .where(and(eq(passwordTokens.tokenHash, sha256(token)), isNull(passwordTokens.usedAt), gt(passwordTokens.expiresAt, now)));
  return found ?? null;
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
