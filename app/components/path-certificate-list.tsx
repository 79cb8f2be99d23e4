// The learner's learning path certificates on /certificates: PDF (both languages), Open Badges
// credential, LinkedIn and verify page.
import { formatDate, formatHours } from "~/i18n/format";
import { useI18n, useT } from "./use-t";

export type PathCertificateItem = {
  id: string;
  code: string;
  title: string;
  hours: number;
  issuedAt: string;
  otherLanguage: "en" | "id";
  /** LinkedIn's add-to-profile link; null once the certificate is revoked. */
  linkedInUrl: string | null;
};

export function PathCertificateList({ items }: { items: PathCertificateItem[] }) {
  const t = useT();
  const { locale, timeZone } = useI18n();
  if (items.length === 0) return null;
  return (
    <section aria-labelledby="path-certificates-heading">
      <h2 id="path-certificates-heading">{t("paths.certificates.title")}</h2>
      <ul className="module-grid">
        {items.map((c) => {
          const context = t("paths.certificates.context", { path: c.title });
          return (
            <li key={c.id} className="module-card">
              <h3>{c.title}</h3>
              <p className="muted">
                {t("hours.value", { hours: formatHours(locale, c.hours) })} · {t("certificates.issued")} {formatDate(locale, c.issuedAt, timeZone)}
                <br />
                {t("certificates.code")} <code>{c.code}</code>
              </p>
              <div className="actions">
                <a href={`/certificates/path/${c.id}`} download className="button">
                  {t("certificates.download")}
                  <span className="visually-hidden"> {context}</span>
                </a>
                <a href={`/certificates/path/${c.id}?lang=${c.otherLanguage}`} download>
                  {t("certificates.downloadIn", { language: t(`certificates.language.${c.otherLanguage}`) })}
                  <span className="visually-hidden"> {context}</span>
                </a>
                <a href={`/certificates/path/${c.id}/credential.json`} download>
                  {t("badges.download")}
                  <span className="visually-hidden"> {context}</span>
                </a>
                {c.linkedInUrl ? (
                  <a href={c.linkedInUrl} target="_blank" rel="noopener noreferrer">
                    {t("badges.linkedIn")}
                    <span className="visually-hidden"> {context}</span>
                  </a>
                ) : null}
                <a href={`/verify/${c.code}`}>
                  {t("paths.certificates.verify")}
                  <span className="visually-hidden"> {context}</span>
                </a>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
