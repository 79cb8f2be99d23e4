import { createContext, useContext } from "react";
import type { Locale } from "~/db/schema/users";
import { translate, type MessageKey, type Messages, type TranslateVars } from "~/i18n/translate";

export type I18n = { locale: Locale; messages: Messages; timeZone: string };

/** Set by the root layout; MDX components read it too, since they render outside route modules. */
export const I18nContext = createContext<I18n>({ locale: "en", messages: {} as Messages, timeZone: "UTC" });

export function useI18n() {
  return useContext(I18nContext);
}

export function useT() {
  const { messages } = useContext(I18nContext);
  return (key: MessageKey, vars?: TranslateVars) => translate(messages, key, vars);
}
