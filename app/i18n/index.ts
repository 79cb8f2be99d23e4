import type { Locale } from "~/db/schema/users";
import { en } from "./en";
import { id } from "./id";
import { translate, type Messages, type Translate } from "./translate";

export * from "./translate";
export const catalogs: Record<Locale, Messages> = { en, id };

export function makeTranslator(locale: Locale): Translate {
  const messages = catalogs[locale];
  return (key, vars) => translate(messages, key, vars);
}

/** Picks the best supported language from an Accept-Language header. */
export function localeFromAcceptLanguage(header: string | null): Locale | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { tag: tag.toLowerCase(), q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((l) => l.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const base = tag.split("-")[0];
    // "in" is the obsolete ISO code for Indonesian that some older systems still send.
    if (base === "id" || base === "in") return "id";
    if (base === "en") return "en";
  }
  return undefined;
}
