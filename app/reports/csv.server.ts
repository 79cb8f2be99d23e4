// CSV for spreadsheets: UTF-8 with a BOM (so Excel reads the names right), CRLF lines, a header
// row, ISO days, and text that a spreadsheet would run as a formula made harmless.
import type { CellValue, ColumnContext, ExportColumn } from "./columns.server";
import type { TrainingRecordRow } from "./training-record.server";

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",;\r\n]/;

/**
 * One CSV field. Text starting with = + - @ tab or carriage return gets a leading apostrophe
 * (OWASP's advice), so "=HYPERLINK(…)" or "+62 Budi" stays text in Excel and LibreOffice;
 * a field with a separator (comma, or the semicolon some locales use), a quote or a line break
 * is quoted with its quotes doubled.
 */
export function csvField(value: CellValue): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  let s = value;
  if (FORMULA_START.test(s)) s = `'${s}`;
  if (NEEDS_QUOTES.test(s)) s = `"${s.replace(/"/g, '""')}"`;
  return s;
}

export function csvLine(values: CellValue[]) {
  return `${values.map(csvField).join(",")}\r\n`;
}

const BOM = "\uFEFF";
/** Rows are gathered into pieces of about this many characters before they are encoded. */
const PIECE = 64 * 1024;

/**
 * The rows as a CSV byte stream. Rows are pulled from the generator only as fast as the
 * client reads, so memory holds one piece (and the generator's current chunk of people).
 */
export function csvStream(rows: Iterator<TrainingRecordRow>, columns: readonly ExportColumn[], c: ColumnContext): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let header = true;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        let text = "";
        if (header) {
          text = BOM + csvLine(columns.map((col) => c.t(col.header)));
          header = false;
        }
        while (text.length < PIECE) {
          const next = rows.next();
          if (next.done) {
            if (text) controller.enqueue(encoder.encode(text));
            controller.close();
            return;
          }
          const row = next.value;
          text += csvLine(columns.map((col) => col.value(row, c)));
        }
        controller.enqueue(encoder.encode(text));
      },
      cancel() {
        rows.return?.();
      },
    },
    { highWaterMark: 1 },
  );
}
