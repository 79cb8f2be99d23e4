// The test clock. Every unit and integration test file starts with clockNow() pinned near one
// fixed instant (per-file-db.ts), so no expectation depends on the day the suite runs: a test
// that needs "now" takes clockNow() or TEST_NOW, never new Date() or Date.now(). The pinned
// clock still ticks (an offset from the wall clock), so timers and durations keep working, and
// `npm run test:dates` (the whole suite under libfaketime at awkward instants) catches code
// that reads the wall clock where it should take `now`.
import { setClockOffset } from "~/utils/clock.server";

/** A Wednesday in the middle of a month, mid-morning in both UTC and Asia/Jakarta. */
export const TEST_NOW = new Date("2026-11-18T03:00:00Z");

/** Moves clockNow() to `at` (it keeps ticking from there). */
export function pinClock(at: Date = TEST_NOW) {
  setClockOffset(at.getTime() - Date.now());
}
