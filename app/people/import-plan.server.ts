// Planning an import: what each row of the file would do. Used by the preview, by the apply step
// before it writes, and for each batch inside the batch's transaction. See
// docs/decisions/0007-csv-import.md and 0030.
import { setImmediate } from "node:timers/promises";
import type { User } from "lucia";
import { getDb, type Tx } from "~/db/client.server";
import type { Locale, Role } from "~/db/schema";
import type { MessageKey } from "~/i18n/translate";
import { can } from "~/auth/policy";
import { forbidden } from "~/auth/policy.server";
import { sha256 } from "~/utils/ids.server";
import { readImportTable, type ImportColumn } from "./import-csv.server";
import { normalizeCsvText } from "./import-decode.server";
import { checkImportRow, importLookups, newSeenInFile, type CheckedRow, type ExistingUser, type Lookups } from "./import-rows.server";
import type { Delimiter, FileProblem, ImportCounts, ImportField, ImportRecord, PreviewRow } from "./import-types";

export type NewPerson = {
  email: string;
  displayName: string;
  staffNumber: string | null;
  orgUnitId: string | null;
  role: Role;
  locale: Locale | null;
};

export type Op =
  | { kind: "create"; record: ImportRecord; row: PreviewRow; values: NewPerson }
  | { kind: "update"; record: ImportRecord; row: PreviewRow; userId: string; set: Partial<NewPerson>; roleFrom: Role };

export type ImportPlan = {
  /** True when there is something to apply and nothing wrong. */
  ok: boolean;
  fileProblems: FileProblem[];
  delimiter: Delimiter;
  columns: ImportColumn[];
  rows: PreviewRow[];
  counts: ImportCounts;
  /** SHA-256 of the (line-ending normalised) text: the apply step checks it got the same file. */
  hash: string;
  /** SHA-256 of what each row would do: the apply step refuses if the outcome changed meanwhile. */
  digest: string;
  text: string;
  ops: Op[];
};

export function canImport(actor: Pick<User, "role">) {
  return can(actor, "people.import");
}

function emptyPlan(text: string, problems: FileProblem[], delimiter: Delimiter, columns: ImportColumn[]): ImportPlan {
  return {
    ok: false,
    fileProblems: problems,
    delimiter,
    columns,
    rows: [],
    counts: { create: 0, update: 0, unchanged: 0, error: 0, blank: 0 },
    hash: sha256(text),
    digest: sha256(""),
    text,
    ops: [],
  };
}

const FIELD_OF: Record<keyof NewPerson, ImportField> = {
  email: "email",
  displayName: "name",
  staffNumber: "staffNumber",
  orgUnitId: "orgUnit",
  role: "role",
  locale: "locale",
};

/** What changes for a person already there. An empty cell leaves the existing value as it is. */
function changesFor(row: CheckedRow, existing: ExistingUser): Partial<NewPerson> {
  const set: Partial<NewPerson> = {};
  if (row.name !== existing.displayName) set.displayName = row.name;
  if (row.staffNumber && row.staffNumber !== existing.staffNumber) set.staffNumber = row.staffNumber;
  if (row.orgUnitId && row.orgUnitId !== existing.orgUnitId) set.orgUnitId = row.orgUnitId;
  if (row.role && row.role !== existing.role) set.role = row.role;
  if (row.locale && row.locale !== existing.locale) set.locale = row.locale;
  return set;
}

/** A checked row's preview line and, when it is to be written, its operation. */
function decide(record: ImportRecord, checked: CheckedRow, unitName: Map<string, string>): { row: PreviewRow; op: Op | null } {
  const { email, name, staffNumber, orgUnitId, role, locale, existing, problems } = checked;
  const notes: MessageKey[] = [];
  const row: PreviewRow = {
    line: checked.line,
    action: "error",
    email,
    name,
    staffNumber,
    orgUnit: orgUnitId ? (unitName.get(orgUnitId) ?? null) : checked.orgUnitText || null,
    role,
    changes: [],
    problems,
    notes,
  };
  if (problems.length > 0) return { row, op: null };
  if (!existing) {
    row.action = "create";
    row.role = role ?? "staff";
    return { row, op: { kind: "create", record, row, values: { email, displayName: name, staffNumber, orgUnitId, role: role ?? "staff", locale } } };
  }
  const set = changesFor(checked, existing);
  row.changes = (Object.keys(set) as (keyof NewPerson)[]).map((k) => FIELD_OF[k]);
  row.role = role ?? existing.role;
  if (!existing.active) notes.push("import.noteInactive");
  if (row.changes.length === 0) {
    row.action = "unchanged";
    return { row, op: null };
  }
  row.action = "update";
  return { row, op: { kind: "update", record, row, userId: existing.id, set, roleFrom: existing.role } };
}

/**
 * Reads the file and works out, row by row, what importing it would do. Writes nothing. The
 * people and units are read once; the rows are then checked in slices with a turn of the event
 * loop between them (10,000 rows are some 400 ms of CPU), which is why this never runs inside a
 * transaction: the apply step checks each batch again inside its own.
 */
export async function planImport(actor: Pick<User, "id" | "role">, rawText: string): Promise<ImportPlan> {
  if (!canImport(actor)) forbidden();
  const text = normalizeCsvText(rawText);
  const table = readImportTable(text);
  if (!table.ok) return emptyPlan(text, table.problems, table.delimiter, table.columns);

  const look = await importLookups(getDb());
  const { rows, ops, counts } = await planRecords(actor, table.records, look, PLAN_SLICE);
  counts.blank = table.blank;
  const fileProblems: FileProblem[] = rows.length === 0 ? [{ message: "import.noRows" }] : [];
  const digest = sha256(rows.map(rowOutcome).join("\n"));
  return {
    ok: fileProblems.length === 0 && counts.error === 0 && counts.create + counts.update > 0,
    fileProblems,
    delimiter: table.delimiter,
    columns: table.columns,
    rows,
    counts,
    hash: sha256(text),
    digest,
    text,
    ops,
  };
}

/** What a row would do, as the digest sees it: the apply step compares these. */
export const rowOutcome = (r: PreviewRow) => `${r.line}:${r.action}:${r.email}:${r.changes.join(",")}`;

/** Rows checked between two turns of the event loop when a whole file is planned. */
const PLAN_SLICE = 500;

async function planRecords(actor: Pick<User, "id" | "role">, records: ImportRecord[], look: Lookups, slice = Infinity) {
  const seen = newSeenInFile();
  const rows: PreviewRow[] = [];
  const ops: Op[] = [];
  // Blank lines between records (csv-parse skips them) and rows of empty cells (",,,") are
  // counted by the caller, which read the file.
  const counts: ImportCounts = { create: 0, update: 0, unchanged: 0, error: 0, blank: 0 };
  for (const [i, record] of records.entries()) {
    if (i > 0 && i % slice === 0) await setImmediate();
    const { row, op } = decide(record, checkImportRow(actor, record, look, seen), look.unitName);
    rows.push(row);
    counts[row.action]++;
    if (op) ops.push(op);
  }
  return { rows, ops, counts };
}

/**
 * Some rows of a planned file, planned again against the people they name as they are now (the
 * apply step does this for each batch inside its transaction). The whole file was checked for
 * duplicates when it was planned; here only the database can have changed.
 */
export async function replanRecords(actor: Pick<User, "id" | "role">, ops: Op[], tx: Tx) {
  const look = await importLookups(tx, {
    emails: ops.map((op) => op.row.email),
    staffNumbers: ops.flatMap((op) => (op.row.staffNumber ? [op.row.staffNumber] : [])),
  });
  return planRecords(
    actor,
    ops.map((op) => op.record),
    look,
  );
}
