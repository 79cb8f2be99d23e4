// Which optional emails a person receives, and the one-click unsubscribe token.
import { eq } from "drizzle-orm";
import { getConfig } from "~/config.server";
import { getDb, type Queryable, type Tx } from "~/db/client.server";
import { notificationPreferences, users } from "~/db/schema";
import { newToken } from "~/utils/ids.server";
import { clockNow } from "~/utils/clock.server";
import type { OptionalCategory } from "./kinds";

export type Preferences = { reminders: boolean; digests: boolean };
const DEFAULTS: Preferences = { reminders: true, digests: true };

export function preferencesOf(db: Queryable, userId: string): Preferences {
  const row = db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, userId)).get();
  return row ? { reminders: row.reminders, digests: row.digests } : DEFAULTS;
}

/** The person's unsubscribe token, created on first use. */
export function unsubscribeToken(tx: Tx, userId: string, now = clockNow()): string {
  const row = tx
    .select({ token: notificationPreferences.unsubscribeToken })
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, userId))
    .get();
  if (row) return row.token;
  const token = newToken();
  tx.insert(notificationPreferences)
    .values({ userId, ...DEFAULTS, unsubscribeToken: token, updatedAt: now })
    .run();
  return token;
}

export function unsubscribeUrl(token: string, category: OptionalCategory) {
  return `${getConfig().publicUrl}/unsubscribe/${token}?c=${category}`;
}

function upsert(tx: Tx, userId: string, set: Partial<Preferences>, now: Date) {
  unsubscribeToken(tx, userId, now);
  tx.update(notificationPreferences)
    .set({ ...set, updatedAt: now })
    .where(eq(notificationPreferences.userId, userId))
    .run();
}

/** The account page's choices for the logged-in person. */
/** The account page's view of a person's own choices. */
export function ownPreferences(userId: string): Preferences {
  return preferencesOf(getDb(), userId);
}

export function savePreferences(userId: string, prefs: Preferences, now = clockNow()) {
  getDb().transaction((tx) => upsert(tx, userId, prefs, now), { behavior: "immediate" });
}

/** Who a token belongs to, for the unsubscribe page; null for an unknown token. */
export function findByUnsubscribeToken(token: string) {
  return (
    getDb()
      .select({ userId: users.id, email: users.email })
      .from(notificationPreferences)
      .innerJoin(users, eq(users.id, notificationPreferences.userId))
      .where(eq(notificationPreferences.unsubscribeToken, token))
      .get() ?? null
  );
}

/** One-click unsubscribe: the token is the credential (no session), so it works from a mail client. */
export function unsubscribe(token: string, category: OptionalCategory, now = clockNow()) {
  const found = findByUnsubscribeToken(token);
  if (!found) return null;
  getDb().transaction((tx) => upsert(tx, found.userId, { [category]: false }, now), { behavior: "immediate" });
  return found;
}
