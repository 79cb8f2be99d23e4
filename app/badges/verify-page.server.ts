import { hitVerifyLimit, VERIFY_LIMIT } from "~/auth/rate-limit.server";
import { getConfig } from "~/config.server";
import type { Locale } from "~/db/schema/users";
import type { MessageKey, Translate } from "~/i18n";
import { formatDate, formatHours } from "~/i18n/format";
import { CREDENTIAL_MAX_BYTES, CredentialTextSchema } from "~/schemas/badges";
import { clockNow } from "~/utils/clock.server";
import { checkBadge } from "./verify.server";

// The verify page's credential check: a file or pasted JSON in, a verdict in the visitor's
// language out. Rate-limited with the code look-up (the same counter per client), and every
// bad input is a message, never an error page.

export type CredentialCheckView =
  | { kind: "throttled"; message: string; retryAfter: number }
  | { kind: "error"; message: string; pasted: string }
  | {
      kind: "checked";
      tone: "passed" | "failed";
      heading: string;
      facts: { label: string; value: string }[];
      criteria: string;
      lang: string | null;
    };

const kb = Math.round(CREDENTIAL_MAX_BYTES / 1024);

/** The uploaded file's text when a file was chosen, else the paste box; null for a file over the limit. */
async function submittedText(form: FormData): Promise<unknown> {
  const file = form.get("credential");
  if (file && typeof file !== "string" && file.size > 0) {
    // Checked before reading: a large file is refused without holding it as text.
    return file.size > CREDENTIAL_MAX_BYTES ? null : await file.text();
  }
  return form.get("json") ?? "";
}

export async function checkSubmittedCredential(
  request: Request,
  clientIp: string,
  { t, locale }: { t: Translate; locale: Locale },
  now: Date = clockNow(),
): Promise<{ status: number; view: CredentialCheckView }> {
  const limit = await hitVerifyLimit(clientIp, now);
  if (!limit.ok) {
    return {
      status: 429,
      view: {
        kind: "throttled",
        retryAfter: limit.retryAfterSeconds,
        message: t("verify.tooManyBody", { limit: VERIFY_LIMIT, seconds: limit.retryAfterSeconds }),
      },
    };
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return { status: 400, view: { kind: "error", message: t("badges.errorEmpty"), pasted: "" } };
  }
  const pastedRaw = form.get("json");
  // Given back to the paste box, so nothing typed is lost (bounded: the box takes no more).
  const pasted = typeof pastedRaw === "string" ? pastedRaw.slice(0, CREDENTIAL_MAX_BYTES) : "";
  const submitted = await submittedText(form);
  if (submitted === null) return { status: 413, view: { kind: "error", message: t("badges.errorTooLarge", { kb }), pasted } };
  const text = CredentialTextSchema.safeParse(submitted);
  if (!text.success) {
    const key = text.error.issues[0]!.message as MessageKey;
    return { status: 400, view: { kind: "error", message: t(key, { kb }), pasted } };
  }
  let json: unknown;
  try {
    json = JSON.parse(text.data);
  } catch (e) {
    return { status: 400, view: { kind: "error", message: t("badges.errorNotJson", { detail: (e as Error).message.slice(0, 200) }), pasted } };
  }
  const { orgName, timeZone } = getConfig();
  const result = await checkBadge(json, now);
  if (!result.ok) {
    const message =
      result.error === "other-issuer"
        ? t("badges.errorOtherIssuer", { issuer: result.issuer.slice(0, 200), org: orgName })
        : t("badges.errorNotCredential", { detail: result.detail.slice(0, 300) });
    return { status: 400, view: { kind: "error", message, pasted } };
  }
  const s = result.summary;
  const date = (iso: string) => formatDate(locale, iso, timeZone);
  const heading = {
    valid: () => t("badges.resultValid"),
    revoked: () => t("badges.resultRevoked", { org: orgName }),
    expired: () => t("badges.resultExpired", { date: date(s.validUntil!) }),
    "not-yet-valid": () => t("badges.resultNotYet", { date: date(s.validFrom) }),
    forged: () => t("badges.resultForged", { org: orgName }),
    "status-unknown": () => t("badges.resultStatusUnknown"),
  }[result.verdict]();
  const facts = [
    { label: t("badges.signature"), value: t(result.signature ? "badges.signatureHolds" : "badges.signatureFails") },
    { label: t("badges.issuer"), value: s.issuerName },
    ...(s.holderName ? [{ label: t("badges.holder"), value: s.holderName }] : []),
    { label: t("badges.achievement"), value: s.achievement },
    ...(s.achievementType === "LearningProgram" ? [{ label: t("paths.badge.kind"), value: t("paths.badge.kindPath") }] : []),
    ...(s.hours !== null ? [{ label: t("badges.hours"), value: t("hours.value", { hours: formatHours(locale, s.hours) }) }] : []),
    { label: t("badges.validFrom"), value: date(s.validFrom) },
    { label: t("badges.validUntil"), value: s.validUntil ? date(s.validUntil) : t("badges.noExpiry") },
    {
      label: t("badges.status"),
      value: t(result.revoked === true ? "badges.statusRevoked" : result.revoked === false ? "badges.statusNotRevoked" : "badges.statusUnknown"),
    },
  ];
  return {
    status: 200,
    view: { kind: "checked", tone: result.verdict === "valid" ? "passed" : "failed", heading, facts, criteria: s.criteria, lang: s.language },
  };
}

export const CREDENTIAL_MAX_KB = kb;
