import { and, eq, gt, isNull } from "drizzle-orm";
import { getConfig } from "~/config.server";
import { getDb, type Tx } from "~/db/client.server";
import { passwordTokens, users } from "~/db/schema";
import { newToken, sha256 } from "~/utils/ids.server";
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

/**
 * First set-password links for accounts created in the same transaction (an import's batch): no
 * earlier link can exist, so one multi-row insert does, in the order of `userIds`.
 */
export async function issueFirstSetPasswordLinks(tx: Tx, userIds: string[], createdBy: string | null, now = clockNow()) {
  const expiresAt = new Date(now.getTime() + SET_PASSWORD_LINK_DAYS * 86_400_000);
  const tokens = userIds.map(() => newToken());
  if (userIds.length > 0)
    await tx
      .insert(passwordTokens)
      .values(userIds.map((userId, i) => ({ tokenHash: sha256(tokens[i]!), userId, createdBy, createdAt: now, expiresAt })));
  return tokens.map((token) => ({ url: `${getConfig().publicUrl}/set-password/${token}`, expiresAt }));
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
