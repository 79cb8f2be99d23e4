import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireCan } from "~/auth/policy.server";
import { linkedInAddUrl } from "~/badges/linkedin.server";
import { CertificateStatusBadge } from "~/certificates/status-badge";
import { myCertificates } from "~/certificates/manage.server";
import { getContent } from "~/content/registry.server";
import { getConfig } from "~/config.server";
import { CopyLink } from "~/components/copy-link";
import { useI18n, useT } from "~/components/use-t";
import { formatDate, formatPercent } from "~/i18n/format";
import { getTranslator } from "~/i18n/locale.server";
import { CertificateIdSchema } from "~/schemas/certificates";
import { pageMeta } from "~/components/meta";
import { PathCertificateList } from "~/components/path-certificate-list";
import { getDb } from "~/db/client.server";
import { pathCertificatesOf } from "~/paths/certificates.server";
import { pathCertificateRevokedAt } from "~/paths/verify.server";
import { credentialId } from "~/badges/certificate-badge.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(matches, { text: data?.title ?? "" });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCan(request, "certificates.own");
  const { t } = await getTranslator(request, user);
  const share = CertificateIdSchema.optional()
    .catch(undefined)
    .parse(new URL(request.url).searchParams.get("share") ?? undefined);
  const certificates = (await myCertificates(user, await getContent())).map((c) => ({
    ...c,
    // Only a valid certificate goes on a profile.
    linkedInUrl: c.status === "valid" ? linkedInAddUrl(c) : null,
  }));
  const pathCertificates = await Promise.all(
    (await pathCertificatesOf(getDb(), user.id)).map(async (c) => ({
      id: c.id,
      code: c.code,
      title: c.pathTitle,
      hours: c.hours,
      issuedAt: c.issuedAt.toISOString(),
      otherLanguage: c.locale === "id" ? ("en" as const) : ("id" as const),
      // Only a valid one goes on a profile; a path certificate never expires (ADR 0031).
      linkedInUrl: (await pathCertificateRevokedAt(c))
        ? null
        : linkedInAddUrl({
            moduleTitle: c.pathTitle,
            code: c.code,
            issuedAt: c.issuedAt.toISOString(),
            expiresAt: null,
            verifyUrl: credentialId(c.code),
          }),
    })),
  );
  return {
    title: t("certificates.title"),
    orgName: getConfig().orgName,
    certificates,
    pathCertificates,
    shareId: certificates.some((c) => c.id === share) ? share! : null,
  };
}

export default function MyCertificatesPage() {
  const { certificates, pathCertificates, shareId, orgName } = useLoaderData<typeof loader>();
  const t = useT();
  const { locale, timeZone } = useI18n();
  const date = (iso: string) => formatDate(locale, iso, timeZone);
  const shared = certificates.find((c) => c.id === shareId);
  return (
    <div>
      <h1>{t("certificates.title")}</h1>
      <p className="lead">{t("certificates.intro")}</p>
      {certificates.length > 0 || pathCertificates.length > 0 ? <p className="muted">{t("badges.downloadHint", { org: orgName })}</p> : null}
      {shared ? (
        <section id="share" className="panel" aria-labelledby="share-heading" style={{ marginBottom: "1.5rem" }}>
          <h2 id="share-heading">{t("certificates.shareTitle", { module: shared.moduleTitle })}</h2>
          <p className="muted">{t("certificates.shareHint")}</p>
          <CopyLink url={shared.verifyUrl} label={t("certificates.share")} />
          <p>
            <Link to="/certificates">{t("certificates.closeShare")}</Link>
          </p>
        </section>
      ) : null}
      <PathCertificateList items={pathCertificates} />
      {certificates.length === 0 ? (
        <p>
          {t("certificates.none")} <Link to="/learn">{t("certificates.toLearning")}</Link>
        </p>
      ) : (
        // position: relative keeps the visually hidden link text inside the scrolling box on narrow screens.
        // On a phone each row is a card (.table-cards); the explicit roles keep it a table for screen readers.
        <div className="table-wrap table-cards" style={{ position: "relative" }} tabIndex={0} role="region" aria-label={t("certificates.tableLabel")}>
          <table role="table">
            <thead role="rowgroup">
              <tr role="row">
                <th scope="col" role="columnheader">
                  {t("certificates.module")}
                </th>
                <th scope="col" role="columnheader">
                  {t("certificates.status")}
                </th>
                <th scope="col" role="columnheader">
                  {t("certificates.issued")}
                </th>
                <th scope="col" role="columnheader">
                  {t("certificates.validUntil")}
                </th>
                <th scope="col" role="columnheader">
                  {t("certificates.score")}
                </th>
                <th scope="col" role="columnheader">
                  {t("certificates.actions")}
                </th>
              </tr>
            </thead>
            <tbody role="rowgroup">
              {certificates.map((c, i) => {
                const context = t("certificates.forModule", { module: c.moduleTitle, date: date(c.issuedAt) });
                return (
                  <tr key={c.id} role="row">
                    <th scope="row" role="rowheader">
                      {c.moduleTitle}
                      <br />
                      <span className="muted">
                        {t("certificates.code")} <code>{c.code}</code>
                      </span>
                    </th>
                    <td role="cell" data-label={t("certificates.status")}>
                      <CertificateStatusBadge status={c.status} />
                      {c.renewBy ? (
                        <>
                          <br />
                          <strong>{t("certificates.renewBy", { date: date(c.renewBy) })}</strong>
                          <br />
                          <span className="muted">{t("certificates.renewHint")}</span>
                        </>
                      ) : null}
                      {c.retakeTo ? (
                        <>
                          <br />
                          <Link to={c.retakeTo}>{t("certificates.retake")}</Link>
                        </>
                      ) : null}
                    </td>
                    <td role="cell" data-label={t("certificates.issued")}>
                      {date(c.issuedAt)}
                    </td>
                    <td role="cell" data-label={t("certificates.validUntil")}>
                      {c.expiresAt ? date(c.expiresAt) : t("certificates.noExpiry")}
                    </td>
                    <td role="cell" data-label={t("certificates.score")}>
                      {formatPercent(locale, c.score)}
                    </td>
                    <td role="cell">
                      <div className="actions">
                        <a href={`/certificates/${c.id}/pdf`} download className="button" data-main-action={i === 0 ? true : undefined}>
                          {t("certificates.download")}
                          <span className="visually-hidden"> {context}</span>
                        </a>
                        <a href={`/certificates/${c.id}/pdf?lang=${c.otherLanguage}`} download>
                          {t("certificates.downloadIn", { language: t(`certificates.language.${c.otherLanguage}`) })}
                          <span className="visually-hidden"> {context}</span>
                        </a>
                        <a href={`/certificates/${c.id}/credential.json`} download>
                          {t("badges.download")}
                          <span className="visually-hidden"> {context}</span>
                        </a>
                        <a href={`/certificates/${c.id}/pdf?form=personnel`} download>
                          {t("badges.civilService")}
                          <span className="visually-hidden"> {context}</span>
                        </a>
                        {c.linkedInUrl ? (
                          <a href={c.linkedInUrl} target="_blank" rel="noopener noreferrer">
                            {t("badges.linkedIn")}
                            <span className="visually-hidden"> {context}</span>
                          </a>
                        ) : null}
                        <Link to={`/certificates?share=${c.id}#share`}>
                          {t("certificates.share")}
                          <span className="visually-hidden"> {context}</span>
                        </Link>
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
