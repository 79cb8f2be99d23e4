// The columns of the training record downloads (CSV and XLSX share them).
import type { MessageKey, Translate } from "~/i18n/translate";
import type { TrainingRecordRow } from "./training-record.server";
import { STATUS_LABELS } from "~/learning/status-labels";
import { PRACTICE_LABELS } from "./practice-status";

export type ColumnKind = "text" | "number" | "day";
export type CellValue = string | number | null;

/** A column of the downloads; `R` is the row type (module rows, or the export's module and path lines). */
export type ExportColumn<R = TrainingRecordRow> = {
  header: MessageKey;
  /** Values for the header's placeholders (the lesson hours' year). */
  headerVars?: (c: ColumnContext) => Record<string, string>;
  kind: ColumnKind;
  /** Spreadsheet column width, in characters. */
  width: number;
  /** Text, a number, or for "day" columns a `YYYY-MM-DD` day in the app's time zone. */
  value: (row: R, c: ColumnContext) => CellValue;
};

export type ColumnContext = { t: Translate; dayOf: (d: Date) => string; hoursYear: number };

export const headerText = <R>(col: ExportColumn<R>, c: ColumnContext) => c.t(col.header, col.headerVars?.(c));

const day = (d: Date | null, c: ColumnContext) => (d ? c.dayOf(d) : null);

export const EXPORT_COLUMNS: readonly ExportColumn[] = [
  { header: "report.col.staffNumber", kind: "text", width: 14, value: (r) => r.staffNumber },
  { header: "report.col.name", kind: "text", width: 28, value: (r) => r.name },
  { header: "report.col.email", kind: "text", width: 30, value: (r) => r.email },
  { header: "report.col.orgUnit", kind: "text", width: 24, value: (r) => r.orgUnit },
  { header: "report.col.role", kind: "text", width: 12, value: (r, c) => c.t(`roles.${r.role}`) },
  { header: "report.col.account", kind: "text", width: 12, value: (r, c) => c.t(r.active ? "report.account.active" : "report.account.inactive") },
  { header: "report.col.module", kind: "text", width: 28, value: (r) => r.moduleTitle },
  { header: "report.col.version", kind: "number", width: 9, value: (r) => r.moduleMajorVersion },
  { header: "report.col.contentHash", kind: "text", width: 16, value: (r) => r.moduleContentHash },
  { header: "report.col.status", kind: "text", width: 18, value: (r, c) => c.t(STATUS_LABELS[r.status]) },
  { header: "report.col.lessonsDone", kind: "number", width: 10, value: (r) => r.lessonsDone },
  { header: "report.col.lessonsTotal", kind: "number", width: 10, value: (r) => r.lessonsTotal },
  { header: "report.col.attempts", kind: "number", width: 10, value: (r) => r.attempts },
  { header: "report.col.bestScore", kind: "number", width: 10, value: (r) => r.bestScore },
  { header: "report.col.lastActivity", kind: "day", width: 13, value: (r, c) => day(r.lastActivity, c) },
  { header: "report.col.passedOn", kind: "day", width: 13, value: (r, c) => day(r.passedOn, c) },
  { header: "report.col.certificate", kind: "text", width: 18, value: (r) => r.certificateCode },
  { header: "report.col.certificateExpires", kind: "day", width: 13, value: (r, c) => day(r.certificateExpiresOn, c) },
  { header: "report.col.dueDate", kind: "day", width: 13, value: (r) => r.dueDate },
  { header: "report.col.overdue", kind: "text", width: 10, value: (r, c) => c.t(r.overdue ? "report.yes" : "report.no") },
  { header: "report.col.practice", kind: "text", width: 20, value: (r, c) => (r.practice ? c.t(PRACTICE_LABELS[r.practice]) : null) },
  { header: "report.col.tasksApproved", kind: "number", width: 10, value: (r) => (r.practice ? r.tasksApproved : null) },
  { header: "report.col.tasksTotal", kind: "number", width: 10, value: (r) => (r.practice ? r.tasksTotal : null) },
  // The person's lesson hours in the report's year (the same on each of their rows), and the flag.
  { header: "hours.columnLong", headerVars: (c) => ({ year: String(c.hoursYear) }), kind: "number", width: 14, value: (r) => r.yearHours },
  // The part of it earned at live sessions (attended, by the session's start date).
  {
    header: "attendance.hoursColumn",
    headerVars: (c) => ({ year: String(c.hoursYear) }),
    kind: "number",
    width: 14,
    value: (r) => r.sessionHours,
  },
  { header: "hours.underTarget", kind: "text", width: 12, value: (r, c) => c.t(r.underTarget ? "hours.underTargetYes" : "hours.underTargetNo") },
];
