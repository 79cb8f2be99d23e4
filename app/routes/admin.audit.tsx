import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { requireCan } from "~/auth/policy.server";
import { Form, useLoaderData } from "@remix-run/react";
import { pageMeta } from "~/components/meta";
import { useI18n, useT } from "~/components/use-t";
import { getConfig } from "~/config.server";
import { pick } from "~/content/model";
import { getContent } from "~/content/registry.server";
import { formatDateTime, formatNumber } from "~/i18n/format";
import { resolveLocale } from "~/i18n/locale.server";
import { auditFilterOptions, listAuditEvents } from "~/audit.server";
import { actionLabel, auditSubject, describeAuditEvent } from "~/audit-describe";
import { listOrgUnits } from "~/people/org-units.server";
import { AuditQuerySchema } from "~/schemas/people";
import { Pagination } from "~/components/pagination";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "audit.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireCan(request, "audit.read");
  const query = AuditQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const locale = await resolveLocale(request, actor);
  const { rows, total, page, pages } = listAuditEvents(actor, query, getConfig().timeZone);
  const state = await getContent();
  const modules: Record<string, string> = {};
  for (const m of state.modules.values()) modules[m.slug] = pick(m.title, locale);
  return {
    rows: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() })),
    total,
    page,
    pages,
    query,
    options: auditFilterOptions(actor),
    units: Object.fromEntries(listOrgUnits().map((u) => [u.id, u.name])),
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
      <Form method="get" className="filters" role="search" aria-label={t("audit.filter")}>
        <div className="field">
          <label htmlFor="audit-action">{t("audit.actionFilter")}</label>
          <select id="audit-action" name="action" defaultValue={query.action ?? ""}>
            <option value="">{t("common.all")}</option>
            {options.actions.map((a) => (
              <option key={a} value={a}>
                {actionLabel(t, a)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-actor">{t("audit.actor")}</label>
          <select id="audit-actor" name="actor" defaultValue={query.actor ?? ""}>
            <option value="">{t("common.all")}</option>
            <option value="system">{t("audit.system")}</option>
            {options.actors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name} ({a.email})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-from">{t("audit.from")}</label>
          <input id="audit-from" name="from" type="date" defaultValue={query.from ?? ""} />
        </div>
        <div className="field">
          <label htmlFor="audit-to">{t("audit.to")}</label>
          <input id="audit-to" name="to" type="date" defaultValue={query.to ?? ""} />
        </div>
        <button type="submit" className="button">
          {t("common.apply")}
        </button>
      </Form>
      <p role="status">{t("audit.count", { count: formatNumber(locale, total) })}</p>
      {rows.length === 0 ? (
        <p>{t("audit.none")}</p>
      ) : (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t("audit.title")}>
          <table className="compact">
            <thead>
              <tr>
                <th scope="col">{t("audit.when")}</th>
                <th scope="col">{t("audit.actor")}</th>
                <th scope="col">{t("audit.actionFilter")}</th>
                <th scope="col">{t("audit.subject")}</th>
                <th scope="col">{t("audit.details")}</th>
              </tr>
            </thead>
            <tbody>
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
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} pages={pages} href={pageLink} />
    </div>
  );
}
