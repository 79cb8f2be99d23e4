// The HR certificates page's parts: a row of the list and the revoke confirmation.
import { Form, Link, useNavigation } from "@remix-run/react";
import { CertificateStatusBadge } from "~/certificates/status-badge";
import { ErrorText } from "~/components/form";
import { formatDate, formatPercent } from "~/i18n/format";
import type { FieldErrors } from "~/schemas/form";
import { useI18n, useT } from "../use-t";

type Row = {
  id: string;
  code: string;
  holderName: string;
  staffNumber: string | null;
  orgUnitName: string | null;
  moduleTitle: string;
  score: number;
  status: "valid" | "expired" | "revoked";
  issuedAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  revokedReason: string | null;
};

function Muted({ children }: { children: React.ReactNode }) {
  return (
    <>
      <br />
      <span className="muted">{children}</span>
    </>
  );
}

export function CertificateRow({ row: r, revokeHref }: { row: Row; revokeHref: string }) {
  const t = useT();
  const { locale, timeZone } = useI18n();
  const date = (iso: string) => formatDate(locale, iso, timeZone);
  const rowLabel = t("hrCert.rowLabel", { name: r.holderName, module: r.moduleTitle });
  return (
    <tr>
      <th scope="row">
        {r.holderName}
        {r.staffNumber ? <Muted>{r.staffNumber}</Muted> : null}
      </th>
      <td>{r.orgUnitName ?? "—"}</td>
      <td>
        {r.moduleTitle}
        <Muted>{formatPercent(locale, r.score)}</Muted>
      </td>
      <td>
        <CertificateStatusBadge status={r.status} />
        {r.revokedAt ? <Muted>{date(r.revokedAt)}</Muted> : null}
        {r.revokedAt && r.revokedReason ? <Muted>{t("hrCert.revokedReason", { reason: r.revokedReason })}</Muted> : null}
      </td>
      <td>{date(r.issuedAt)}</td>
      <td>{r.expiresAt ? date(r.expiresAt) : t("hrCert.noExpiry")}</td>
      <td>
        <a href={`/verify/${r.code}`} style={{ whiteSpace: "nowrap" }}>
          <code>{r.code}</code>
        </a>
      </td>
      <td>
        <div className="actions">
          <a href={`/certificates/${r.id}/pdf`} download>
            {t("hrCert.pdf")}
            <span className="visually-hidden">: {rowLabel}</span>
          </a>
          {r.status !== "revoked" ? (
            <Link to={revokeHref}>
              {t("hrCert.revoke")}
              <span className="visually-hidden">: {rowLabel}</span>
            </Link>
          ) : null}
        </div>
      </td>
    </tr>
  );
}

type Revoking = { id: string; code: string; holderName: string; moduleTitle: string; issuedAt: string };

export function RevokePanel({
  revoking,
  filterQuery,
  errors,
  reason,
}: {
  revoking: Revoking;
  filterQuery: string;
  errors?: FieldErrors;
  reason?: string;
}) {
  const t = useT();
  const { locale, timeZone } = useI18n();
  const busy = useNavigation().state === "submitting";
  const error = errors?.reason;
  return (
    <section id="revoke" className="panel" aria-labelledby="revoke-heading">
      <h2 id="revoke-heading">{t("hrCert.revokeTitle", { name: revoking.holderName })}</h2>
      <p>{t("hrCert.revokeIntro", { module: revoking.moduleTitle, date: formatDate(locale, revoking.issuedAt, timeZone), code: revoking.code })}</p>
      <Form method="post" className="stack" noValidate>
        <input type="hidden" name="intent" value="revoke" />
        <input type="hidden" name="certificateId" value={revoking.id} />
        <input type="hidden" name="returnTo" value={`/hr/certificates?${filterQuery}`} />
        <div className={`field${error ? " field--invalid" : ""}`}>
          <label htmlFor="revoke-reason">{t("hrCert.reason")}</label>
          <p className="field__hint" id="revoke-reason-hint">
            {t("hrCert.reasonHint")}
          </p>
          <textarea
            id="revoke-reason"
            name="reason"
            rows={3}
            maxLength={500}
            required
            defaultValue={reason ?? ""}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? "revoke-reason-hint revoke-reason-error" : "revoke-reason-hint"}
            autoFocus
          />
          <ErrorText id="revoke-reason-error">{error ? t(error) : null}</ErrorText>
        </div>
        <p className="actions">
          <button type="submit" className="button button--danger" disabled={busy}>
            {t("hrCert.confirmRevoke")}
          </button>
          <Link to={`/hr/certificates${filterQuery ? `?${filterQuery}` : ""}`}>{t("hrCert.cancel")}</Link>
        </p>
      </Form>
    </section>
  );
}
