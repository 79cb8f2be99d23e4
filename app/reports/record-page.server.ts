// The training record's totals and its on-screen page: sorted, paged, counted in one pass.
import type { ContentState } from "~/content/registry.server";
import type { Locale } from "~/db/schema";
import type { ModuleStatusName } from "~/learning/status.server";
import { REPORT_STATUSES, type ReportSort } from "~/schemas/reports";
import { assertReportAccess, type ReportActor, type TrainingRecordFilters } from "./record-filters.server";
import { generateRows, recordContext, type RecordOptions, type TrainingRecordRow } from "./record-rows.server";

export type StatusGroup = "passed" | "in-progress" | "not-started" | "expired";

/** How totals group statuses: everything between starting and passing counts as in progress. */
export function statusGroup(status: ModuleStatusName): StatusGroup {
  if (status === "passed" || status === "not-started" || status === "expired") return status;
  return "in-progress";
}

export type RecordTotals = { rows: number; passed: number; inProgress: number; notStarted: number; expired: number; overdue: number };

export function emptyTotals(): RecordTotals {
  return { rows: 0, passed: 0, inProgress: 0, notStarted: 0, expired: 0, overdue: 0 };
}

export function addToTotals(totals: RecordTotals, row: Pick<TrainingRecordRow, "status" | "overdue">) {
  totals.rows++;
  const group = statusGroup(row.status);
  if (group === "passed") totals.passed++;
  else if (group === "in-progress") totals.inProgress++;
  else if (group === "not-started") totals.notStarted++;
  else totals.expired++;
  if (row.overdue) totals.overdue++;
}

type SortTuple = { key: string | number | null; name: string; userId: string; order: number; slug: string };

const STATUS_RANK = new Map(REPORT_STATUSES.map((s, i) => [s, i]));

function sortKey(row: TrainingRecordRow, sort: ReportSort): string | number | null {
  switch (sort) {
    case "name":
      return row.name;
    case "orgUnit":
      return row.orgUnit;
    case "module":
      return row.moduleOrder;
    case "status":
      return STATUS_RANK.get(row.status) ?? 0;
    case "due":
      return row.dueDate;
    case "score":
      return row.bestScore;
    case "activity":
      return row.lastActivity?.getTime() ?? null;
  }
}

function tupleComparator(locale: Locale, dir: "asc" | "desc") {
  const collator = new Intl.Collator(locale === "id" ? "id-ID" : "en-GB", { sensitivity: "base", numeric: true });
  const sign = dir === "desc" ? -1 : 1;
  return (a: SortTuple, b: SortTuple) => {
    // Empty values last, whichever the direction.
    if (a.key !== b.key) {
      if (a.key === null) return 1;
      if (b.key === null) return -1;
      const c = typeof a.key === "number" && typeof b.key === "number" ? a.key - b.key : collator.compare(String(a.key), String(b.key));
      if (c !== 0) return sign * c;
    }
    return collator.compare(a.name, b.name) || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0) || a.order - b.order;
  };
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export type RecordPage = {
  rows: TrainingRecordRow[];
  totals: RecordTotals;
  page: number;
  pages: number;
};

/**
 * One sorted page and the totals of the whole filtered set, in one streaming pass: each row
 * leaves only a small sort tuple, and only the best `offset + pageSize` tuples are kept (the
 * buffer is trimmed whenever it doubles). The page's rows are then built again for those
 * few people. The pass gives the event loop a turn between chunks, so other requests go on.
 */
export async function trainingRecordPage(
  actor: ReportActor,
  state: ContentState,
  filters: TrainingRecordFilters,
  view: { sort: ReportSort; dir: "asc" | "desc"; page: number; pageSize: number },
  options: RecordOptions,
): Promise<RecordPage> {
  assertReportAccess(actor);
  const ctx = await recordContext(state, filters, options);
  const compare = tupleComparator(options.locale, view.dir);
  const totals = emptyTotals();
  const runPass = async (keep: number) => {
    let buffer: SortTuple[] = [];
    let n = 0;
    for await (const row of generateRows(ctx)) {
      addToTotals(totals, row);
      buffer.push({ key: sortKey(row, view.sort), name: row.name, userId: row.userId, order: row.moduleOrder, slug: row.moduleSlug });
      if (buffer.length >= Math.max(2 * keep, 2_000)) buffer = buffer.sort(compare).slice(0, keep);
      if (++n % 2_000 === 0) await yieldToEventLoop();
    }
    return buffer.sort(compare).slice(0, keep);
  };
  let best = await runPass(view.page * view.pageSize);
  const pages = Math.max(1, Math.ceil(totals.rows / view.pageSize));
  const page = Math.min(view.page, pages);
  if (page !== view.page) {
    // Past the last page (a stale link): show the last one.
    Object.assign(totals, emptyTotals());
    best = await runPass(page * view.pageSize);
  }
  const wanted = best.slice((page - 1) * view.pageSize);
  const built = new Map<string, TrainingRecordRow>();
  for await (const row of generateRows(ctx, [...new Set(wanted.map((t) => t.userId))])) built.set(`${row.userId} ${row.moduleSlug}`, row);
  const rows = wanted.map((t) => built.get(`${t.userId} ${t.slug}`)).filter((r): r is TrainingRecordRow => r !== undefined);
  return { rows, totals, page, pages };
}
