import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireCan } from "~/auth/policy.server";
import { ColumnChart } from "~/components/charts/column-chart";
import { pageMeta } from "~/components/meta";
import { FIGURES_LAYOUT, FigurePair, FiguresTable, RateSection } from "~/components/report-figures";
import { FlagOption, ReportScopeFields } from "~/components/report-filters";
import { activeFilters, FilterDisclosure } from "~/components/hr/filter-form";
import { useI18n, useT } from "~/components/use-t";
import { formatHours, formatMonth, formatNumber } from "~/i18n/format";
import { getTranslator } from "~/i18n/locale.server";
import { dashboardView } from "~/reports/dashboard-view.server";
import { PathProgressTable } from "~/components/path-progress-table";
import { getConfig } from "~/config.server";
import { getContent } from "~/content/registry.server";
import { pathProgressSummary } from "~/paths/hr-progress.server";
import { clockNow } from "~/utils/clock.server";
import { todayIn } from "~/utils/dates";
import { PRACTICE_LABELS, PRACTICE_STATUSES } from "~/reports/practice-status";
import { reportSearch, type ReportQuery } from "~/schemas/reports";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "dashboard.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireCan(request, "reports.read");
  const translator = await getTranslator(request, actor);
  const [view, paths] = await Promise.all([
    dashboardView(request, actor, translator),
    // Beside module progress: the learning paths, organisation-wide.
    getContent().then((state) => pathProgressSummary(actor, state, translator.locale, todayIn(getConfig().timeZone, clockNow()))),
  ]);
  return { ...view, paths };
}

export default function DashboardPage() {
  const { figures, practice, query, units, modules, paths } = useLoaderData<typeof loader>();
  const t = useT();
  const { locale } = useI18n();
  const num = (n: number) => formatNumber(locale, n);
  const report = (extra: Partial<ReportQuery>) => `/hr/report?${reportSearch({ ...query, ...extra })}`;
  const unitName = (name: string | null) => name ?? t("dashboard.noUnit");

  return (
    <div>
      <h1>{t("dashboard.title")}</h1>
      <p className="lead">{t("dashboard.intro")}</p>

      <FilterDisclosure active={activeFilters(query)}>
        <Form method="get" className="filters" role="search" aria-label={t("dashboard.filters")}>
          <ReportScopeFields idPrefix="d" units={units} modules={modules} query={query} />
          <FlagOption name="assigned" label="report.assignedOnly" checked={query.assigned === "1"} />
          <button type="submit" className="button button--primary">
            {t("common.apply")}
          </button>
        </Form>
      </FilterDisclosure>

      <section aria-labelledby="key-figures">
        <h2 id="key-figures">{t("dashboard.keyFigures")}</h2>
        <dl className="facts" style={FIGURES_LAYOUT}>
          <FigurePair term={t("report.total.rows")}>
            <Link to={report({})} data-main-action>
              {num(figures.totals.rows)}
            </Link>
          </FigurePair>
          <FigurePair term={t("report.total.passed")}>
            <Link to={report({ status: "passed" })}>{num(figures.totals.passed)}</Link>
          </FigurePair>
          <FigurePair term={t("dashboard.overdue")}>
            <Link to={report({ overdue: "1" })}>{num(figures.totals.overdue)}</Link>
          </FigurePair>
          {figures.expiring.map((w) => (
            <FigurePair key={w.days} term={t("dashboard.expiringWithin", { days: w.days })}>
              <Link to={report({ expiresFrom: w.from, expiresTo: w.to })}>{num(w.count)}</Link>
            </FigurePair>
          ))}
        </dl>
        <p className="muted">{t("dashboard.figuresHint")}</p>
      </section>

      <section aria-labelledby="hours-figures">
        <h2 id="hours-figures">{t("hours.dashboardTitle", { year: figures.hours.year })}</h2>
        <dl className="facts hours-figures" style={FIGURES_LAYOUT}>
          <FigurePair term={t("hours.underTarget")}>
            <Link to={report({ year: figures.hours.year, underTarget: "1" })}>{num(figures.hours.underTarget)}</Link>
          </FigurePair>
        </dl>
        <p>
          {t("hours.dashboardSummary", {
            under: num(figures.hours.underTarget),
            people: num(figures.hours.people),
            target: formatHours(locale, figures.hours.target),
            total: formatHours(locale, figures.hours.total),
          })}
        </p>
      </section>

      <section aria-labelledby="path-figures">
        <h2 id="path-figures">{t("paths.progress.title")}</h2>
        <PathProgressTable rows={paths} />
      </section>

      <section aria-labelledby="practice-figures">
        <h2 id="practice-figures">{practice.title}</h2>
        <dl className="facts" style={FIGURES_LAYOUT}>
          {practice.lines.map((line) => (
            <FigurePair key={line.term} term={line.term}>
              {line.value}
            </FigurePair>
          ))}
        </dl>
        <h3 id="practice-rows">{t("dashboard.practiceRows")}</h3>
        <dl className="facts practice-rows" style={FIGURES_LAYOUT}>
          {PRACTICE_STATUSES.map((status) => (
            <FigurePair key={status} term={t(PRACTICE_LABELS[status])}>
              {num(figures.practice[status])}
            </FigurePair>
          ))}
        </dl>
        <p className="muted">{t("dashboard.practiceRowsHint")}</p>
      </section>

      <RateSection
        id="by-module"
        title={t("dashboard.byModule")}
        sliceHeader="report.col.module"
        items={figures.byModule.map((m) => ({
          ...m,
          key: m.slug,
          label: m.title,
          rowsHref: report({ module: m.slug }),
          passedHref: report({ module: m.slug, status: "passed" }),
        }))}
      />
      <RateSection
        id="by-unit"
        title={t("dashboard.byUnit")}
        hint={t("dashboard.byUnitHint")}
        sliceHeader="report.col.orgUnit"
        items={figures.byUnit.map((u) => ({
          ...u,
          key: u.id ?? "none",
          label: unitName(u.name),
          rowsHref: u.id ? report({ orgUnit: u.id }) : undefined,
          passedHref: u.id ? report({ orgUnit: u.id, status: "passed" }) : undefined,
        }))}
      />

      <section aria-labelledby="per-month">
        <h2 id="per-month">{t("dashboard.perMonth")}</h2>
        <ColumnChart
          id="chart-month"
          title={t("dashboard.perMonth")}
          desc={t("dashboard.columnDesc", { count: figures.months.length })}
          items={figures.months.map((m) => ({ label: formatMonth(locale, m.month, "short"), value: m.completions, valueText: num(m.completions) }))}
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
                <th scope="row">{formatMonth(locale, m.month, "long")}</th>
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
