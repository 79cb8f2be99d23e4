// The one source of "now" for server code. Domain functions take `now = clockNow()` so tests
// pass a date; the e2e harness moves a running test server's clock through `setClockOffset`
// (wired up only when the server runs with the test clock enabled, never in a real deployment).
// The offset lives on globalThis: a test that reloads modules (vi.resetModules) or a dev
// server's rebuild must not find a second clock with a different time.
const clock = ((globalThis as { __academyClock?: { offsetMs: number } }).__academyClock ??= { offsetMs: 0 });

export function clockNow(): Date {
  return new Date(Date.now() + clock.offsetMs);
}

export function setClockOffset(ms: number) {
  clock.offsetMs = ms;
}

export function clockOffset() {
  return clock.offsetMs;
}
