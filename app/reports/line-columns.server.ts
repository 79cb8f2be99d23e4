// The columns of the downloads: the training record's module columns, each also filled for a
// path row where it means the same (person, status, passed on = path certificate date,
// certificate, due date, overdue, lesson hours), then the row type and the path's own columns.
import type { MessageKey } from "~/i18n/translate";
import { EXPORT_COLUMNS, type CellValue, type ColumnContext, type ExportColumn } from "./columns.server";
import { isPathLine, type ExportLine, type PathRecordRow, type PathRecordStatus } from "./path-lines.server";

export const PATH_STATUS_LABELS: Record<PathRecordStatus, MessageKey> = {
  not_started: "paths.report.status.notStarted",
  in_progress: "paths.report.status.inProgress",
  completed: "paths.report.status.completed",
  revoked: "paths.report.status.revoked",
};

type PathValue = (row: PathRecordRow, c: ColumnContext) => CellValue;

const day = (d: Date | null, c: ColumnContext) => (d ? c.dayOf(d) : null);

/** What a module column holds on a path row; a column not named here is empty there. */
const ON_PATH_ROWS: Partial<Record<MessageKey, PathValue>> = {
  "report.col.staffNumber": (r) => r.staffNumber,
  "report.col.name": (r) => r.name,
  "report.col.email": (r) => r.email,
  "report.col.orgUnit": (r) => r.orgUnit,
  "report.col.role": (r, c) => c.t(`roles.${r.role}`),
  "report.col.account": (r, c) => c.t(r.active ? "report.account.active" : "report.account.inactive"),
  "report.col.status": (r, c) => c.t(PATH_STATUS_LABELS[r.status]),
  "report.col.passedOn": (r, c) => day(r.certifiedOn, c),
  "report.col.certificate": (r) => r.certificateCode,
  "report.col.dueDate": (r) => r.dueDate,
  "report.col.overdue": (r, c) => c.t(r.overdue ? "report.yes" : "report.no"),
  "hours.columnLong": (r) => r.yearHours,
  "hours.underTarget": (r, c) => c.t(r.underTarget ? "hours.underTargetYes" : "hours.underTargetNo"),
};

export const EXPORT_LINE_COLUMNS: readonly ExportColumn<ExportLine>[] = [
  ...EXPORT_COLUMNS.map((col): ExportColumn<ExportLine> => ({
    ...col,
    value: (line, c) => {
      if (!isPathLine(line)) return col.value(line, c);
      return ON_PATH_ROWS[col.header]?.(line, c) ?? null;
    },
  })),
  {
    header: "paths.report.col.rowType",
    kind: "text",
    width: 14,
    value: (line, c) => c.t(isPathLine(line) ? "paths.report.rowType.path" : "paths.report.rowType.module"),
  },
  { header: "paths.report.col.path", kind: "text", width: 28, value: (line) => (isPathLine(line) ? line.pathTitle : null) },
  { header: "paths.report.col.modulesCertified", kind: "number", width: 12, value: (line) => (isPathLine(line) ? line.modulesCertified : null) },
  { header: "paths.report.col.modulesTotal", kind: "number", width: 12, value: (line) => (isPathLine(line) ? line.modulesTotal : null) },
];
