import type { Locale } from "~/db/schema/users";
import { catalogs } from "~/i18n";
import type { MessageKey } from "~/i18n/translate";

type MdxLabels = { lang: Locale; messages: Partial<Record<MessageKey, string>> };

// The catalogs are fixed for the life of the process, so each language's labels are picked out
// once: filtering the whole catalog on every lesson view was 6% of the lesson page's CPU (bench).
const byLocale = new Map<Locale, MdxLabels>();

/** The lesson components' labels (Tip, Do, Key takeaways…) in a lesson's own language. */
export function mdxLabels(lang: Locale): MdxLabels {
  let labels = byLocale.get(lang);
  if (!labels) {
    const messages = Object.fromEntries(Object.entries(catalogs[lang]).filter(([key]) => key.startsWith("mdx."))) as Partial<Record<MessageKey, string>>;
    labels = { lang, messages };
    byLocale.set(lang, labels);
  }
  return labels;
}
