import type { MessageKey } from "./en";

// Kept apart from the catalogs so client code can translate without bundling both languages:
// the browser gets only its own language's messages, from the root loader.
export type { MessageKey };
export type Messages = Record<MessageKey, string>;
export type TranslateVars = Record<string, string | number>;
export type Translate = (key: MessageKey, vars?: TranslateVars) => string;

/** Replaces `{name}` placeholders; an unknown key falls back to the key itself, visibly. */
export function translate(messages: Messages, key: MessageKey, vars?: TranslateVars): string {
  const template = messages[key] ?? key;
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in vars ? String(vars[name]) : match));
}

export function isLocale(value: unknown): value is "en" | "id" {
  return value === "en" || value === "id";
}
