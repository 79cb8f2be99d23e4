// The one source of "now" for server code. Domain functions take `now = clockNow()` so tests
// pass a date; the e2e harness moves a running test server's clock through `setClockOffset`
// (wired up only when the server runs with the test clock enabled, never in a real deployment).
// The offset lives on globalThis: a test that reloads modules (vi.resetModules) or a dev
// server's rebuild must not find a second clock with a different time.
type Sleep = (ms: number) => Promise<void>;
const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const clock = ((globalThis as { __academyClock?: { offsetMs: number; sleep?: Sleep } }).__academyClock ??= { offsetMs: 0 });

export function clockNow(): Date {
  return new Date(Date.now() + clock.offsetMs);
}

export function setClockOffset(ms: number) {
  clock.offsetMs = ms;
}

export function clockOffset() {
  return clock.offsetMs;
}

/**
 * Waits `ms` on the clock: a real wait, unless a test has put its own sleeper in (it records
 * what the code asked for and returns at once, so a test of a deliberate delay waits no time).
 */
export function clockSleep(ms: number): Promise<void> {
  return (clock.sleep ?? realSleep)(ms);
}

/** Replaces the clock's sleeper (tests only); `null` restores real waiting. */
export function setClockSleep(sleep: Sleep | null) {
  clock.sleep = sleep ?? undefined;
}
