// The training record, one import for its users. It lives in seams of its own:
// record-filters (what a query asks for), record-chunk (the SQL and typed row mapping),
// record-due (due dates from assignments), record-rows (the row generator) and record-page
// (totals, sorting and paging).
export {
  assertReportAccess,
  filterChoices,
  readReportFilters,
  resolveFilters,
  rowMatches,
  type ReportActor,
  type TrainingRecordFilters,
} from "./record-filters.server";
export { CHUNK_SQL, usersSql } from "./record-chunk.server";
export {
  recordContext,
  REPORT_CHUNK_SIZE,
  trainingRecordRows,
  type RecordContext,
  type RecordOptions,
  type TrainingRecordRow,
} from "./record-rows.server";
export {
  addToTotals,
  emptyTotals,
  statusGroup,
  trainingRecordPage,
  type RecordPage,
  type RecordTotals,
  type StatusGroup,
} from "./record-page.server";
