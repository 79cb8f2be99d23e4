import type { Locale } from "~/db/schema/users";
import { catalogs } from "~/i18n";
import type { MessageKey } from "~/i18n/translate";

/** The lesson components' labels (Tip, Do, Key takeaways…) in a lesson's own language. */
export function mdxLabels(lang: Locale) {
  const messages = Object.fromEntries(Object.entries(catalogs[lang]).filter(([key]) => key.startsWith("mdx."))) as Partial<Record<MessageKey, string>>;
  return { lang, messages };
}
