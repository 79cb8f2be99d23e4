import type { MetaDescriptor } from "@remix-run/node";
import { catalogAt } from "~/i18n/catalog-store";
import { translate, type MessageKey, type TranslateVars } from "~/i18n/translate";

type Match = { id: string; data: unknown };

/**
 * Page title and description in the visitor's language. Meta functions run outside React, so
 * they read the catalog the root loader's data names (loaded before any render).
 */
export function pageMeta(matches: Match[], title: MessageKey | { text: string }, vars?: TranslateVars): MetaDescriptor[] {
  const root = matches.find((m) => m.id === "root")?.data as { messagesUrl?: string } | undefined;
  const messages = catalogAt(root?.messagesUrl);
  const text = typeof title === "string" ? translate(messages, title, vars) : title.text;
  return [
    { title: text ? `${text} · Pustaka Academy` : "Pustaka Academy" },
    { name: "description", content: translate(messages, "meta.description") },
  ];
}
