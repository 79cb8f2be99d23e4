// CSV text to named records: the delimiter, the header's column names (English and Bahasa
// Indonesia, as spreadsheets spell them) and the file-level problems found before any row is read.
import { parse } from "csv-parse/sync";
import { IMPORT_FIELDS, type Delimiter, type FileProblem, type ImportField, type ImportRecord } from "./import-types";

/** More rows than this is almost certainly the wrong file; split it instead. */
export const IMPORT_MAX_ROWS = 20_000;

/** Folds case, width and punctuation so that "E-mail", "e_mail" and "EMAIL" read the same. */
export const normWord = (s: string) =>
  s
    .normalize("NFKC")
    .toLocaleLowerCase("en")
    .replace(/[\s_\-.:#/()]+/g, " ")
    .trim();

/** One line of text: runs of white space become one space. */
export const cleanCell = (s: string | undefined) => (s ?? "").replace(/\s+/g, " ").trim();

/** Column names as spreadsheets spell them, in English and Bahasa Indonesia. */
const HEADER_NAMES: Record<ImportField, string[]> = {
  email: ["email", "e mail", "email address", "e mail address", "mail", "alamat email", "alamat e mail", "surel", "surat elektronik"],
  name: ["name", "full name", "fullname", "display name", "nama", "nama lengkap", "nama pegawai", "employee name", "staff name"],
  staffNumber: [
    "staff number",
    "staff no",
    "staff nr",
    "staff num",
    "staff id",
    "staffnumber",
    "employee number",
    "employee no",
    "employee id",
    "nip",
    "nomor pegawai",
    "no pegawai",
    "nomor induk pegawai",
  ],
  orgUnit: [
    "org unit",
    "orgunit",
    "organisation unit",
    "organization unit",
    "unit",
    "unit code",
    "unit kerja",
    "kode unit",
    "branch",
    "branch code",
    "cabang",
    "kantor cabang",
    "department",
    "departemen",
    "bagian",
    "library",
    "perpustakaan",
  ],
  role: ["role", "peran", "access", "akses", "user role"],
  locale: ["language", "locale", "bahasa", "preferred language"],
};
const HEADER_LOOKUP = new Map<string, ImportField>();
for (const [field, names] of Object.entries(HEADER_NAMES) as [ImportField, string[]][]) {
  for (const n of names) HEADER_LOOKUP.set(normWord(n), field);
}

export const ACCEPTED_HEADERS = HEADER_NAMES;

/** The separator used in the header line: the most frequent of `,` `;` and tab outside quotes. */
export function detectDelimiter(text: string): Delimiter {
  const counts = { ",": 0, ";": 0, "\t": 0 };
  let inQuotes = false;
  for (const ch of text) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && ch === "\n") {
      if (counts[","] + counts[";"] + counts["\t"] > 0) break;
    } else if (!inQuotes && ch in counts) counts[ch as keyof typeof counts]++;
  }
  if (counts[";"] > counts[","] && counts[";"] >= counts["\t"]) return ";";
  if (counts["\t"] > counts[","]) return "\t";
  return ",";
}

/** Where an unclosed quote most likely opened: the line of the last quote that was never closed. */
function unclosedQuoteLine(text: string) {
  let line = 1;
  let openedAt = 1;
  let inQuotes = false;
  for (const ch of text) {
    if (ch === "\n") line++;
    else if (ch === '"') {
      inQuotes = !inQuotes;
      if (inQuotes) openedAt = line;
    }
  }
  return openedAt;
}

type RawRecord = { line: number; fields: string[] };
type CsvParseOutput = { record: string[]; info: { lines: number; empty_lines: number }; raw: string };

function parseRecords(
  text: string,
  delimiter: Delimiter,
): { ok: true; records: RawRecord[]; emptyLines: number } | { ok: false; problem: FileProblem } {
  try {
    const parsed = parse(text, {
      delimiter,
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
      raw: true,
      max_record_size: 100_000,
    }) as unknown as CsvParseOutput[];
    return {
      ok: true,
      emptyLines: parsed.at(-1)?.info.empty_lines ?? 0,
      records: parsed.map(({ record, info, raw }) => {
        // `info.lines` is the line the record ends on; `raw` also holds any skipped blank lines
        // before it and the record's own line break.
        const body = raw.replace(/^\n+/, "").replace(/\n$/, "");
        let extra = 0;
        for (let i = 0; i < body.length; i++) if (body.charCodeAt(i) === 10) extra++;
        return { line: info.lines - extra, fields: record };
      }),
    };
  } catch (error) {
    const e = error as { code?: string; lines?: number };
    if (e.code === "CSV_QUOTE_NOT_CLOSED")
      return { ok: false, problem: { message: "import.unclosedQuote", vars: { line: unclosedQuoteLine(text) } } };
    if (e.code === "CSV_MAX_RECORD_SIZE") return { ok: false, problem: { message: "import.recordTooLong", vars: { line: e.lines ?? 1 } } };
    return { ok: false, problem: { message: "import.badQuotes", vars: { line: e.lines ?? 1 } } };
  }
}

export type ImportColumn = { header: string; field: ImportField | null };

/** The file read as a table, or why it cannot be (with what was understood of it so far). */
export type ImportTable =
  | { ok: true; delimiter: Delimiter; columns: ImportColumn[]; records: ImportRecord[]; blank: number }
  | { ok: false; delimiter: Delimiter; columns: ImportColumn[]; problems: FileProblem[] };

const isBlank = (r: RawRecord) => r.fields.every((f) => f.trim() === "");

/**
 * Reads normalised CSV text into records whose cells are named by the header. Blank records
 * (blank lines and rows of empty cells such as ",,,") are counted, not returned.
 */
export function readImportTable(text: string): ImportTable {
  if (text.trim() === "") return { ok: false, delimiter: ",", columns: [], problems: [{ message: "import.emptyFile" }] };
  const delimiter = detectDelimiter(text);
  const parsed = parseRecords(text, delimiter);
  if (!parsed.ok) return { ok: false, delimiter, columns: [], problems: [parsed.problem] };
  const headerIndex = parsed.records.findIndex((r) => !isBlank(r));
  if (headerIndex < 0) return { ok: false, delimiter, columns: [], problems: [{ message: "import.emptyFile" }] };
  const header = parsed.records[headerIndex]!;
  const columns = header.fields.map((h) => ({ header: cleanCell(h), field: HEADER_LOOKUP.get(normWord(h)) ?? null }));
  const problems: FileProblem[] = [];
  const colOf = new Map<ImportField, number>();
  columns.forEach((c, i) => {
    if (!c.field) return;
    if (colOf.has(c.field)) problems.push({ message: "import.duplicateColumn", vars: { column: c.header, line: header.line } });
    else colOf.set(c.field, i);
  });
  for (const required of ["email", "name"] as const) {
    if (!colOf.has(required))
      problems.push({ message: required === "email" ? "import.missingEmailColumn" : "import.missingNameColumn", vars: { line: header.line } });
  }
  const data = parsed.records.slice(headerIndex + 1);
  if (problems.length === 0 && data.length > IMPORT_MAX_ROWS) problems.push({ message: "import.tooManyRows", vars: { max: IMPORT_MAX_ROWS } });
  if (problems.length > 0) return { ok: false, delimiter, columns, problems };

  const cell = (r: RawRecord, f: ImportField) => {
    const i = colOf.get(f);
    return i === undefined ? "" : cleanCell(r.fields[i]);
  };
  const records: ImportRecord[] = [];
  let blank = parsed.emptyLines;
  for (const r of data) {
    if (isBlank(r)) blank++;
    else records.push({ line: r.line, cells: Object.fromEntries(IMPORT_FIELDS.map((f) => [f, cell(r, f)])) as Record<ImportField, string> });
  }
  return { ok: true, delimiter, columns, records, blank };
}
