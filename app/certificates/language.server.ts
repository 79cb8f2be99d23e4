// A certificate is issued in its holder's language (issue.server.ts: recipientLocale, ADR 0023) and can
// be shown in the other one: the PDF download and the verify page take ?lang=en|id.
import { getContent } from "~/content/registry.server";
import type { Locale } from "~/db/schema";
import { CertificateLangSchema } from "~/schemas/certificates";
import type { Certificate } from "./issue.server";

/** ?lang= from a URL: the language asked for, undefined when absent, null when invalid. */
export function requestedLanguage(url: URL): Locale | undefined | null {
  const parsed = CertificateLangSchema.safeParse(url.searchParams.get("lang") ?? undefined);
  return parsed.success ? parsed.data : null;
}

/** The language to show a certificate in: the one asked for when valid, else its own. */
export function certificateLanguage(url: URL, own: Locale): Locale {
  return requestedLanguage(url) ?? own;
}

/** The module title in `lang`: the stored one in the certificate's language, or when the module is gone. */
export async function moduleTitleIn(cert: Pick<Certificate, "moduleSlug" | "moduleTitle" | "locale">, lang: Locale) {
  if (cert.locale === lang) return cert.moduleTitle;
  const mod = (await getContent()).modules.get(cert.moduleSlug);
  return mod ? mod.title[lang] || cert.moduleTitle : cert.moduleTitle;
}

/** The certificate as it reads in `lang` (for the PDF): its language and module title swapped. */
export async function certificateIn<C extends Pick<Certificate, "moduleSlug" | "moduleTitle" | "locale">>(cert: C, lang: Locale): Promise<C> {
  if (cert.locale === lang) return cert;
  return { ...cert, locale: lang, moduleTitle: await moduleTitleIn(cert, lang) };
}
