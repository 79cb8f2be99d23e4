import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { requireCan } from "~/auth/policy.server";
import { useLoaderData } from "@remix-run/react";
import { pageMeta } from "~/components/meta";
import { useI18n, useT } from "~/components/use-t";
import { getConfig } from "~/config.server";
import { pick } from "~/content/model";
import { getContent } from "~/content/registry.server";
import { formatDateTime, formatNumber } from "~/i18n/format";
import { resolveLocale } from "~/i18n/locale.server";
import { auditFilterOptions, listAuditEvents } from "~/audit/log.server";
import { actionLabel, auditSubject, describeAuditEvent } from "~/audit-describe";
import { listOrgUnits } from "~/people/org-units.server";
import { AuditQuerySchema } from "~/schemas/people";
import { DataTable } from "~/components/hr/data-table";
import { FilterForm, InputFilter, SelectFilter } from "~/components/hr/filter-form";
import { Pagination } from "~/components/pagination";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "audit.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireCan(request, "audit.read");
  const query = AuditQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const locale = await resolveLocale(request, actor);
  const { rows, total, page, pages } = await listAuditEvents(actor, query, getConfig().timeZone);
  const state = await getContent();
  const modules: Record<string, string> = {};
  for (const [, m] of state.modules) modules[m.slug] = pick(m.title, locale);
  return {
    rows: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
    total,
    page,
    pages,
    query,
    options: await auditFilterOptions(actor),
    units: Object.fromEntries((await listOrgUnits()).map((u) => [u.id, u.name])),
    modules,
  };
}

export default function AuditPage() {
  const data = useLoaderData<typeof loader>();
  const { rows, total, page, pages, query, options } = data;
  const t = useT();
  const { locale, timeZone } = useI18n();
  const pageLink = (p: number) => {
    const params = new URLSearchParams(
      Object.entries(query)
        .filter(([k, v]) => v !== undefined && k !== "page")
        .map(([k, v]) => [k, String(v)]),
    );
    params.set("page", String(p));
    return `?${params}`;
  };
  return (
    <div>
      <h1>{t("audit.title")}</h1>
      <p className="lead">{t("audit.intro")}</p>
      <FilterForm label={t("audit.filter")}>
        <SelectFilter
          id="audit-action"
          name="action"
          label={t("audit.actionFilter")}
          value={query.action}
          options={options.actions.map((a) => ({ value: a, label: actionLabel(t, a) }))}
        />
        <SelectFilter
          id="audit-actor"
          name="actor"
          label={t("audit.actor")}
          value={query.actor}
          options={[{ value: "system", label: t("audit.system") }, ...options.actors.map((a) => ({ value: a.id, label: `${a.name} (${a.email})` }))]}
        />
        <InputFilter id="audit-from" name="from" type="date" label={t("audit.from")} value={query.from} />
        <InputFilter id="audit-to" name="to" type="date" label={t("audit.to")} value={query.to} />
      </FilterForm>
      <p role="status">{t("audit.count", { count: formatNumber(locale, total) })}</p>
      <DataTable
        label={t("audit.title")}
        compact
        empty={rows.length === 0 ? t("audit.none") : null}
        headers={[t("audit.when"), t("audit.actor"), t("audit.actionFilter"), t("audit.subject"), t("audit.details")]}
      >
        {rows.map((r) => (
          <tr key={r.id}>
            <td>{formatDateTime(locale, r.createdAt, timeZone)}</td>
            <td>{r.actorName ? `${r.actorName} (${r.actorEmail})` : t("audit.system")}</td>
            <td>{actionLabel(t, r.action)}</td>
            <td>{auditSubject(r, t)}</td>
            <td>
              {describeAuditEvent(r, t, data, locale).map((line, i) => (
                <div key={i}>{line}</div>
              ))}
            </td>
          </tr>
        ))}
      </DataTable>
      <Pagination page={page} pages={pages} href={pageLink} />
    </div>
  );
}
