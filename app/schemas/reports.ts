import { z } from "~/utils/zod";
import { lineText } from "./text";
import { IdFilterSchema, ModuleFilterSchema } from "./query-params";
import { DaySchema } from "~/schemas/day";
import { readQuery } from "./form";
import type { ModuleStatusName } from "~/learning/status-types";

// The training record's filters, sort and page, from the query string. The page, the CSV and
// the XLSX download and the dashboard's links all read them with this one schema, so a
// download always holds exactly the rows the page counts. A value that cannot be read is
// ignored (and named on the page), never a 500.

/** The statuses moduleStatus() derives, in lifecycle order (also the status sort order). */
export const REPORT_STATUSES = [
  "not-started",
  "in-progress",
  "ready-for-quiz",
  "failed",
  "locked",
  "passed",
  "expired",
] as const satisfies readonly ModuleStatusName[];
// Both directions: a status added to moduleStatus() must be added here (and vice versa).
type _SameStatuses = [ModuleStatusName] extends [(typeof REPORT_STATUSES)[number]] ? true : never;
const _sameStatuses: _SameStatuses = true;

export const REPORT_SORTS = ["name", "orgUnit", "module", "status", "due", "score", "activity"] as const;
export type ReportSort = (typeof REPORT_SORTS)[number];

/** The record's order when the query names none. */
export const DEFAULT_SORT: ReportSort = "name";

/** The direction a column sorts in first: figures highest first, words and dates A to Z. */
export function defaultDir(sort: ReportSort): "asc" | "desc" {
  return sort === "score" || sort === "activity" ? "desc" : "asc";
}

const flag = z.enum(["1"]);

/** The search box: part of a name or email, or an employee number; blank is no search. */
export const RecordSearchSchema = lineText()
  .transform((v) => v.replace(/\s+/g, " ").trim())
  .pipe(z.string().max(100))
  .transform((v) => (v === "" ? undefined : v));

export const ReportQuerySchema = z.object({
  q: RecordSearchSchema.optional().catch(undefined),
  orgUnit: IdFilterSchema,
  module: ModuleFilterSchema,
  status: z.enum(REPORT_STATUSES).optional().catch(undefined),
  assigned: flag.optional().catch(undefined),
  overdue: flag.optional().catch(undefined),
  dueFrom: DaySchema.optional().catch(undefined),
  dueTo: DaySchema.optional().catch(undefined),
  passedFrom: DaySchema.optional().catch(undefined),
  passedTo: DaySchema.optional().catch(undefined),
  expiresFrom: DaySchema.optional().catch(undefined),
  expiresTo: DaySchema.optional().catch(undefined),
  people: z.enum(["active", "all"]).optional().catch(undefined),
  /** The calendar year whose lesson hours (JP) the rows carry; the current one when absent. */
  year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
  underTarget: flag.optional().catch(undefined),
  sort: z.enum(REPORT_SORTS).optional().catch(undefined),
  dir: z.enum(["asc", "desc"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1_000_000).optional().catch(undefined),
});

export type ReportQuery = z.output<typeof ReportQuerySchema>;

/** The keys that narrow the rows (not sort or page): downloads and dashboard links carry these. */
export const REPORT_FILTER_KEYS = [
  "q",
  "orgUnit",
  "module",
  "status",
  "assigned",
  "overdue",
  "dueFrom",
  "dueTo",
  "passedFrom",
  "passedTo",
  "expiresFrom",
  "expiresTo",
  "people",
  "year",
  "underTarget",
] as const satisfies readonly (keyof ReportQuery)[];

/**
 * Reads the query string. `ignored` names the parameters that were given but could not be read
 * (a mistyped date, an unknown status), so the page can say so instead of silently showing
 * everything.
 */
export function parseReportQuery(params: URLSearchParams): { query: ReportQuery; ignored: string[] } {
  return readQuery(ReportQuerySchema, params);
}

/** The query string of a query's filters (optionally with sort and page), stable key order. */
export function reportSearch(query: Partial<ReportQuery>, { withSort = false, withPage = false } = {}) {
  const params = new URLSearchParams();
  for (const key of REPORT_FILTER_KEYS) {
    const value = query[key];
    if (value !== undefined && value !== "") params.set(key, String(value));
  }
  if (withSort && query.sort) params.set("sort", query.sort);
  if (withSort && query.dir) params.set("dir", query.dir);
  if (withPage && query.page && query.page > 1) params.set("page", String(query.page));
  return params.toString();
}
