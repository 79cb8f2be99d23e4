import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { requireCan } from "~/auth/policy.server";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { safeRedirectPath } from "~/auth/session.server";
import { certificateForHr, certificateModuleOptions, filtersFromQuery, listCertificates, revokeCertificate } from "~/certificates/manage.server";
import { CertificateStatusBadge } from "~/certificates/status-badge";
import { getContent } from "~/content/registry.server";
import { getConfig } from "~/config.server";
import { FormAlert } from "~/components/form";
import type { MessageKey } from "~/i18n/translate";
import { useI18n, useT } from "~/components/use-t";
import { formatDate, formatPercent } from "~/i18n/format";
import { getTranslator } from "~/i18n/locale.server";
import { orgUnitTree } from "~/people/org-units.server";
import { CertificateListQuerySchema, RevokeFormSchema, type CertificateListQuery } from "~/schemas/certificates";
import { parseForm, readQuery, type FieldErrors } from "~/schemas/form";
import { pageMeta } from "~/components/meta";
import { OrgUnitSelect } from "~/components/org-unit-select";
import { Pagination } from "~/components/pagination";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(matches, { text: data?.title ?? "" });

const PAGE_SIZE = 50;
const FILTER_KEYS = ["q", "orgUnit", "module", "from", "to", "status"] as const;
const FILTER_LABELS = {
  q: "hrCert.search",
  orgUnit: "fields.orgUnit",
  module: "hrCert.module",
  from: "hrCert.from",
  to: "hrCert.to",
  status: "hrCert.status",
} as const satisfies Record<(typeof FILTER_KEYS)[number], MessageKey>;

function filterParams(query: Partial<CertificateListQuery>) {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = query[key];
    if (value) params.set(key, String(value));
  }
  return params;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireCan(request, "certificates.manage");
  const { t, locale } = await getTranslator(request, actor);
  const { query, ignored } = readQuery(CertificateListQuerySchema, new URL(request.url).searchParams);
  const units = orgUnitTree();
  const page = query.page ?? 1;
  const filters = filtersFromQuery(query, getConfig().timeZone);
  const { rows, total } = listCertificates(actor, filters, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  const revoking = query.revoke ? certificateForHr(actor, query.revoke) : null;
  return {
    title: t("hrCert.title"),
    rows,
    total,
    page,
    pages: Math.max(1, Math.ceil(total / PAGE_SIZE)),
    query,
    filterQuery: filterParams(query).toString(),
    // Filters that could not be read (2026-02-30 is no day) are left out and named on the page.
    ignored: ignored.filter((k): k is (typeof FILTER_KEYS)[number] => (FILTER_KEYS as readonly string[]).includes(k)),
    units: units.map((u) => ({ id: u.id, name: u.name, depth: u.depth })),
    modules: certificateModuleOptions(await getContent(), locale),
    revoking:
      revoking && !revoking.revokedAt
        ? {
            id: revoking.id,
            code: revoking.code,
            holderName: revoking.holderName,
            moduleTitle: revoking.moduleTitle,
            issuedAt: revoking.issuedAt.toISOString(),
          }
        : null,
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requireCan(request, "certificates.manage");
  const parsed = parseForm(RevokeFormSchema, await request.formData());
  if (!parsed.success) {
    if (!parsed.values.certificateId || parsed.errors.intent || parsed.errors.certificateId) {
      throw new Response("Bad request", { status: 400, statusText: "Bad Request" });
    }
    return data({ errors: parsed.errors, values: parsed.values }, { status: 400 });
  }
  const result = revokeCertificate(actor, { id: parsed.data.certificateId, reason: parsed.data.reason });
  if (!result.ok && result.reason === "not-found") throw new Response("Not found", { status: 404, statusText: "Not Found" });
  // Back to the list the revoke form was opened from, with its filters.
  const back = safeRedirectPath(parsed.data.returnTo, "/hr/certificates");
  const url = new URL(back.startsWith("/hr/certificates") ? back : "/hr/certificates", "http://x");
  url.searchParams.delete("revoke");
  url.searchParams.set("done", result.ok ? "revoked" : "already");
  throw redirect(`${url.pathname}?${url.searchParams}`);
}

export default function HrCertificatesPage() {
  const { rows, total, page, pages, query, filterQuery, ignored, units, modules, revoking } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const t = useT();
  const { locale, timeZone } = useI18n();
  const date = (iso: string) => formatDate(locale, iso, timeZone);
  const done = query.done;
  const pageLink = (p: number) => {
    const params = new URLSearchParams(filterQuery);
    params.set("page", String(p));
    return `?${params}`;
  };
  const revokeLink = (id: string) => {
    const params = new URLSearchParams(filterQuery);
    if (page > 1) params.set("page", String(page));
    params.set("revoke", id);
    return `?${params}#revoke`;
  };
  const errors: FieldErrors | undefined = actionData?.errors;
  const zipHref = `/hr/certificates.zip${filterQuery ? `?${filterQuery}` : ""}`;

  return (
    <div>
      <div className="page-head">
        <h1>{t("hrCert.title")}</h1>
        <p>
          <a href={zipHref} className="button" download aria-describedby="zip-hint">
            {t("hrCert.downloadZip")}
          </a>
          <br />
          <span id="zip-hint" className="muted">
            {t("hrCert.downloadZipHint")}
          </span>
        </p>
      </div>
      <p className="lead">{t("hrCert.intro")}</p>
      <FormAlert
        tone={done === "revoked" ? "success" : "error"}
        message={done === "revoked" ? t("hrCert.revokedDone") : done === "already" ? t("hrCert.alreadyRevoked") : null}
      />

      {ignored.length > 0 ? (
        <p className="notice" role="status">
          {t("hrCert.ignored", { fields: ignored.map((k) => t(FILTER_LABELS[k])).join(", ") })}
        </p>
      ) : null}

      {revoking ? (
        <section id="revoke" className="panel" aria-labelledby="revoke-heading">
          <h2 id="revoke-heading">{t("hrCert.revokeTitle", { name: revoking.holderName })}</h2>
          <p>{t("hrCert.revokeIntro", { module: revoking.moduleTitle, date: date(revoking.issuedAt), code: revoking.code })}</p>
          <Form method="post" className="stack" noValidate>
            <input type="hidden" name="intent" value="revoke" />
            <input type="hidden" name="certificateId" value={revoking.id} />
            <input type="hidden" name="returnTo" value={`/hr/certificates?${filterQuery}`} />
            <div className={`field${errors?.reason ? " field--invalid" : ""}`}>
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
                defaultValue={actionData?.values?.reason ?? ""}
                aria-invalid={errors?.reason ? true : undefined}
                aria-describedby={errors?.reason ? "revoke-reason-hint revoke-reason-error" : "revoke-reason-hint"}
                autoFocus
              />
              {errors?.reason ? (
                <p className="field__error" id="revoke-reason-error">
                  <span aria-hidden="true">⚠ </span>
                  {t(errors.reason)}
                </p>
              ) : null}
            </div>
            <p className="actions">
              <button type="submit" className="button button--danger" disabled={navigation.state === "submitting"}>
                {t("hrCert.confirmRevoke")}
              </button>
              <Link to={`/hr/certificates${filterQuery ? `?${filterQuery}` : ""}`}>{t("hrCert.cancel")}</Link>
            </p>
          </Form>
        </section>
      ) : null}

      <Form method="get" className="filters" role="search" aria-label={t("hrCert.filter")}>
        <div className="field">
          <label htmlFor="q">{t("hrCert.search")}</label>
          <input id="q" name="q" type="search" defaultValue={query.q ?? ""} maxLength={100} />
        </div>
        <OrgUnitSelect id="orgUnit" name="orgUnit" label={t("fields.orgUnit")} units={units} defaultValue={query.orgUnit} />
        <div className="field">
          <label htmlFor="module">{t("hrCert.module")}</label>
          <select id="module" name="module" defaultValue={query.module ?? ""}>
            <option value="">{t("common.all")}</option>
            {modules.map((m) => (
              <option key={m.value} value={m.value}>
                {m.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="from">{t("hrCert.from")}</label>
          <input id="from" name="from" type="date" defaultValue={query.from ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="to">{t("hrCert.to")}</label>
          <input id="to" name="to" type="date" defaultValue={query.to ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="status">{t("hrCert.status")}</label>
          <select id="status" name="status" defaultValue={query.status ?? ""}>
            <option value="">{t("common.all")}</option>
            <option value="valid">{t("certStatus.valid")}</option>
            <option value="expired">{t("certStatus.expired")}</option>
            <option value="revoked">{t("certStatus.revoked")}</option>
          </select>
        </div>
        <button type="submit" className="button">
          {t("common.apply")}
        </button>
      </Form>

      <p role="status">{t("hrCert.count", { count: total })}</p>
      {rows.length === 0 ? (
        <p>{t("hrCert.none")}</p>
      ) : (
        <div className="table-wrap" style={{ position: "relative" }} tabIndex={0} role="region" aria-label={t("hrCert.title")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("hrCert.holder")}</th>
                <th scope="col">{t("fields.orgUnit")}</th>
                <th scope="col">{t("hrCert.module")}</th>
                <th scope="col">{t("hrCert.status")}</th>
                <th scope="col">{t("hrCert.issued")}</th>
                <th scope="col">{t("hrCert.validUntil")}</th>
                <th scope="col">{t("hrCert.code")}</th>
                <th scope="col">{t("hrCert.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => {
                const rowLabel = t("hrCert.rowLabel", { name: r.holderName, module: r.moduleTitle });
                return (
                  <tr key={r.id}>
                    <th scope="row">
                      {r.holderName}
                      {r.staffNumber ? (
                        <>
                          <br />
                          <span className="muted">{r.staffNumber}</span>
                        </>
                      ) : null}
                    </th>
                    <td>{r.orgUnitName ?? "—"}</td>
                    <td>
                      {r.moduleTitle}
                      <br />
                      <span className="muted">{formatPercent(locale, r.score)}</span>
                    </td>
                    <td>
                      <CertificateStatusBadge status={r.status} />
                      {r.revokedAt ? (
                        <>
                          <br />
                          <span className="muted">{date(r.revokedAt)}</span>
                          {r.revokedReason ? (
                            <>
                              <br />
                              <span className="muted">{t("hrCert.revokedReason", { reason: r.revokedReason })}</span>
                            </>
                          ) : null}
                        </>
                      ) : null}
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
                          <Link to={revokeLink(r.id)}>
                            {t("hrCert.revoke")}
                            <span className="visually-hidden">: {rowLabel}</span>
                          </Link>
                        ) : null}
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} pages={pages} href={pageLink} />
    </div>
  );
}
