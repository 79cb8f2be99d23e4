// A download abandoned half-way stops pulling rows (so stops querying) and crashes nothing.
import { deflateRaw } from "node:zlib";
import { describe, expect, it } from "vitest";
import { makeTranslator } from "~/i18n";
import { EXPORT_COLUMNS } from "~/reports/columns.server";
import { csvStream } from "~/reports/csv.server";
import { dayFormatter } from "~/utils/dates";
import type { TrainingRecordRow } from "~/reports/training-record.server";
import { xlsxStream } from "~/reports/xlsx.server";
import { clockNow } from "~/utils/clock.server";

/** An endless supply of rows that counts how many were asked for and whether it was closed. */
function endlessRows() {
  const state = { pulled: 0, closed: false };
  async function* gen(): AsyncGenerator<TrainingRecordRow> {
    try {
      for (;;) {
        state.pulled++;
        yield {
          userId: `u${state.pulled}`,
          staffNumber: `S${state.pulled}`,
          name: `Person ${state.pulled}`,
          email: "p@x.test",
          orgUnitId: null,
          orgUnit: null,
          role: "staff",
          active: true,
          moduleSlug: "m",
          moduleTitle: "Module",
          moduleOrder: 0,
          moduleMajorVersion: 1,
          moduleContentHash: "h",
          status: "not-started",
          lessonsDone: 0,
          lessonsTotal: 2,
          attempts: 0,
          bestScore: null,
          lastActivity: null,
          passedOn: null,
          certificateCode: null,
          certificateExpiresOn: null,
          dueDate: null,
          overdue: false,
          practice: null,
          tasksApproved: 0,
          tasksTotal: 0,
          yearHours: 0,
          underTarget: true,
          sessionHours: 0,
        };
      }
    } finally {
      state.closed = true;
    }
  }
  return { rows: gen(), state };
}

const c = { t: makeTranslator("en"), dayOf: dayFormatter("UTC"), hoursYear: 2026 };

// One turn of the event loop and one round trip through libuv's thread pool, where the XLSX
// writer's zlib work runs: a pending compression shows up within a few turns.
const turn = () => new Promise<void>((r) => setImmediate(() => deflateRaw(Buffer.alloc(0), () => r())));

/**
 * Lets the event loop run until `value()` has stopped changing for `quiet` turns in a row: the
 * stream has done all it will do without a reader. A condition, not a length of time, so a slow
 * machine only takes more turns. Gives up (and the test fails on its own assertion) after `max` turns.
 */
async function settled(value: () => number, quiet = 50, max = 100_000) {
  let last = value();
  let still = 0;
  for (let i = 0; i < max && still < quiet; i++) {
    await turn();
    const now = value();
    still = now === last ? still + 1 : 0;
    last = now;
  }
  return last;
}

describe("slow and abandoned downloads", () => {
  it.each(["csv", "xlsx"] as const)("pauses the %s export while the client does not read, and stops it when the client goes away", async (format) => {
    const { rows, state } = endlessRows();
    const stream =
      format === "csv"
        ? csvStream(rows, EXPORT_COLUMNS, c)
        : xlsxStream(rows, EXPORT_COLUMNS, c, { sheetName: "R", aboutSheetName: "A", about: () => [], exportedAt: clockNow() });
    const reader = stream.getReader();
    let bytes = 0;
    while (bytes < 200_000) bytes += (await reader.read()).value?.length ?? 0;
    // A reader that stops reading stops the writer (backpressure), rather than rows piling up.
    const paused = await settled(() => state.pulled);
    for (let i = 0; i < 200; i++) await turn();
    expect(state.pulled).toBe(paused);
    await reader.cancel();
    const after = await settled(() => state.pulled + (state.closed ? 1e9 : 0));
    expect(state.closed).toBe(true);
    for (let i = 0; i < 200; i++) await turn();
    expect(state.pulled + 1e9).toBe(after);
    // It only ever ran a little ahead of what was read.
    expect(state.pulled).toBeLessThan(20_000);
  });
});
