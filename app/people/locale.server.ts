import { eq } from "drizzle-orm";
import { getDb } from "~/db/client.server";
import { users, type Locale } from "~/db/schema";
import { clockNow } from "~/utils/clock.server";

/** Remembers a signed-in person's language, so emails and their next session use it too. */
export function saveLocalePreference(userId: string, locale: Locale, now = clockNow()) {
  getDb().update(users).set({ locale, updatedAt: now }).where(eq(users.id, userId)).run();
}
