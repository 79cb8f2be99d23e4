import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { requireCan } from "~/auth/policy.server";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { pageMeta } from "~/components/meta";
import { StatusBadge } from "~/components/status-badge";
import { useI18n, useT } from "~/components/use-t";
import { pick } from "~/content/model";
import { getContent, visibleModules } from "~/content/registry.server";
import { getConfig } from "~/config.server";
import { formatDate, formatDay, formatNumber } from "~/i18n/format";
import type { MessageKey } from "~/i18n/translate";
import { resolveLocale } from "~/i18n/locale.server";
import { orgUnitTree } from "~/people/org-units.server";
import { resolveFilters, trainingRecordPage } from "~/reports/training-record.server";
import { parseReportQuery, REPORT_STATUSES, reportSearch, type ReportQuery, type ReportSort } from "~/schemas/reports";
import { OrgUnitSelect } from "~/components/org-unit-select";
import { Pagination } from "~/components/pagination";
import { STATUS_LABELS } from "~/learning/status-labels";

/** Labels wrap on a phone instead of pushing the figures off the screen. */
const FIGURES_LAYOUT = { gridTemplateColumns: "minmax(0, max-content) auto" } as const;

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "report.title");

const PAGE_SIZE = 50;

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireCan(request, "reports.read");
  const locale = await resolveLocale(request, actor);
  const { timeZone } = getConfig();
  const { query: parsed, ignored: unreadable } = parseReportQuery(new URL(request.url).searchParams);
  const state = await getContent();
  const units = orgUnitTree();
  const { filters, ignored: unknown } = resolveFilters(parsed, state, units);
  const query: ReportQuery = { ...parsed, orgUnit: filters.orgUnitId, module: filters.moduleSlug };
  const sort: ReportSort = query.sort ?? "name";
  const dir = query.dir ?? (sort === "score" || sort === "activity" ? "desc" : "asc");
  const result = await trainingRecordPage(actor, state, filters, { sort, dir, page: query.page ?? 1, pageSize: PAGE_SIZE }, { locale, timeZone });
  return {
    rows: result.rows.map((r) => ({
      key: `${r.userId}-${r.moduleSlug}`,
      name: r.name,
      staffNumber: r.staffNumber,
      email: r.email,
      active: r.active,
      orgUnit: r.orgUnit,
      moduleTitle: r.moduleTitle,
      version: r.moduleMajorVersion,
      hash: r.moduleContentHash.slice(0, 8),
      status: r.status,
      lessonsDone: r.lessonsDone,
      lessonsTotal: r.lessonsTotal,
      attempts: r.attempts,
      bestScore: r.bestScore,
      lastActivity: r.lastActivity?.toISOString() ?? null,
      passedOn: r.passedOn?.toISOString() ?? null,
      certificateCode: r.certificateCode,
      certificateExpiresOn: r.certificateExpiresOn?.toISOString() ?? null,
      dueDate: r.dueDate,
      overdue: r.overdue,
    })),
    totals: result.totals,
    page: result.page,
    pages: result.pages,
    sort,
    dir,
    query,
    filterSearch: reportSearch(query),
    ignored: [...unreadable, ...unknown],
    units: units.map((u) => ({ id: u.id, name: u.name, depth: u.depth })),
    modules: visibleModules(state, "staff").map((m) => ({ slug: m.slug, title: pick(m.title, locale) })),
    timeZone,
  };
}

type SortColumn = { sort: ReportSort; label: MessageKey };

const PARAM_LABELS: Record<string, MessageKey> = {
  orgUnit: "report.orgUnit",
  module: "report.module",
  status: "report.status",
  assigned: "report.assignedOnly",
  overdue: "report.overdueOnly",
  dueFrom: "report.dueFrom",
  dueTo: "report.dueTo",
  passedFrom: "report.passedFrom",
  passedTo: "report.passedTo",
  expiresFrom: "report.expiresFrom",
  expiresTo: "report.expiresTo",
  people: "report.people",
  sort: "report.param.sort",
  dir: "report.param.sort",
  page: "report.param.page",
};

export default function TrainingRecordPage() {
  const { rows, totals, page, pages, sort, dir, query, filterSearch, ignored, units, modules, timeZone } = useLoaderData<typeof loader>();
  const t = useT();
  const { locale } = useI18n();
  const day = (iso: string | null) => (iso ? formatDate(locale, iso, timeZone) : "—");
  // A due date is a calendar day already: show that day, whatever the zone.
  const dueDay = (d: string) => formatDay(locale, d);
  const num = (n: number) => formatNumber(locale, n);
  const link = (changes: Partial<ReportQuery>) => {
    const next = { ...query, sort, dir, ...changes };
    const search = reportSearch(next, { withSort: true, withPage: true });
    return search ? `?${search}` : "?";
  };
  const sortHeader = ({ sort: col, label }: SortColumn) => {
    const current = sort === col;
    const nextDir = current ? (dir === "asc" ? "desc" : "asc") : col === "score" || col === "activity" ? "desc" : "asc";
    return (
      <th scope="col" aria-sort={current ? (dir === "asc" ? "ascending" : "descending") : undefined}>
        <Link to={link({ sort: col, dir: nextDir, page: undefined })}>
          {t(label)}
          <span className="visually-hidden"> ({current ? t(dir === "asc" ? "report.sortedAsc" : "report.sortedDesc") : t("report.sortable")})</span>
          {current ? <span aria-hidden="true">{dir === "asc" ? " ▲" : " ▼"}</span> : null}
        </Link>
      </th>
    );
  };
  const downloads = filterSearch ? `?${filterSearch}` : "";

  return (
    <div>
      <h1>{t("report.title")}</h1>
      <p className="lead">{t("report.intro")}</p>

      <Form method="get" className="filters" role="search" aria-label={t("report.filters")}>
        <input type="hidden" name="sort" value={sort} />
        <input type="hidden" name="dir" value={dir} />
        <OrgUnitSelect id="f-orgUnit" name="orgUnit" label={t("report.orgUnit")} units={units} defaultValue={query.orgUnit} />
        <div className="field">
          <label htmlFor="f-module">{t("report.module")}</label>
          <select id="f-module" name="module" defaultValue={query.module ?? ""}>
            <option value="">{t("common.all")}</option>
            {modules.map((m) => (
              <option key={m.slug} value={m.slug}>
                {m.title}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-status">{t("report.status")}</label>
          <select id="f-status" name="status" defaultValue={query.status ?? ""}>
            <option value="">{t("common.all")}</option>
            {REPORT_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(STATUS_LABELS[s])}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="f-people">{t("report.people")}</label>
          <select id="f-people" name="people" defaultValue={query.people ?? "active"}>
            <option value="active">{t("report.peopleActive")}</option>
            <option value="all">{t("report.peopleAll")}</option>
          </select>
        </div>
        {(
          [
            ["dueFrom", "report.dueFrom"],
            ["dueTo", "report.dueTo"],
            ["passedFrom", "report.passedFrom"],
            ["passedTo", "report.passedTo"],
            ["expiresFrom", "report.expiresFrom"],
            ["expiresTo", "report.expiresTo"],
          ] as const
        ).map(([name, label]) => (
          <div className="field" key={name}>
            <label htmlFor={`f-${name}`}>{t(label)}</label>
            <input id={`f-${name}`} name={name} type="date" defaultValue={query[name] ?? ""} />
          </div>
        ))}
        <label className="option">
          <input type="checkbox" name="assigned" value="1" defaultChecked={query.assigned === "1"} />
          {t("report.assignedOnly")}
        </label>
        <label className="option">
          <input type="checkbox" name="overdue" value="1" defaultChecked={query.overdue === "1"} />
          {t("report.overdueOnly")}
        </label>
        <div className="actions">
          <button type="submit" className="button button--primary">
            {t("common.apply")}
          </button>
          <Link to="/hr/report" className="button button--quiet">
            {t("report.clear")}
          </Link>
        </div>
      </Form>

      {ignored.length > 0 ? (
        <p className="notice" role="status">
          {t("report.ignored", { fields: [...new Set(ignored.map((k) => t(PARAM_LABELS[k] ?? "report.param.page")))].join(", ") })}
        </p>
      ) : null}

      <section aria-labelledby="totals-title">
        <h2 id="totals-title">{t("report.totalsTitle")}</h2>
        <dl className="report-totals facts" style={FIGURES_LAYOUT}>
          <dt>{t("report.total.rows")}</dt>
          <dd>{num(totals.rows)}</dd>
          <dt>{t("report.total.passed")}</dt>
          <dd>{num(totals.passed)}</dd>
          <dt>{t("report.total.inProgress")}</dt>
          <dd>{num(totals.inProgress)}</dd>
          <dt>{t("report.total.notStarted")}</dt>
          <dd>{num(totals.notStarted)}</dd>
          <dt>{t("report.total.expired")}</dt>
          <dd>{num(totals.expired)}</dd>
          <dt>{t("report.total.overdue")}</dt>
          <dd>{num(totals.overdue)}</dd>
        </dl>
        <p className="muted">{t("report.inProgressHint")}</p>
      </section>

      <p className="actions">
        <a className="button" href={`/hr/report.csv${downloads}`} download>
          {t("report.downloadCsv")}
        </a>
        <a className="button" href={`/hr/report.xlsx${downloads}`} download>
          {t("report.downloadXlsx")}
        </a>
      </p>
      <p className="muted">{t("report.downloadHint", { zone: timeZone })}</p>

      {rows.length === 0 ? (
        <p>{t("report.empty")}</p>
      ) : (
        // position: relative keeps the visually hidden sort hints inside the scrolling box, so
        // they do not widen the page on a phone.
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="record-caption" style={{ position: "relative" }}>
          <table>
            <caption id="record-caption" className="visually-hidden">
              {t("report.tableCaption", { page, pages })}
            </caption>
            <thead>
              <tr>
                {sortHeader({ sort: "name", label: "report.col.name" })}
                {sortHeader({ sort: "orgUnit", label: "report.col.orgUnit" })}
                {sortHeader({ sort: "module", label: "report.col.module" })}
                {sortHeader({ sort: "status", label: "report.col.status" })}
                <th scope="col">{t("report.col.lessons")}</th>
                <th scope="col">{t("report.col.attempts")}</th>
                {sortHeader({ sort: "score", label: "report.col.bestScore" })}
                {sortHeader({ sort: "activity", label: "report.col.lastActivity" })}
                <th scope="col">{t("report.col.certificate")}</th>
                {sortHeader({ sort: "due", label: "report.col.dueDate" })}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key}>
                  <th scope="row">
                    {r.name}
                    <br />
                    <span className="muted">
                      {r.staffNumber ?? "—"} · {r.email}
                      {r.active ? null : ` · ${t("report.account.inactive")}`}
                    </span>
                  </th>
                  <td>{r.orgUnit ?? "—"}</td>
                  <td>
                    {r.moduleTitle}
                    <br />
                    <span className="muted">{t("report.versionShort", { version: r.version, hash: r.hash })}</span>
                  </td>
                  <td>
                    <StatusBadge status={r.status} />
                  </td>
                  <td>
                    {r.lessonsDone} / {r.lessonsTotal}
                  </td>
                  <td>{r.attempts}</td>
                  <td>{r.bestScore === null ? "—" : `${r.bestScore}%`}</td>
                  <td>{day(r.lastActivity)}</td>
                  <td>
                    {r.certificateCode ? (
                      <>
                        {r.certificateCode}
                        <br />
                        <span className="muted">
                          {t("report.passedOnShort", { date: day(r.passedOn) })}
                          {r.certificateExpiresOn ? ` · ${t("report.expiresShort", { date: day(r.certificateExpiresOn) })}` : null}
                        </span>
                      </>
                    ) : (
                      "—"
                    )}
                  </td>
                  <td>
                    {r.dueDate ? dueDay(r.dueDate) : "—"}
                    {r.overdue ? (
                      <>
                        <br />
                        <strong className="due--overdue">{t("report.overdueBadge")}</strong>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <Pagination page={page} pages={pages} href={(p) => link({ page: p })} />
    </div>
  );
}
