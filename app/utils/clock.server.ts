// The one source of "now" for server code. Domain functions take `now = clockNow()` so tests
// pass a date; the e2e harness moves a running test server's clock through `setClockOffset`
// (wired up only when the server runs with the test clock enabled, never in a real deployment).
let offsetMs = 0;

export function clockNow(): Date {
  return new Date(Date.now() + offsetMs);
}

export function setClockOffset(ms: number) {
  offsetMs = ms;
}

export function clockOffset() {
  return offsetMs;
}
