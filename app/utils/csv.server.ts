// The one CSV writer: UTF-8 with a BOM (so Excel reads the names right), CRLF lines, and text
// that a spreadsheet would run as a formula made harmless. The training record's stream and the
// import's set-password links both write with it.

export type CsvValue = string | number | null;

/** Starts every CSV file, so Excel opens it as UTF-8. */
export const CSV_BOM = "\uFEFF";

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",;\r\n]/;

/**
 * One CSV field. Text starting with = + - @ tab or carriage return gets a leading apostrophe
 * (OWASP's advice), so "=HYPERLINK(…)" or "+62 Budi" stays text in Excel and LibreOffice;
 * a field with a separator (comma, or the semicolon some locales use), a quote or a line break
 * is quoted with its quotes doubled.
 */
export function csvField(value: CsvValue): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  let s = value;
  if (FORMULA_START.test(s)) s = `'${s}`;
  if (NEEDS_QUOTES.test(s)) s = `"${s.replace(/"/g, '""')}"`;
  return s;
}

/** One CSV line, CRLF-terminated. */
export function csvLine(values: readonly CsvValue[]) {
  return `${values.map(csvField).join(",")}\r\n`;
}

/** A whole small CSV file: BOM, header line, rows. */
export function csvDocument(header: readonly string[], rows: Iterable<readonly CsvValue[]>) {
  let text = CSV_BOM + csvLine(header);
  for (const row of rows) text += csvLine(row);
  return text;
}
