// The training record downloads: CSV and XLSX of exactly the filtered rows, streamed.
import { requireCan } from "~/auth/policy.server";
import { resolveLocale } from "~/i18n/locale.server";
import type { User } from "lucia";
import { pick } from "~/content/model";
import { getContent, visibleModules, type ContentState } from "~/content/registry.server";
import { getConfig } from "~/config.server";
import type { Locale } from "~/db/schema";
import { makeTranslator } from "~/i18n";
import type { Translate } from "~/i18n/translate";
import { listOrgUnits } from "~/people/org-units.server";
import { STATUS_LABELS } from "~/learning/status-labels";
import type { ColumnContext } from "./columns.server";
import { EXPORT_LINE_COLUMNS } from "./line-columns.server";
import { isPathLine, recordLines, type ExportLine } from "./path-lines.server";
import { csvStream } from "./csv.server";
import { dayFormatter, wallClock } from "~/utils/dates";
import { readReportFilters } from "./record-filters.server";
import { assertReportAccess, recordContext, type TrainingRecordFilters } from "./training-record.server";
import { xlsxStream } from "./xlsx.server";
import { reportYear } from "./record-hours.server";
import { clockNow } from "~/utils/clock.server";

export type ExportFormat = "csv" | "xlsx";

type Actor = Pick<User, "role" | "displayName">;

const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** The filters in words, for the workbook's second sheet and the page's summary. */
export async function describeFilters(f: TrainingRecordFilters, state: ContentState, t: Translate, locale: Locale): Promise<[string, string][]> {
  const out: [string, string][] = [];
  if (f.search) out.push([t("report.search"), f.search]);
  if (f.orgUnitId) {
    const unit = (await listOrgUnits()).find((u) => u.id === f.orgUnitId);
    out.push([t("report.orgUnit"), t("report.withSubUnits", { name: unit?.name ?? f.orgUnitId })]);
  }
  if (f.moduleSlug) {
    const mod = visibleModules(state, "staff").find((m) => m.slug === f.moduleSlug);
    out.push([t("report.module"), mod ? pick(mod.title, locale) : f.moduleSlug]);
  }
  if (f.status) out.push([t("report.status"), t(STATUS_LABELS[f.status])]);
  if (f.assignedOnly) out.push([t("report.assignedOnly"), t("report.yes")]);
  if (f.overdueOnly) out.push([t("report.overdueOnly"), t("report.yes")]);
  const range = (from?: string, to?: string) => `${from ?? "…"} – ${to ?? "…"}`;
  if (f.dueFrom || f.dueTo) out.push([t("report.dueBetween"), range(f.dueFrom, f.dueTo)]);
  if (f.passedFrom || f.passedTo) out.push([t("report.passedBetween"), range(f.passedFrom, f.passedTo)]);
  if (f.expiresFrom || f.expiresTo) out.push([t("report.expiresBetween"), range(f.expiresFrom, f.expiresTo)]);
  out.push([t("report.people"), t(f.includeInactive ? "report.peopleAll" : "report.peopleActive")]);
  if (f.underTargetOnly) out.push([t("hours.onlyUnder"), t("report.yes")]);
  return out;
}

/**
 * The download of the filtered training record: its stream, file name and content type.
 * Nothing is gathered first: rows are built chunk by chunk while the client reads.
 */
export async function exportTrainingRecord(
  actor: Actor,
  state: ContentState,
  filters: TrainingRecordFilters,
  format: ExportFormat,
  { locale, timeZone = getConfig().timeZone, now = clockNow() }: { locale: Locale; timeZone?: string; now?: Date },
) {
  assertReportAccess(actor);
  const t = makeTranslator(locale);
  const dayOf = dayFormatter(timeZone);
  const today = dayOf(now);
  // Each person's learning path rows follow their module rows (app/reports/path-lines.server.ts).
  const rows = recordLines(await recordContext(state, filters, { locale, timeZone, now }), state);
  const hoursYear = reportYear(filters.hoursYear, timeZone, now);
  const c: ColumnContext = { t, dayOf, hoursYear };
  const filename = `${t("report.fileName")}-${today}.${format}`;
  if (format === "csv") return { stream: csvStream(rows, EXPORT_LINE_COLUMNS, c), filename, contentType: CONTENT_TYPES.csv };
  // Read now, before the rows: the about sheet is written after the last row.
  const described = await describeFilters(filters, state, t, locale);
  let count = 0;
  let pathCount = 0;
  const counted: AsyncIterator<ExportLine> = {
    next: async () => {
      const next = await rows.next();
      if (!next.done) {
        if (isPathLine(next.value)) pathCount++;
        else count++;
      }
      return next;
    },
    return: async (value?: unknown) => {
      await rows.return(undefined);
      return { done: true, value };
    },
  };
  const stream = xlsxStream(counted, EXPORT_LINE_COLUMNS, c, {
    sheetName: t("report.sheetName"),
    aboutSheetName: t("report.aboutSheetName"),
    exportedAt: now,
    about: () => [
      [t("report.exportedAt"), wallClock(now, timeZone)],
      [t("report.timeZone"), timeZone],
      [t("report.exportedBy"), actor.displayName],
      [t("report.rowCount"), String(count)],
      [t("paths.report.pathRowCount"), String(pathCount)],
      ...described,
      [t("hours.year"), String(hoursYear)],
      [t("hours.label"), t("hours.target", { target: String(getConfig().trainingHoursTarget), year: String(hoursYear) })],
    ],
  });
  return { stream, filename, contentType: CONTENT_TYPES.xlsx };
}

export function downloadHeaders(filename: string, contentType: string) {
  return {
    "Content-Type": contentType,
    // The name is ASCII (catalog words and a date), so the plain form is enough.
    "Content-Disposition": `attachment; filename="${filename}"`,
    "Cache-Control": "private, no-store",
    "X-Content-Type-Options": "nosniff",
  };
}

/**
 * For the benchmark (and scripts): the whole training record, everyone and every published
 * module, as a CSV or XLSX byte stream. Read it to the end to measure it.
 */
export async function streamWholeTrainingRecord(
  actor: Actor,
  format: ExportFormat,
  { locale = "en", now = clockNow() }: { locale?: Locale; now?: Date } = {},
): Promise<ReadableStream<Uint8Array>> {
  const state = await getContent();
  return (await exportTrainingRecord(actor, state, { includeInactive: true }, format, { locale, now })).stream;
}

/** The loader of a download route: the filtered training record as a streamed file. */
export async function trainingRecordDownload(request: Request, format: "csv" | "xlsx") {
  const actor = await requireCan(request, "reports.read");
  const locale = await resolveLocale(request, actor);
  const state = await getContent();
  const { filters } = await readReportFilters(request, state);
  const { stream, filename, contentType } = await exportTrainingRecord(actor, state, filters, format, { locale });
  return new Response(stream, { headers: downloadHeaders(filename, contentType) });
}
