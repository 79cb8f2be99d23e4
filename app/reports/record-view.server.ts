// The training record page's data: one sorted page of rows as plain values for the browser,
// the totals, and what the filter form needs.
import type { User } from "lucia";
import { getConfig } from "~/config.server";
import { getContent } from "~/content/registry.server";
import type { Locale } from "~/db/schema";
import { orgUnitTree } from "~/people/org-units.server";
import { DEFAULT_SORT, defaultDir, reportSearch } from "~/schemas/reports";
import { filterChoices, readReportFilters } from "./record-filters.server";
import { trainingRecordPage } from "./record-page.server";
import type { TrainingRecordRow } from "./record-rows.server";
import { reportYear } from "./record-hours.server";
import { clockNow } from "~/utils/clock.server";
import type { RecordRowView } from "./record-view-types";

export type { RecordRowView };

export const REPORT_PAGE_SIZE = 50;

/** A row as the page shows it: instants as ISO strings, the content hash shortened. */
export function recordRowView(r: TrainingRecordRow): RecordRowView {
  return {
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
    practice: r.practice,
    tasksApproved: r.tasksApproved,
    tasksTotal: r.tasksTotal,
    yearHours: r.yearHours,
    sessionHours: r.sessionHours,
    underTarget: r.underTarget,
  };
}

/** Everything the training record page shows for a request (the caller has checked the capability). */
export async function trainingRecordView(request: Request, actor: Pick<User, "role">, locale: Locale) {
  const { timeZone, trainingHoursTarget } = getConfig();
  const state = await getContent();
  const units = await orgUnitTree();
  const { query, filters, ignored } = await readReportFilters(request, state, units);
  const sort = query.sort ?? DEFAULT_SORT;
  const dir = query.dir ?? defaultDir(sort);
  const result = await trainingRecordPage(
    actor,
    state,
    filters,
    { sort, dir, page: query.page ?? 1, pageSize: REPORT_PAGE_SIZE },
    { locale, timeZone },
  );
  return {
    rows: result.rows.map(recordRowView),
    totals: result.totals,
    page: result.page,
    pages: result.pages,
    sort,
    dir,
    query,
    filterSearch: reportSearch(query),
    ignored,
    ...filterChoices(state, units, locale),
    timeZone,
    hours: { year: reportYear(filters.hoursYear, timeZone, clockNow()), target: trainingHoursTarget },
  };
}
