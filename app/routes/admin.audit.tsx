import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { requireCan } from "~/auth/policy.server";
import { Form, useLoaderData } from "@remix-run/react";
import { pageMeta } from "~/components/meta";
import { useI18n, useT } from "~/components/use-t";
import { getConfig } from "~/config.server";
import { pick } from "~/content/model";
import { getContent } from "~/content/registry.server";
import { formatDateTime, formatDay, formatNumber } from "~/i18n/format";
import { isCalendarDay } from "~/utils/dates";
import { resolveLocale } from "~/i18n/locale.server";
import type { MessageKey } from "~/i18n/translate";
import { auditFilterOptions, listAuditEvents } from "~/people/audit.server";
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

type Data = ReturnType<typeof useLoaderData<typeof loader>>;
type Row = Data["rows"][number];
type Translate = ReturnType<typeof useT>;

/** The catalog's label for an action; an action without one is shown as it is stored. */
function actionLabel(t: Translate, action: string) {
  const key = `audit.action.${action}` as MessageKey;
  const label = t(key);
  return label === key ? action : label;
}

const FIELD_LABELS: Record<string, MessageKey> = {
  email: "fields.email",
  displayName: "fields.name",
  staffNumber: "fields.staffNumber",
  role: "fields.role",
  orgUnitId: "fields.orgUnit",
  locale: "fields.language",
  name: "orgUnits.name",
  code: "orgUnits.code",
  parentId: "orgUnits.parent",
  dueDate: "assign.dueDate",
};

type Change = { from: unknown; to: unknown };
const isChange = (v: unknown): v is Change => typeof v === "object" && v !== null && "from" in v && "to" in v;

function describe(row: Row, t: Translate, data: Pick<Data, "units" | "modules">, locale: "en" | "id"): string[] {
  const d = (row.details ?? {}) as Record<string, unknown>;
  const value = (key: string, v: unknown): string => {
    if (key === "parentId" && !v) return t("orgUnits.topLevel");
    if (v === null || v === undefined || v === "") return t("audit.empty");
    if (key === "role" && typeof v === "string") return t(`roles.${v as "staff"}`);
    if ((key === "orgUnitId" || key === "parentId") && typeof v === "string") return data.units[v] ?? v;
    if (key === "locale" && typeof v === "string") return v === "id" ? "Bahasa Indonesia" : "English";
    if (key === "dueDate" && typeof v === "string" && isCalendarDay(v)) return formatDay(locale, v);
    if (typeof v === "object") return JSON.stringify(v);
    return String(v);
  };
  const label = (key: string) => (FIELD_LABELS[key] ? t(FIELD_LABELS[key]) : key);
  const changes = (keys: string[]) =>
    keys.filter((k) => isChange(d[k])).map((k) => t("audit.change", { field: label(k), from: value(k, (d[k] as Change).from), to: value(k, (d[k] as Change).to) }));
  switch (row.action) {
    case "import.apply": {
      const lines = [t("audit.importSummary", { created: Number(d.created ?? 0), updated: Number(d.updated ?? 0), unchanged: Number(d.unchanged ?? 0) })];
      for (const c of (Array.isArray(d.roleChanges) ? d.roleChanges : []) as { email: string; from: string; to: string }[]) {
        lines.push(t("audit.change", { field: `${c.email} · ${t("fields.role")}`, from: value("role", c.from), to: value("role", c.to) }));
      }
      return lines;
    }
    case "assignment.create":
    case "assignment.delete":
    case "assignment.due_change": {
      const module = data.modules[String(d.module)] ?? String(d.module ?? "");
      const due = isChange(d.dueDate) ? changes(["dueDate"])[0]! : t("assign.dueOn", { date: value("dueDate", d.dueDate) });
      return [`${module} → ${targetText(t, d)}`, due];
    }
    case "user.create":
      return [t("audit.change", { field: label("role"), from: "—", to: value("role", d.role) })];
    default: {
      const fromChanges = changes(Object.keys(d));
      if (fromChanges.length > 0) return fromChanges;
      return Object.entries(d)
        .filter(([k, v]) => k !== "assignmentId" && (typeof v !== "object" || v === null))
        .map(([k, v]) => `${label(k)}: ${value(k, v)}`);
    }
  }
}

function targetText(t: Translate, d: Record<string, unknown>) {
  const target = String(d.target ?? "");
  if (d.targetType === "role") return t("assign.roleTarget", { role: t(`roles.${target as "staff"}`) });
  if (d.targetType === "org_unit") return t("assign.unitTarget", { unit: target });
  return target;
}

function subject(row: Row, t: Translate) {
  const d = (row.details ?? {}) as Record<string, unknown>;
  if (row.subjectType === "user") return row.subjectName ? `${row.subjectName} (${row.subjectEmail})` : (row.subjectId ?? "");
  if (row.subjectType === "org_unit") return row.unitName ?? String(d.name ?? row.subjectId ?? "");
  if (row.subjectType === "assignment") return targetText(t, d);
  if (row.subjectType === "import") return t("audit.importSubject");
  return [row.subjectType, row.subjectId].filter(Boolean).join(" ");
}

export default function AuditPage() {
  const data = useLoaderData<typeof loader>();
  const { rows, total, page, pages, query, options } = data;
  const t = useT();
  const { locale, timeZone } = useI18n();
  const pageLink = (p: number) => {
    const params = new URLSearchParams(Object.entries(query).filter(([k, v]) => v !== undefined && k !== "page").map(([k, v]) => [k, String(v)]));
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
                  <td>{subject(r, t)}</td>
                  <td>
                    {describe(r, t, data, locale).map((line, i) => (
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
