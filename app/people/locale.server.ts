import { and, eq, isNull } from "drizzle-orm";
import { getDb } from "~/db/client.server";
import { users, type Locale } from "~/db/schema";
import { requestedLocale } from "~/i18n/locale.server";
import { getConfig } from "~/config.server";
import { clockNow } from "~/utils/clock.server";

/** Remembers a signed-in person's language, so emails and their next session use it too. */
export async function saveLocalePreference(userId: string, locale: Locale, now = clockNow()) {
  await getDb().update(users).set({ locale, updatedAt: now }).where(eq(users.id, userId));
}

/**
 * At a sign-in (password, single sign-on, a set-password link): someone without a saved language
 * gets the one this browser asked for (the switcher's choice, else Accept-Language), else the
 * organisation's. A saved language is never overwritten here: only the switcher while signed in
 * and the account page change it. Returns the person's language.
 */
export async function settleLocaleAtSignIn(request: Request, userId: string, now = clockNow()): Promise<Locale> {
  const locale = (await requestedLocale(request)) ?? getConfig().defaultLocale;
  const db = getDb();
  // "where locale is null": a choice saved meanwhile (another tab's switcher) is kept.
  await db
    .update(users)
    .set({ locale, updatedAt: now })
    .where(and(eq(users.id, userId), isNull(users.locale)));
  const [saved] = await db.select({ locale: users.locale }).from(users).where(eq(users.id, userId));
  return saved?.locale ?? locale;
}
