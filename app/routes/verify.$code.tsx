import { data, redirect, type HeadersFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Fragment } from "react";
import { Link, useLoaderData } from "@remix-run/react";
import { getSessionUser } from "~/auth/session.server";
import { normalizeCertificateCode } from "~/certificates/code.server";
import { VerifyForm } from "~/certificates/verify-form";
import { lookupCertificate } from "~/certificates/verify.server";
import { hitVerifyLimit, VERIFY_LIMIT } from "~/auth/rate-limit.server";
import { certificateLanguage, requestedLanguage } from "~/certificates/language.server";
import { pathVerifyPage } from "~/paths/verify.server";
import { verifyPageText } from "~/certificates/verify-page.server";
import { useT } from "~/components/use-t";
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

  const limit = await hitVerifyLimit(context.clientIp ?? "unknown");
  if (!limit.ok) {
    return data(
      { kind: "throttled" as const, title: t("verify.tooManyTitle"), retryAfter: limit.retryAfterSeconds, limit: VERIFY_LIMIT },
      { status: 429, headers: { "Retry-After": String(limit.retryAfterSeconds) } },
    );
  }
  const view = code ? await lookupCertificate(code) : null;
  // Not a module certificate: perhaps a learning path's (same code format, same page).
  const pathPage = !view && code ? await pathVerifyPage(code, requestedLanguage(new URL(request.url)) ?? undefined) : null;
  if (pathPage) return { kind: "found" as const, ...pathPage };
  if (!view) return data({ kind: "not-found" as const, title: t("verify.notFoundTitle") }, { status: 404 });
  const page = await verifyPageText(view, certificateLanguage(new URL(request.url), view.locale), view.code);
  return { kind: "found" as const, ...page };
}

export default function VerifyCodePage() {
  const loaderData = useLoaderData<typeof loader>();
  const t = useT();

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

  const page = loaderData;
  return (
    // The certificate speaks its holder's language, whatever language the site is in.
    <div className="narrow" lang={page.lang}>
      <p className="muted">{page.kicker}</p>
      <div className={`result result--${page.tone}`}>
        <h1>
          <span aria-hidden="true">{page.tone === "passed" ? "✓ " : "✗ "}</span>
          {page.heading}
        </h1>
        <p>{page.body}</p>
      </div>
      <dl className="facts">
        {page.facts.map((f) => (
          <Fragment key={f.label}>
            <dt>{f.label}</dt>
            <dd>{f.code ? <code>{f.value}</code> : f.value}</dd>
          </Fragment>
        ))}
      </dl>
      {page.earned.length > 0 ? (
        <section aria-labelledby="earned-heading">
          <h2 id="earned-heading">{page.earnedHeading}</h2>
          <ul>
            {page.earned.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </section>
      ) : null}
      {page.earlierVersion ? <p className="notice">{page.earlierVersion}</p> : null}
      <p>
        <a href={page.other.href} lang={page.other.lang} hrefLang={page.other.lang}>
          {page.other.text}
        </a>
      </p>
      <p>
        <Link to="/verify">{page.another}</Link>
      </p>
    </div>
  );
}
