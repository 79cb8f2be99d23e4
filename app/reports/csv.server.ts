// The training record as a CSV stream (header row, ISO days), written with the one CSV writer.
import { CSV_BOM, csvLine } from "~/utils/csv.server";
import { headerText, type ColumnContext, type ExportColumn } from "./columns.server";
import type { TrainingRecordRow } from "./training-record.server";

/** Rows are gathered into pieces of about this many characters before they are encoded. */
const PIECE = 64 * 1024;

/**
 * The rows as a CSV byte stream. Rows are pulled from the generator only as fast as the
 * client reads, so memory holds one piece (and the generator's current chunk of people).
 */
export function csvStream<R = TrainingRecordRow>(
  rows: AsyncIterator<R>,
  columns: readonly ExportColumn<R>[],
  c: ColumnContext,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let header = true;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let text = "";
        if (header) {
          text = CSV_BOM + csvLine(columns.map((col) => headerText(col, c)));
          header = false;
        }
        while (text.length < PIECE) {
          const next = await rows.next();
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
      async cancel() {
        await rows.return?.();
      },
    },
    { highWaterMark: 1 },
  );
}
