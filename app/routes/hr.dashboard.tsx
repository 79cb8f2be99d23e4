import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { requireCan } from "~/auth/policy.server";
import { Form, Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { BarChart } from "~/components/charts/bar-chart";
import { ColumnChart } from "~/components/charts/column-chart";
import { pageMeta } from "~/components/meta";
import { useI18n, useT } from "~/components/use-t";
import { pick } from "~/content/model";
import { getContent, visibleModules } from "~/content/registry.server";
import { getConfig } from "~/config.server";
import { formatMonth, formatNumber, formatPercent } from "~/i18n/format";
import { getTranslator } from "~/i18n/locale.server";
import { practiceFigureLines, practiceFigures } from "~/practice/stats.server";
import { orgUnitTree } from "~/people/org-units.server";
import { dashboardFigures } from "~/reports/dashboard.server";
import { resolveFilters } from "~/reports/training-record.server";
import { parseReportQuery, reportSearch, type ReportQuery } from "~/schemas/reports";
import { OrgUnitSelect } from "~/components/org-unit-select";

/** Labels wrap on a phone instead of pushing the figures off the screen. */
const FIGURES_LAYOUT = { gridTemplateColumns: "minmax(0, max-content) auto" } as const;

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "dashboard.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireCan(request, "reports.read");
  const { locale, t } = await getTranslator(request, actor);
  const { timeZone } = getConfig();
  const { query: parsed } = parseReportQuery(new URL(request.url).searchParams);
  const state = await getContent();
  const units = orgUnitTree();
  // The dashboard narrows by who and which module only; its figures are the date slices.
  const { filters } = resolveFilters(
    { orgUnit: parsed.orgUnit, module: parsed.module, people: parsed.people, assigned: parsed.assigned },
    state,
    units,
  );
  const query: ReportQuery = { orgUnit: filters.orgUnitId, module: filters.moduleSlug, people: parsed.people, assigned: parsed.assigned };
  const figures = await dashboardFigures(actor, state, filters, { locale, timeZone });
  return {
    figures,
    // Labelled on the server: the practice messages are not in this page's catalog area.
    practice: {
      title: t("stats.title"),
      lines: practiceFigureLines(practiceFigures(actor, { moduleSlug: filters.moduleSlug, orgUnitId: filters.orgUnitId }), t, locale),
    },
    query,
    units: units.map((u) => ({ id: u.id, name: u.name, depth: u.depth })),
    modules: visibleModules(state, "staff").map((m) => ({ slug: m.slug, title: pick(m.title, locale) })),
  };
}

function FiguresTable({ caption, children }: { caption: string; children: ReactNode }) {
  const t = useT();
  return (
    <details className="chart-table">
      <summary>{t("dashboard.showTable")}</summary>
      <div className="table-wrap" style={{ position: "relative" }} tabIndex={0} role="region" aria-label={caption}>
        <table>
          <caption className="visually-hidden">{caption}</caption>
          {children}
        </table>
      </div>
    </details>
  );
}

export default function DashboardPage() {
  const { figures, practice, query, units, modules } = useLoaderData<typeof loader>();
  const t = useT();
  const { locale } = useI18n();
  const num = (n: number) => formatNumber(locale, n);
  const pct = (r: number | null) => (r === null ? "—" : formatPercent(locale, r * 100));
  const report = (extra: Partial<ReportQuery>) => `/hr/report?${reportSearch({ ...query, ...extra })}`;
  const monthLabel = (month: string, style: "short" | "long") => formatMonth(locale, month, style);
  const unitName = (name: string | null) => name ?? t("dashboard.noUnit");

  return (
    <div>
      <h1>{t("dashboard.title")}</h1>
      <p className="lead">{t("dashboard.intro")}</p>

      <Form method="get" className="filters" role="search" aria-label={t("dashboard.filters")}>
        <OrgUnitSelect id="d-orgUnit" name="orgUnit" label={t("report.orgUnit")} units={units} defaultValue={query.orgUnit} />
        <div className="field">
          <label htmlFor="d-module">{t("report.module")}</label>
          <select id="d-module" name="module" defaultValue={query.module ?? ""}>
            <option value="">{t("common.all")}</option>
            {modules.map((m) => (
              <option key={m.slug} value={m.slug}>
                {m.title}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="d-people">{t("report.people")}</label>
          <select id="d-people" name="people" defaultValue={query.people ?? "active"}>
            <option value="active">{t("report.peopleActive")}</option>
            <option value="all">{t("report.peopleAll")}</option>
          </select>
        </div>
        <label className="option">
          <input type="checkbox" name="assigned" value="1" defaultChecked={query.assigned === "1"} />
          {t("report.assignedOnly")}
        </label>
        <button type="submit" className="button button--primary">
          {t("common.apply")}
        </button>
      </Form>

      <section aria-labelledby="key-figures">
        <h2 id="key-figures">{t("dashboard.keyFigures")}</h2>
        <dl className="facts" style={FIGURES_LAYOUT}>
          <dt>{t("report.total.rows")}</dt>
          <dd>
            <Link to={report({})}>{num(figures.totals.rows)}</Link>
          </dd>
          <dt>{t("report.total.passed")}</dt>
          <dd>
            <Link to={report({ status: "passed" })}>{num(figures.totals.passed)}</Link>
          </dd>
          <dt>{t("dashboard.overdue")}</dt>
          <dd>
            <Link to={report({ overdue: "1" })}>{num(figures.totals.overdue)}</Link>
          </dd>
          {figures.expiring.map((w) => (
            <FragmentPair key={w.days} term={t("dashboard.expiringWithin", { days: w.days })}>
              <Link to={report({ expiresFrom: w.from, expiresTo: w.to })}>{num(w.count)}</Link>
            </FragmentPair>
          ))}
        </dl>
        <p className="muted">{t("dashboard.figuresHint")}</p>
      </section>

      <section aria-labelledby="practice-figures">
        <h2 id="practice-figures">{practice.title}</h2>
        <dl className="facts" style={FIGURES_LAYOUT}>
          {practice.lines.map((line) => (
            <FragmentPair key={line.term} term={line.term}>
              {line.value}
            </FragmentPair>
          ))}
        </dl>
      </section>

      <section aria-labelledby="by-module">
        <h2 id="by-module">{t("dashboard.byModule")}</h2>
        <BarChart
          id="chart-module"
          title={t("dashboard.byModule")}
          desc={t("dashboard.barDesc", { count: figures.byModule.length })}
          items={figures.byModule.map((m) => ({ label: m.title, share: m.rate ?? 0, valueText: pct(m.rate) }))}
        />
        <FiguresTable caption={t("dashboard.byModule")}>
          <thead>
            <tr>
              <th scope="col">{t("report.col.module")}</th>
              <th scope="col">{t("dashboard.colRows")}</th>
              <th scope="col">{t("dashboard.colPassed")}</th>
              <th scope="col">{t("dashboard.colRate")}</th>
            </tr>
          </thead>
          <tbody>
            {figures.byModule.map((m) => (
              <tr key={m.slug}>
                <th scope="row">{m.title}</th>
                <td>
                  <Link to={report({ module: m.slug })}>{num(m.rows)}</Link>
                </td>
                <td>
                  <Link to={report({ module: m.slug, status: "passed" })}>{num(m.passed)}</Link>
                </td>
                <td>{pct(m.rate)}</td>
              </tr>
            ))}
          </tbody>
        </FiguresTable>
      </section>

      <section aria-labelledby="by-unit">
        <h2 id="by-unit">{t("dashboard.byUnit")}</h2>
        <p className="muted">{t("dashboard.byUnitHint")}</p>
        <BarChart
          id="chart-unit"
          title={t("dashboard.byUnit")}
          desc={t("dashboard.barDesc", { count: figures.byUnit.length })}
          items={figures.byUnit.map((u) => ({ label: unitName(u.name), share: u.rate ?? 0, valueText: pct(u.rate), depth: u.depth }))}
        />
        <FiguresTable caption={t("dashboard.byUnit")}>
          <thead>
            <tr>
              <th scope="col">{t("report.col.orgUnit")}</th>
              <th scope="col">{t("dashboard.colRows")}</th>
              <th scope="col">{t("dashboard.colPassed")}</th>
              <th scope="col">{t("dashboard.colRate")}</th>
            </tr>
          </thead>
          <tbody>
            {figures.byUnit.map((u) => (
              <tr key={u.id ?? "none"}>
                <th scope="row">
                  {"\u2003".repeat(u.depth)}
                  {unitName(u.name)}
                </th>
                <td>{u.id ? <Link to={report({ orgUnit: u.id })}>{num(u.rows)}</Link> : num(u.rows)}</td>
                <td>{u.id ? <Link to={report({ orgUnit: u.id, status: "passed" })}>{num(u.passed)}</Link> : num(u.passed)}</td>
                <td>{pct(u.rate)}</td>
              </tr>
            ))}
          </tbody>
        </FiguresTable>
      </section>

      <section aria-labelledby="per-month">
        <h2 id="per-month">{t("dashboard.perMonth")}</h2>
        <ColumnChart
          id="chart-month"
          title={t("dashboard.perMonth")}
          desc={t("dashboard.columnDesc", { count: figures.months.length })}
          items={figures.months.map((m) => ({ label: monthLabel(m.month, "short"), value: m.completions, valueText: num(m.completions) }))}
        />
        <FiguresTable caption={t("dashboard.perMonth")}>
          <thead>
            <tr>
              <th scope="col">{t("dashboard.colMonth")}</th>
              <th scope="col">{t("dashboard.colCompletions")}</th>
            </tr>
          </thead>
          <tbody>
            {figures.months.map((m) => (
              <tr key={m.month}>
                <th scope="row">{monthLabel(m.month, "long")}</th>
                <td>
                  <Link to={report({ passedFrom: m.from, passedTo: m.to })}>{num(m.completions)}</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </FiguresTable>
      </section>
    </div>
  );
}

function FragmentPair({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}
