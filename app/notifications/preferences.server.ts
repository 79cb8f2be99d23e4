// Which optional emails a person receives, and the one-click unsubscribe token.
import { eq } from "drizzle-orm";
import { getConfig } from "~/config.server";
import { getDb, type Queryable, type Tx } from "~/db/client.server";
import { notificationPreferences, users } from "~/db/schema";
import { writeTransaction } from "~/db/transaction.server";
import { newToken } from "~/utils/ids.server";
import { clockNow } from "~/utils/clock.server";
import type { OptionalCategory } from "./kinds";

export type Preferences = { reminders: boolean; digests: boolean };
const DEFAULTS: Preferences = { reminders: true, digests: true };

export async function preferencesOf(db: Queryable, userId: string): Promise<Preferences> {
  const [row] = await db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId));
  return row ? { reminders: row.reminders, digests: row.digests } : DEFAULTS;
}

/** The person's unsubscribe token, created on first use. */
export async function unsubscribeToken(tx: Tx, userId: string, now = clockNow()): Promise<string> {
  const [row] = await tx
    .select({ token: notificationPreferences.unsubscribeToken })
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, userId));
  if (row) return row.token;
  const token = newToken();
  await tx.insert(notificationPreferences).values({ userId, ...DEFAULTS, unsubscribeToken: token, updatedAt: now });
  return token;
}

export function unsubscribeUrl(token: string, category: OptionalCategory) {
  return `${getConfig().publicUrl}/unsubscribe/${token}?c=${category}`;
}

async function upsert(tx: Tx, userId: string, set: Partial<Preferences>, now: Date) {
  await unsubscribeToken(tx, userId, now);
  await tx
    .update(notificationPreferences)
    .set({ ...set, updatedAt: now })
    .where(eq(notificationPreferences.userId, userId));
}

/** The account page's view of a person's own choices. */
export async function ownPreferences(userId: string): Promise<Preferences> {
  return preferencesOf(getDb(), userId);
}

export async function savePreferences(userId: string, prefs: Preferences, now = clockNow()) {
  await writeTransaction((tx) => upsert(tx, userId, prefs, now));
}

/** Who a token belongs to, for the unsubscribe page; null for an unknown token. */
export async function findByUnsubscribeToken(token: string) {
  const [found] = await getDb()
    .select({ userId: users.id, email: users.email })
    .from(notificationPreferences)
    .innerJoin(users, eq(users.id, notificationPreferences.userId))
    .where(eq(notificationPreferences.unsubscribeToken, token));
  return found ?? null;
}

/** One-click unsubscribe: the token is the credential (no session), so it works from a mail client. */
export async function unsubscribe(token: string, category: OptionalCategory, now = clockNow()) {
  const found = await findByUnsubscribeToken(token);
  if (!found) return null;
  await writeTransaction((tx) => upsert(tx, found.userId, { [category]: false }, now));
  return found;
}
