// A path certificate on the public verify page and as a PDF: the same page and drawing as a
// module certificate, with the modules it rests on listed as how it was earned.
import { inArray } from "drizzle-orm";
import { getConfig } from "~/config.server";
import { getContent } from "~/content/registry.server";
import { getDb } from "~/db/client.server";
import { certificates, type Locale } from "~/db/schema";
import { makeTranslator } from "~/i18n";
import { formatDate, formatHours } from "~/i18n/format";
import { clockNow } from "~/utils/clock.server";
import { findPathCertificateByCode, type PathCertificate } from "./certificates.server";

/**
 * A path certificate counts as revoked once one of the module certificates it rests on is
 * revoked (on that date); it never expires: it records that the path was completed.
 */
export async function pathCertificateRevokedAt(cert: PathCertificate): Promise<Date | null> {
  const ids = cert.modules.map((m) => m.certificateId);
  if (ids.length === 0) return null;
  const rows = await getDb().select({ revokedAt: certificates.revokedAt }).from(certificates).where(inArray(certificates.id, ids));
  const dates = rows.flatMap((r) => (r.revokedAt ? [r.revokedAt.getTime()] : []));
  return dates.length > 0 ? new Date(Math.min(...dates)) : null;
}

/** The path's title in `lang`: the stored one in the certificate's language, else from the content. */
async function pathTitleIn(cert: PathCertificate, lang: Locale) {
  if (cert.locale === lang) return cert.pathTitle;
  return (await getContent()).paths.get(cert.pathSlug)?.title[lang] || cert.pathTitle;
}

/** The certificate as the module certificate PDF draws it, in `lang`. */
export async function pathCertificateForPdf(cert: PathCertificate, lang: Locale | undefined, now = clockNow()) {
  const locale: Locale = lang ?? (cert.locale === "id" ? "id" : "en");
  const revokedAt = await pathCertificateRevokedAt(cert);
  return {
    code: cert.code,
    holderName: cert.holderName,
    moduleTitle: makeTranslator(locale)("paths.pdf.title", { path: await pathTitleIn(cert, locale) }),
    moduleSlug: cert.pathSlug,
    locale,
    score: 0,
    // No quiz of its own: the PDF leaves the score line out.
    attemptId: null,
    issuedAt: cert.issuedAt,
    expiresAt: null,
    revokedAt: revokedAt && revokedAt <= now ? revokedAt : null,
    hours: cert.hours,
  };
}

/** The verify page's text for a path certificate (the shape verifyPageText returns), or null. */
export async function pathVerifyPage(code: string, requested: Locale | undefined) {
  const cert = await findPathCertificateByCode(getDb(), code);
  if (!cert) return null;
  const lang: Locale = requested ?? (cert.locale === "id" ? "id" : "en");
  const t = makeTranslator(lang);
  const { timeZone, orgName } = getConfig();
  const date = (d: Date) => formatDate(lang, d.toISOString(), timeZone);
  const revokedAt = await pathCertificateRevokedAt(cert);
  const state = await getContent();
  const other: Locale = lang === "en" ? "id" : "en";
  const title = await pathTitleIn(cert, lang);
  return {
    lang,
    view: {
      status: revokedAt ? "revoked" : "valid",
      holderName: cert.holderName,
      moduleTitle: title,
      hours: cert.hours,
      issuedAt: cert.issuedAt.toISOString(),
    },
    title: t("verify.pageTitle", { code: cert.code }),
    kicker: t("verify.title"),
    tone: revokedAt ? ("failed" as const) : ("passed" as const),
    heading: revokedAt ? t("verify.revoked") : t("verify.valid"),
    body: revokedAt ? t("paths.verify.revokedBody", { date: date(revokedAt) }) : t("verify.validBody", { org: orgName }),
    facts: [
      { label: t("verify.holder"), value: cert.holderName },
      { label: t("paths.verify.path"), value: title },
      { label: t("hours.label"), value: t("hours.value", { hours: formatHours(lang, cert.hours) }) },
      { label: t("verify.issued"), value: date(cert.issuedAt) },
      revokedAt ? { label: t("verify.revokedOn"), value: date(revokedAt) } : { label: t("verify.validUntil"), value: t("verify.noExpiry") },
      { label: t("verify.code"), value: cert.code, code: true },
    ],
    earnedHeading: t("paths.verify.earnedHeading"),
    earned: cert.modules.map((m) => {
      const mod = state.modules.get(m.slug);
      return t("paths.verify.moduleLine", { module: (mod && cert.locale !== lang ? mod.title[lang] : m.title) || m.title, code: m.certificateCode });
    }),
    earlierVersion: null,
    other: {
      href: `/verify/${cert.code}?lang=${other}`,
      text: makeTranslator(other)("verify.inOtherLanguage", { language: makeTranslator(other)(`certificates.language.${other}`) }),
      lang: other,
    },
    another: t("verify.another"),
  };
}
