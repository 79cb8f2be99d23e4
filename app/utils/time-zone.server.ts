/** Offset of a time zone from UTC at an instant, in milliseconds. */
function zoneOffset(instant: number, timeZone: string) {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a calendar day (YYYY-MM-DD) starts in a time zone: `2025-03-01` in Asia/Jakarta is
 * 17:00 UTC the day before. Date filters in HR pages use it so "from 1 March" means the
 * organisation's 1 March, not UTC's.
 */
export function startOfDay(date: string, timeZone: string): Date {
  const utc = Date.parse(`${date}T00:00:00Z`);
  let guess = utc - zoneOffset(utc, timeZone);
  // A second pass settles days on which the offset changes (daylight saving).
  const again = utc - zoneOffset(guess, timeZone);
  if (again !== guess) guess = again;
  return new Date(guess);
}

/** The calendar day after a YYYY-MM-DD day, for inclusive "to" dates. */
export function nextDay(date: string) {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
