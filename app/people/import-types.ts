// The shapes shared by the import's reading, planning and applying steps and by its page.
import type { Role } from "~/db/schema";
import type { MessageKey } from "~/i18n/translate";

export type ImportField = "email" | "name" | "staffNumber" | "orgUnit" | "role" | "locale";
export const IMPORT_FIELDS: readonly ImportField[] = ["email", "name", "staffNumber", "orgUnit", "role", "locale"];
export type Vars = Record<string, string | number>;
export type FileProblem = { message: MessageKey; vars?: Vars };
export type RowProblem = { field: ImportField; message: MessageKey; vars?: Vars };
export type RowAction = "create" | "update" | "unchanged" | "error";
export type Delimiter = "," | ";" | "\t";

/** One data record of the file, its cells named by the column they came from ("" when absent). */
export type ImportRecord = { line: number; cells: Record<ImportField, string> };

export type PreviewRow = {
  /** The line of the file where this record starts (1 = the header line's first line). */
  line: number;
  action: RowAction;
  email: string;
  name: string;
  staffNumber: string | null;
  orgUnit: string | null;
  role: Role | null;
  changes: ImportField[];
  problems: RowProblem[];
  notes: MessageKey[];
};

export type ImportCounts = { create: number; update: number; unchanged: number; error: number; blank: number };

export type ImportLink = { email: string; name: string; staffNumber: string | null; url: string; expiresAt: string };

/** The import plan as the preview page shows it (built by importPreviewView). */
export type ImportPreviewView = {
  ok: boolean;
  fileProblems: FileProblem[];
  delimiter: Delimiter;
  /** Headers of columns that map to no field (the import ignores them). */
  ignored: string[];
  counts: ImportCounts;
  total: number;
  rows: PreviewRow[];
  apply: { csv: string; hash: string; digest: string } | null;
};
