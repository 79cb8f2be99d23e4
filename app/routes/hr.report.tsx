import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireCan } from "~/auth/policy.server";
import { pageMeta } from "~/components/meta";
import { Pagination } from "~/components/pagination";
import { FIGURES_LAYOUT, FigurePair } from "~/components/report-figures";
import { FlagOption, IgnoredNotice, ReportScopeFields } from "~/components/report-filters";
import { activeFilters, FilterDisclosure } from "~/components/hr/filter-form";
import { HoursFilterFields } from "~/components/report-hours";
import { RecordTable } from "~/components/report-table";
import { useI18n, useT } from "~/components/use-t";
import { formatNumber } from "~/i18n/format";
import { resolveLocale } from "~/i18n/locale.server";
import { STATUS_LABELS } from "~/learning/status-labels";
import { trainingRecordView } from "~/reports/record-view.server";
import { PathProgressTable } from "~/components/path-progress-table";
import { getConfig } from "~/config.server";
import { getContent } from "~/content/registry.server";
import { pathProgressSummary } from "~/paths/hr-progress.server";
import { clockNow } from "~/utils/clock.server";
import { todayIn } from "~/utils/dates";
import { REPORT_STATUSES, reportSearch, type ReportQuery } from "~/schemas/reports";

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "report.title");

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireCan(request, "reports.read");
  const locale = await resolveLocale(request, actor);
  const [view, paths] = await Promise.all([
    trainingRecordView(request, actor, locale),
    // Beside the module rows: each learning path's reach and certificates, organisation-wide.
    getContent().then((state) => pathProgressSummary(actor, state, locale, todayIn(getConfig().timeZone, clockNow()))),
  ]);
  return { ...view, paths };
}

const DATE_FILTERS = [
  ["dueFrom", "report.dueFrom"],
  ["dueTo", "report.dueTo"],
  ["passedFrom", "report.passedFrom"],
  ["passedTo", "report.passedTo"],
  ["expiresFrom", "report.expiresFrom"],
  ["expiresTo", "report.expiresTo"],
] as const;

const TOTALS = [
  ["rows", "report.total.rows"],
  ["passed", "report.total.passed"],
  ["inProgress", "report.total.inProgress"],
  ["notStarted", "report.total.notStarted"],
  ["expired", "report.total.expired"],
  ["overdue", "report.total.overdue"],
] as const;

export default function TrainingRecordPage() {
  const { rows, totals, page, pages, sort, dir, query, filterSearch, ignored, units, modules, timeZone, hours, paths } =
    useLoaderData<typeof loader>();
  const t = useT();
  const { locale } = useI18n();
  const link = (changes: Partial<ReportQuery>) => {
    const search = reportSearch({ ...query, sort, dir, ...changes }, { withSort: true, withPage: true });
    return search ? `?${search}` : "?";
  };
  const downloads = filterSearch ? `?${filterSearch}` : "";

  return (
    <div>
      <h1>{t("report.title")}</h1>
      <p className="lead">{t("report.intro")}</p>

      <FilterDisclosure active={activeFilters(query)}>
        <Form method="get" className="filters" role="search" aria-label={t("report.filters")}>
          <input type="hidden" name="sort" value={sort} />
          <input type="hidden" name="dir" value={dir} />
          <div className="field">
            <label htmlFor="f-q">{t("report.search")}</label>
            <p className="field__hint" id="f-q-hint">
              {t("report.searchHint")}
            </p>
            <input id="f-q" name="q" type="search" maxLength={100} defaultValue={query.q ?? ""} aria-describedby="f-q-hint" autoComplete="off" />
          </div>
          <ReportScopeFields idPrefix="f" units={units} modules={modules} query={query}>
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
          </ReportScopeFields>
          {DATE_FILTERS.map(([name, label]) => (
            <div className="field" key={name}>
              <label htmlFor={`f-${name}`}>{t(label)}</label>
              <input id={`f-${name}`} name={name} type="date" defaultValue={query[name] ?? ""} />
            </div>
          ))}
          <FlagOption name="assigned" label="report.assignedOnly" checked={query.assigned === "1"} />
          <FlagOption name="overdue" label="report.overdueOnly" checked={query.overdue === "1"} />
          <HoursFilterFields year={hours.year} underTarget={query.underTarget === "1"} />
          <div className="actions">
            <button type="submit" className="button button--primary">
              {t("common.apply")}
            </button>
            <Link to="/hr/report" className="button button--quiet">
              {t("report.clear")}
            </Link>
          </div>
        </Form>
      </FilterDisclosure>

      <IgnoredNotice ignored={ignored} />

      <RecordTable
        rows={rows}
        page={page}
        pages={pages}
        sort={sort}
        dir={dir}
        timeZone={timeZone}
        hoursYear={hours.year}
        sortHref={(col, nextDir) => link({ sort: col, dir: nextDir, page: undefined })}
      />

      <Pagination page={page} pages={pages} href={(p) => link({ page: p })} />

      {/* After the rows: on a phone the record itself is the first screen's content. */}
      <section aria-labelledby="totals-title">
        <h2 id="totals-title">{t("report.totalsTitle")}</h2>
        <dl className="report-totals facts" style={FIGURES_LAYOUT}>
          {TOTALS.map(([key, label]) => (
            <FigurePair key={key} term={t(label)}>
              {formatNumber(locale, totals[key])}
            </FigurePair>
          ))}
        </dl>
        <p className="muted">{t("report.inProgressHint")}</p>
      </section>

      <section aria-labelledby="path-progress">
        <h2 id="path-progress">{t("paths.progress.title")}</h2>
        <PathProgressTable rows={paths} />
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
      <p className="muted">{t("hours.target", { target: hours.target, year: hours.year })}</p>
    </div>
  );
}
