// The test clock. Every unit and integration test file starts with clockNow() pinned near one
// fixed instant (per-file-db.ts), so no expectation depends on the day the suite runs: a test
// that needs "now" takes clockNow() or TEST_NOW, never new Date() or Date.now(). The pinned
// clock still ticks (an offset from the wall clock), so timers and durations keep working, and
// `npm run test:dates` (the whole suite under libfaketime at awkward instants) catches code
// that reads the wall clock where it should take `now`.
import { setClockOffset } from "~/utils/clock.server";

/**
 * A Wednesday in the middle of a month, mid-morning in both UTC and Asia/Jakarta; under
 * `npm run test:dates` the awkward instant itself (TEST_NOW in the environment), so the code
 * under test meets the year's end, the leap day and the month's first hour through the
 * injected clock as well as through the wall clock.
 */
export const TEST_NOW = new Date(process.env.TEST_NOW ?? "2026-11-18T03:00:00Z");
if (Number.isNaN(TEST_NOW.getTime())) throw new Error(`TEST_NOW=${process.env.TEST_NOW} is not an instant`);

/** Moves clockNow() to `at` (it keeps ticking from there). */
export function pinClock(at: Date = TEST_NOW) {
  setClockOffset(at.getTime() - Date.now());
}
