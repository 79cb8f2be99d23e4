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

/** The user's setting, else the switcher's cookie, else Accept-Language, else English. */
export async function resolveLocale(request: Request, user?: Pick<User, "locale"> | null): Promise<Locale> {
  if (user?.locale) return user.locale;
  const fromCookie: unknown = await localeCookie.parse(request.headers.get("cookie"));
  if (isLocale(fromCookie)) return fromCookie;
  return localeFromAcceptLanguage(request.headers.get("accept-language")) ?? "en";
}

export async function getTranslator(request: Request, user?: Pick<User, "locale"> | null) {
  const locale = await resolveLocale(request, user);
  return { locale, t: makeTranslator(locale) };
}
