import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { requireCan } from "~/auth/policy.server";
import { safeRedirectPath } from "~/auth/session.server";
import { hrCertificatesPage, type CertificateFilterKey } from "~/certificates/hr-page.server";
import { revokeCertificate } from "~/certificates/manage.server";
import { FormAlert } from "~/components/form";
import { CertificateRow, RevokePanel } from "~/components/hr/certificate-parts";
import { DataTable } from "~/components/hr/data-table";
import { FilterForm, InputFilter, SelectFilter } from "~/components/hr/filter-form";
import { pageMeta } from "~/components/meta";
import { OrgUnitSelect } from "~/components/org-unit-select";
import { Pagination } from "~/components/pagination";
import { useT } from "~/components/use-t";
import { getTranslator } from "~/i18n/locale.server";
import type { MessageKey } from "~/i18n/translate";
import { CertificateListQuerySchema, RevokeFormSchema } from "~/schemas/certificates";
import { parseForm, readQuery } from "~/schemas/form";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => pageMeta(matches, { text: data?.title ?? "" });

const FILTER_LABELS = {
  q: "hrCert.search",
  orgUnit: "fields.orgUnit",
  module: "hrCert.module",
  from: "hrCert.from",
  to: "hrCert.to",
  status: "hrCert.status",
} as const satisfies Record<CertificateFilterKey, MessageKey>;

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireCan(request, "certificates.manage");
  const { t, locale } = await getTranslator(request, actor);
  const { query, ignored } = readQuery(CertificateListQuerySchema, new URL(request.url).searchParams);
  return { title: t("hrCert.title"), ...(await hrCertificatesPage(actor, query, ignored, locale)) };
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
  const result = await revokeCertificate(actor, { id: parsed.data.certificateId, reason: parsed.data.reason });
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
  const t = useT();
  const done = query.done;
  const withParams = (extra: Record<string, string>, hash = "") => {
    const params = new URLSearchParams(filterQuery);
    for (const [k, v] of Object.entries(extra)) params.set(k, v);
    return `?${params}${hash}`;
  };
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
        <RevokePanel revoking={revoking} filterQuery={filterQuery} errors={actionData?.errors} reason={actionData?.values?.reason} />
      ) : null}

      <FilterForm label={t("hrCert.filter")}>
        <InputFilter id="q" type="search" label={t("hrCert.search")} value={query.q} maxLength={100} />
        <OrgUnitSelect id="orgUnit" name="orgUnit" label={t("fields.orgUnit")} units={units} defaultValue={query.orgUnit} />
        <SelectFilter id="module" label={t("hrCert.module")} value={query.module} options={modules} />
        <InputFilter id="from" type="date" label={t("hrCert.from")} value={query.from} />
        <InputFilter id="to" type="date" label={t("hrCert.to")} value={query.to} />
        <SelectFilter
          id="status"
          label={t("hrCert.status")}
          value={query.status}
          options={(["valid", "expired", "revoked"] as const).map((s) => ({ value: s, label: t(`certStatus.${s}`) }))}
        />
      </FilterForm>

      <p role="status">{t("hrCert.count", { count: total })}</p>
      <DataTable
        label={t("hrCert.title")}
        empty={rows.length === 0 ? t("hrCert.none") : null}
        headers={[
          t("hrCert.holder"),
          t("fields.orgUnit"),
          t("hrCert.module"),
          t("hrCert.status"),
          t("hrCert.issued"),
          t("hrCert.validUntil"),
          t("hrCert.code"),
          t("hrCert.actions"),
        ]}
      >
        {rows.map((r) => (
          <CertificateRow key={r.id} row={r} revokeHref={withParams({ ...(page > 1 ? { page: String(page) } : {}), revoke: r.id }, "#revoke")} />
        ))}
      </DataTable>
      <Pagination page={page} pages={pages} href={(p) => withParams({ page: String(p) })} />
    </div>
  );
}
