import { getConfig } from "~/config.server";
import type { Locale } from "~/db/schema";
import { makeTranslator, type MessageKey } from "~/i18n";
import { formatDate, formatHours, formatPercent } from "~/i18n/format";
import { moduleTitleIn } from "./language.server";
import type { VerificationView } from "./verify.server";

/**
 * The verify page's text, all in the certificate's language (or the one asked for): a verifier
 * reads the certificate as its holder received it, whatever language the site is shown in. The
 * assessment is told in words, never by internal hashes or ids.
 */
export async function verifyPageText(view: VerificationView, lang: Locale, code: string) {
  const t = makeTranslator(lang);
  const { timeZone, orgName } = getConfig();
  const date = (iso: string) => formatDate(lang, iso, timeZone);
  const status = view.status;
  const other: Locale = lang === "en" ? "id" : "en";
  const moduleTitle = await moduleTitleIn(view, lang);
  const facts: { label: string; value: string; code?: boolean }[] = [
    { label: t("verify.holder"), value: view.holderName },
    { label: t("verify.module"), value: moduleTitle },
    ...(view.hours ? [{ label: t("hours.label"), value: t("hours.value", { hours: formatHours(lang, view.hours) }) }] : []),
    { label: t("verify.issued"), value: date(view.issuedAt) },
    status === "revoked"
      ? { label: t("verify.revokedOn"), value: date(view.revokedAt!) }
      : status === "expired"
        ? { label: t("verify.expiredOn"), value: date(view.expiresAt!) }
        : { label: t("verify.validUntil"), value: view.expiresAt ? date(view.expiresAt) : t("verify.noExpiry") },
    { label: t("verify.code"), value: view.code, code: true },
  ];
  const earned = [
    ...(view.quiz ? [t("verify.quizLine", { score: formatPercent(lang, view.quiz.score), date: date(view.quiz.passedAt) })] : []),
    ...view.assessment.map((a) => {
      // Certificates from before reviewerKind was recorded: mentors are the reviewers with a partner organisation.
      const kind = a.reviewerKind ?? (a.reviewerOrganisation ? "mentor" : "trainer");
      const name = a.reviewerOrganisation ? `${a.reviewerName} (${a.reviewerOrganisation})` : a.reviewerName;
      return t(kind === "mentor" ? "verify.taskByMentor" : "verify.taskByTrainer", {
        task: a.taskTitle[lang] || a.taskTitle.en,
        name,
        date: date(a.decidedAt),
      });
    }),
  ];
  return {
    lang,
    // The facts as data too (no assessment: its rubric hashes and ids are not for the page).
    view: {
      status,
      holderName: view.holderName,
      moduleTitle,
      hours: view.hours,
      issuedAt: view.issuedAt,
      expiresAt: view.expiresAt,
      revokedAt: view.revokedAt,
      earlierVersion: view.earlierVersion,
    },
    title: t("verify.pageTitle", { code }),
    kicker: t("verify.title"),
    tone: status === "valid" ? ("passed" as const) : ("failed" as const),
    heading: t(`verify.${status}` as MessageKey),
    body:
      status === "valid"
        ? t("verify.validBody", { org: orgName })
        : status === "expired"
          ? t("verify.expiredBody", { date: date(view.expiresAt!) })
          : t("verify.revokedBody", { date: date(view.revokedAt!) }),
    facts,
    earnedHeading: t("verify.earnedHeading"),
    earned,
    earlierVersion: view.earlierVersion ? t("verify.earlierVersion") : null,
    other: {
      href: `/verify/${code}?lang=${other}`,
      text: makeTranslator(other)("verify.inOtherLanguage", { language: makeTranslator(other)(`certificates.language.${other}`) }),
      lang: other,
    },
    another: t("verify.another"),
  };
}
