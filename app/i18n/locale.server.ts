import { createCookie } from "@remix-run/node";
import type { User } from "lucia";
import { getConfig } from "~/config.server";
import type { Locale } from "~/db/schema";
import { isLocale, localeFromAcceptLanguage, makeTranslator } from "./index";

/** The language chosen with the switcher before logging in (or by someone without an account). */
export const localeCookie = createCookie("academy_locale", {
  path: "/",
  httpOnly: true,
  sameSite: "lax",
  maxAge: 60 * 60 * 24 * 365,
  get secure() {
    return getConfig().cookieSecure;
  },
});

/**
 * The language of everything made for a person away from a page they asked for: mail, in-app
 * notices, certificates. Their saved language, else the organisation's (DEFAULT_LOCALE). The
 * saved language is set at sign-in (see settleLocaleAtSignIn), so the fallback only covers people
 * who have not signed in since. The one rule; see docs/decisions/0023-recipient-language.md.
 */
export function recipientLocale(person: { locale: Locale | null } | null | undefined): Locale {
  return person?.locale ?? getConfig().defaultLocale;
}

/** A request's own choice: the switcher's cookie, else Accept-Language; undefined when neither names a language we have. */
export async function requestedLocale(request: Request): Promise<Locale | undefined> {
  const fromCookie: unknown = await localeCookie.parse(request.headers.get("cookie"));
  if (isLocale(fromCookie)) return fromCookie;
  return localeFromAcceptLanguage(request.headers.get("accept-language"));
}

/** The page's language: the user's setting, else the switcher's cookie, else Accept-Language, else the organisation's. */
export async function resolveLocale(request: Request, user?: Pick<User, "locale"> | null): Promise<Locale> {
  if (user?.locale) return user.locale;
  return (await requestedLocale(request)) ?? getConfig().defaultLocale;
}

export async function getTranslator(request: Request, user?: Pick<User, "locale"> | null) {
  const locale = await resolveLocale(request, user);
  return { locale, t: makeTranslator(locale) };
}
