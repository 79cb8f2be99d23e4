import type { MetaDescriptor } from "@remix-run/node";
import { translate, type MessageKey, type Messages, type TranslateVars } from "~/i18n/translate";

type Match = { id: string; data: unknown };

/**
 * Page title and description in the visitor's language. Meta functions run outside React, so
 * they read the catalog from the root loader's data.
 */
export function pageMeta(matches: Match[], title: MessageKey | { text: string }, vars?: TranslateVars): MetaDescriptor[] {
  const root = matches.find((m) => m.id === "root")?.data as { messages?: Messages } | undefined;
  const messages = root?.messages ?? ({} as Messages);
  const text = typeof title === "string" ? translate(messages, title, vars) : title.text;
  return [
    { title: text ? `${text} · Pustaka Academy` : "Pustaka Academy" },
    { name: "description", content: translate(messages, "meta.description") },
  ];
}
