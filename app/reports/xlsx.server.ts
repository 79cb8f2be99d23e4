// The training record as an Excel workbook, written with exceljs' streaming WorkbookWriter:
// rows are committed as they come and the zip leaves through a PassThrough, so the workbook
// is never held whole. Dates are real date cells, counts are number cells, and text (a name
// such as "=HYPERLINK(…)") is stored as a plain string, never as a formula.
import { once, type EventEmitter } from "node:events";
import { PassThrough, Readable } from "node:stream";
import type ExcelJS from "exceljs";
import { headerText, type CellValue, type ColumnContext, type ExportColumn } from "./columns.server";
import { dayToUtcDate } from "~/utils/dates";
import { loadExcelJs } from "~/utils/lazy-libraries.server";
import type { TrainingRecordRow } from "./training-record.server";

export type XlsxMeta = {
  sheetName: string;
  aboutSheetName: string;
  /** The second sheet, asked for once every row is written: label/value pairs (filters, export time, row count…). */
  about: () => [string, string | Date][];
  exportedAt: Date;
};

// Shared style objects: exceljs caches a style per object, so one object per kind of cell
// saves a style lookup for each of the two million cells of a large export.
const DAY_STYLE: Partial<ExcelJS.Style> = { numFmt: "yyyy-mm-dd" };
const DATETIME_STYLE: Partial<ExcelJS.Style> = { numFmt: "yyyy-mm-dd hh:mm" };
const NUMBER_STYLE: Partial<ExcelJS.Style> = { numFmt: "0" };
const TEXT_STYLE: Partial<ExcelJS.Style> = {};
const HEADER_STYLE: Partial<ExcelJS.Style> = { font: { bold: true } };

/** Rows committed between looks at the queues: the writer does not apply backpressure itself. */
const BATCH = 250;
/**
 * Sheet XML allowed to wait for compression (bytes). Small, so the XML buffers die young
 * (80,000 rows: peak RSS about 105-120 MB above the start with 64 KB, 125-155 MB with 1 MB).
 */
const ZIP_QUEUE_LIMIT = 64 * 1024;

type Queue = { _writableState?: { length?: number } };

/**
 * exceljs writes a sheet's XML into the zip without waiting for it (its StreamBuf ignores
 * write()'s answer), so when deflate is slower than rows arrive, XML piles up in the stream
 * archiver reads from: 50 MB for 80,000 rows, measured. This finds that stream (internal to
 * exceljs 4 / archiver 5; if it is not there, there is simply no gate) to wait on it.
 */
function zipQueue(sheet: ExcelJS.Worksheet): Queue | undefined {
  const pipes = (sheet as unknown as { stream?: { pipes?: Queue[] } }).stream?.pipes;
  return Array.isArray(pipes) ? pipes[0] : undefined;
}

const queued = (q: Queue | undefined) => q?._writableState?.length ?? 0;

/**
 * Until the zip queue drains, or a short while: compression always goes on by itself while
 * the reader keeps up, and a missed event must not stall the export.
 */
async function drained(queue: Queue) {
  await once(queue as unknown as EventEmitter, "drain", { signal: AbortSignal.timeout(25) }).catch(() => undefined);
}

/** Until the reader has taken what waits (or has gone away). No timer: a reader may pause for long. */
function readerCaughtUp(out: PassThrough) {
  return new Promise<void>((resolve) => {
    const done = () => {
      out.off("drain", done);
      out.off("close", done);
      resolve();
    };
    out.on("drain", done);
    out.on("close", done);
  });
}

function cellValue(kind: ExportColumn["kind"], value: CellValue): ExcelJS.CellValue {
  if (value === null) return null;
  if (kind === "day" && typeof value === "string") return dayToUtcDate(value);
  return value;
}

/** The column letter(s) of a 1-based column number. */
function columnLetter(n: number) {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

export function xlsxStream(
  rows: AsyncIterator<TrainingRecordRow>,
  columns: readonly ExportColumn[],
  c: ColumnContext,
  meta: XlsxMeta,
): ReadableStream<Uint8Array> {
  const out = new PassThrough({ highWaterMark: 64 * 1024 });
  let cancelled = false;
  const styles = columns.map((col) => (col.kind === "day" ? DAY_STYLE : col.kind === "number" ? NUMBER_STYLE : TEXT_STYLE));

  const produce = async () => {
    const { stream } = await loadExcelJs();
    const workbook = new stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    workbook.creator = "Pustaka Academy";
    workbook.created = meta.exportedAt;
    const sheet = workbook.addWorksheet(meta.sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
    sheet.columns = columns.map((col, i) => ({ header: headerText(col, c), key: `c${i}`, width: col.width }));
    const header = sheet.getRow(1);
    header.eachCell((cell) => (cell.style = HEADER_STYLE));
    header.commit();
    sheet.autoFilter = `A1:${columnLetter(columns.length)}1`;
    let n = 0;
    for (let next = await rows.next(); !next.done; next = await rows.next()) {
      if (cancelled) return;
      const row = next.value;
      const added = sheet.addRow(columns.map((col) => cellValue(col.kind, col.value(row, c))));
      for (let i = 0; i < columns.length; i++) added.getCell(i + 1).style = styles[i]!;
      added.commit();
      if (++n % BATCH === 0) {
        // Let zlib and the reader catch up: wait while the reader or compression is behind.
        await new Promise<void>((resolve) => setImmediate(resolve));
        const queue = zipQueue(sheet);
        while (!cancelled) {
          if (out.writableNeedDrain) await readerCaughtUp(out);
          else if (queue && queued(queue) > ZIP_QUEUE_LIMIT) await drained(queue);
          else break;
        }
      }
    }
    if (cancelled) return;
    sheet.commit();

    const about = workbook.addWorksheet(meta.aboutSheetName);
    about.columns = [{ width: 30 }, { width: 50 }];
    for (const [label, value] of meta.about()) {
      const added = about.addRow([label, value]);
      added.getCell(1).style = HEADER_STYLE;
      if (value instanceof Date) added.getCell(2).style = DATETIME_STYLE;
      added.commit();
    }
    about.commit();
    await workbook.commit();
  };

  produce().catch((error: unknown) => {
    if (!cancelled) out.destroy(error instanceof Error ? error : new Error(String(error)));
  });

  // A byte-counting strategy: by default toWeb() counts chunks, so a slow client would let
  // thousands of chunks queue up instead of pausing the writer.
  const web = Readable.toWeb(out, { strategy: new ByteLengthQueuingStrategy({ highWaterMark: 64 * 1024 }) }) as unknown as ReadableStream<Uint8Array>;
  // Stop producing if the download is abandoned.
  out.once("close", () => {
    if (!out.readableEnded) {
      cancelled = true;
      // Ends the row generator (after the chunk it may be reading); nothing is left to report to.
      rows.return?.()?.catch(() => undefined);
    }
  });
  return web;
}
