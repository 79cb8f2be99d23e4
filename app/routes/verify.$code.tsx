import { data, redirect, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getSessionUser } from "~/auth/session.server";
import { normalizeCertificateCode } from "~/certificates/code.server";
import { VerifyForm } from "~/certificates/verify-form";
import { lookupCertificate, VERIFY_LIMIT, verifyLimiter } from "~/certificates/verify.server";
import { useI18n, useT } from "~/components/use-t";
import { getConfig } from "~/config.server";
import { formatDate, formatHours } from "~/i18n/format";
import { getTranslator } from "~/i18n/locale.server";
import { VerifyParamSchema } from "~/schemas/certificates";
import { pageMeta } from "~/components/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  ...pageMeta(matches, { text: data?.title ?? "" }),
  // A verify page names a person: keep it out of search engines.
  { name: "robots", content: "noindex, nofollow" },
];

export const headers: HeadersFunction = ({ loaderHeaders }) => {
  const out = new Headers({ "Cache-Control": "no-store", "X-Robots-Tag": "noindex, nofollow" });
  const retry = loaderHeaders.get("Retry-After");
  if (retry) out.set("Retry-After", retry);
  return out;
};

/**
 * Public on purpose (no requireUser): anyone with the code sees the certificate's status, the
 * name and module on it and its dates, and nothing else. Look-ups are limited per client IP
 * (verify.server.ts), so codes cannot be guessed at speed.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const found = await getSessionUser(request);
  const { t } = await getTranslator(request, found?.user);
  const raw = VerifyParamSchema.safeParse(params.code);
  const code = raw.success ? normalizeCertificateCode(raw.data) : null;
  // A code typed in lower case or without dashes: one canonical address per certificate.
  if (code && code !== params.code) throw redirect(`/verify/${code}`);

  const limit = verifyLimiter.hit(context.clientIp ?? "unknown");
  if (!limit.ok) {
    return data(
      { kind: "throttled" as const, title: t("verify.tooManyTitle"), retryAfter: limit.retryAfterSeconds, limit: VERIFY_LIMIT },
      { status: 429, headers: { "Retry-After": String(limit.retryAfterSeconds) } },
    );
  }
  const view = code ? await lookupCertificate(code) : null;
  if (!view) return data({ kind: "not-found" as const, title: t("verify.notFoundTitle") }, { status: 404 });
  const { locale } = await getTranslator(request, found?.user);
  // Translated here: the practice messages are not in this page's client catalog.
  const assessed = view.assessment.map((a) =>
    t("verify.assessedBy", {
      task: a.taskTitle[locale],
      version: a.taskVersion,
      rubric: a.rubricHash,
      name: a.reviewerOrganisation ? `${a.reviewerName} (${a.reviewerOrganisation})` : a.reviewerName,
      date: formatDate(locale, a.decidedAt, getConfig().timeZone),
    }),
  );
  return {
    kind: "found" as const,
    title: t("verify.pageTitle", { code: view.code }),
    view,
    orgName: getConfig().orgName,
    assessed,
    assessedHeading: t("verify.assessed"),
  };
}

export default function VerifyCodePage() {
  const loaderData = useLoaderData<typeof loader>();
  const t = useT();
  const { locale, timeZone } = useI18n();
  const date = (iso: string) => formatDate(locale, iso, timeZone);

  if (loaderData.kind === "throttled") {
    return (
      <div className="narrow">
        <h1>{t("verify.tooManyTitle")}</h1>
        <p className="alert alert--error">{t("verify.tooManyBody", { limit: loaderData.limit, seconds: loaderData.retryAfter })}</p>
      </div>
    );
  }

  if (loaderData.kind === "not-found") {
    return (
      <div className="narrow">
        <h1>{t("verify.notFoundTitle")}</h1>
        <p className="alert alert--error">{t("verify.notFoundBody")}</p>
        <VerifyForm />
      </div>
    );
  }

  const { view, orgName, assessed, assessedHeading } = loaderData;
  const tone = view.status === "valid" ? "passed" : "failed";
  const heading = view.status === "valid" ? t("verify.valid") : view.status === "expired" ? t("verify.expired") : t("verify.revoked");
  return (
    <div className="narrow">
      <p className="muted">{t("verify.title")}</p>
      <div className={`result result--${tone}`}>
        <h1>
          <span aria-hidden="true">{view.status === "valid" ? "✓ " : "✗ "}</span>
          {heading}
        </h1>
        <p>
          {view.status === "valid"
            ? t("verify.validBody", { org: orgName })
            : view.status === "expired"
              ? t("verify.expiredBody", { date: date(view.expiresAt!) })
              : t("verify.revokedBody", { date: date(view.revokedAt!) })}
        </p>
      </div>
      <dl className="facts">
        <dt>{t("verify.holder")}</dt>
        <dd>{view.holderName}</dd>
        <dt>{t("verify.module")}</dt>
        <dd>{view.moduleTitle}</dd>
        {view.hours ? (
          <>
            <dt>{t("hours.label")}</dt>
            <dd>{t("hours.value", { hours: formatHours(locale, view.hours) })}</dd>
          </>
        ) : null}
        <dt>{t("verify.issued")}</dt>
        <dd>{date(view.issuedAt)}</dd>
        {view.status === "revoked" ? (
          <>
            <dt>{t("verify.revokedOn")}</dt>
            <dd>{date(view.revokedAt!)}</dd>
          </>
        ) : view.status === "expired" ? (
          <>
            <dt>{t("verify.expiredOn")}</dt>
            <dd>{date(view.expiresAt!)}</dd>
          </>
        ) : (
          <>
            <dt>{t("verify.validUntil")}</dt>
            <dd>{view.expiresAt ? date(view.expiresAt) : t("verify.noExpiry")}</dd>
          </>
        )}
        <dt>{t("verify.code")}</dt>
        <dd>
          <code>{view.code}</code>
        </dd>
      </dl>
      {assessed.length > 0 ? (
        <section aria-labelledby="assessed-heading">
          <h2 id="assessed-heading">{assessedHeading}</h2>
          <ul>
            {assessed.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {view.earlierVersion ? <p className="notice">{t("verify.earlierVersion")}</p> : null}
      <p>
        <Link to="/verify">{t("verify.another")}</Link>
      </p>
    </div>
  );
}
