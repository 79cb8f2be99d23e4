// The one home of calendar days and time zones. A "day" is a `YYYY-MM-DD` string naming a real
// calendar day; instants become days in the organisation's time zone (TIME_ZONE), and days
// become the instant they start there. Pure Intl with no server imports and no zod (the
// day-string schema is app/schemas/day.ts), so pages that only show dates do not download zod.
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** True for `YYYY-MM-DD` strings that name a day on the calendar: 2026-02-30 is not one. */
export function isCalendarDay(value: string): boolean {
  if (!DAY_PATTERN.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  // Date.parse rolls 2026-02-30 over to 2 March; the round trip catches that.
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** The calendar day of an instant in a time zone. */
export function todayIn(timeZone: string, now: Date | number): string {
  return dayFormat(timeZone).format(now);
}

// Making an Intl formatter costs some 50-100 µs (more than a hundred uses of one), and pages ask
// for the same few zones on every request: each is made once per time zone and kept.
const dayFormats = new Map<string, Intl.DateTimeFormat>();
const clockFormats = new Map<string, Intl.DateTimeFormat>();

function dayFormat(timeZone: string) {
  let f = dayFormats.get(timeZone);
  if (!f) {
    if (dayFormats.size > 100) dayFormats.clear();
    f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dayFormats.set(timeZone, f);
  }
  return f;
}

const QUARTER_HOUR = 15 * 60_000;

/**
 * A function from an instant to its calendar day in `timeZone`, the same day `todayIn()` gives,
 * fast enough for 80,000 rows x 4 dates. Every UTC offset and every offset change falls on a
 * quarter hour, so all instants of one UTC quarter hour share a day: the answer is cached per
 * quarter hour and Intl runs once per quarter hour seen rather than once per date.
 */
export function dayFormatter(timeZone: string): (value: Date | number) => string {
  const format = dayFormat(timeZone);
  const cache = new Map<number, string>();
  return (value) => {
    const ms = typeof value === "number" ? value : value.getTime();
    const bucket = Math.floor(ms / QUARTER_HOUR);
    let day = cache.get(bucket);
    if (day === undefined) {
      if (cache.size > 100_000) cache.clear();
      day = format.format(ms);
      cache.set(bucket, day);
    }
    return day;
  };
}

/** Offset of a time zone from UTC at an instant, in milliseconds. */
function zoneOffset(instant: number, timeZone: string) {
  const parts = wallClockParts(instant, timeZone, true);
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

function wallClockParts(instant: number | Date, timeZone: string, seconds = false) {
  const key = `${timeZone}|${seconds ? "s" : "m"}`;
  let format = clockFormats.get(key);
  if (!format) {
    if (clockFormats.size > 100) clockFormats.clear();
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      ...(seconds ? { second: "2-digit" as const } : {}),
    });
    clockFormats.set(key, format);
  }
  const parts = format.formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour"), minute: get("minute"), second: get("second") };
}

/**
 * The instant a calendar day starts in a time zone: `2025-03-01` in Asia/Jakarta is 17:00 UTC
 * the day before. Date filters use it so "from 1 March" means the organisation's 1 March.
 */
export function startOfDay(day: string, timeZone: string): Date {
  const utc = Date.parse(`${day}T00:00:00Z`);
  let guess = utc - zoneOffset(utc, timeZone);
  // A second pass settles days on which the offset changes (daylight saving).
  const again = utc - zoneOffset(guess, timeZone);
  if (again !== guess) guess = again;
  return new Date(guess);
}

/** The half-open range of instants from the start of `from` to the end of `to`, either optional. */
export function dayRange(from: string | undefined, to: string | undefined, timeZone: string) {
  return { start: from ? startOfDay(from, timeZone) : undefined, end: to ? startOfDay(addDays(to, 1), timeZone) : undefined };
}

/** `YYYY-MM-DD` plus (or minus) whole days. */
export function addDays(day: string, days: number) {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The calendar day after a day, for inclusive "to" dates. */
export function nextDay(day: string) {
  return addDays(day, 1);
}

/** The last day of the month of `YYYY-MM`. */
export function lastDayOfMonth(month: string) {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

/** The `count` months up to and including the month of `today`, oldest first, as `YYYY-MM`. */
export function lastMonths(today: string, count: number) {
  const [y, m] = today.split("-").map(Number) as [number, number];
  const out: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(y, m - 1 - i, 1));
    out.push(d.toISOString().slice(0, 7));
  }
  return out;
}

/** A calendar day as a Date at UTC midnight: what a spreadsheet date cell holds, and what
 * formatting a day (which has no time zone of its own) formats in UTC. */
export function dayToUtcDate(day: string) {
  return new Date(`${day}T00:00:00Z`);
}

/** The wall-clock time in `timeZone`, as a Date whose UTC fields carry it (a spreadsheet cell). */
export function wallClock(now: Date, timeZone: string) {
  const p = wallClockParts(now, timeZone);
  return new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute));
}

const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** True for a 24-hour wall-clock time `HH:MM` (the value an `<input type="time">` sends). */
export function isClockTime(value: string): boolean {
  return CLOCK_TIME.test(value);
}

/**
 * The instant a local day and wall-clock time name in a time zone: `2026-12-14` `09:00` in
 * Asia/Jakarta is 02:00 UTC. Forms take times in the organisation's TIME_ZONE; the database
 * stores the instant. A time that a daylight-saving jump skips resolves to the instant after it.
 */
export function zonedInstant(day: string, time: string, timeZone: string): Date {
  const [h, m] = time.split(":").map(Number) as [number, number];
  const midnight = startOfDay(day, timeZone).getTime();
  const guess = midnight + (h * 60 + m) * 60_000;
  // Hours since midnight equal the wall clock unless the offset changed in between (daylight saving).
  return new Date(guess - (zoneOffset(guess, timeZone) - zoneOffset(midnight, timeZone)));
}

/** An instant as the local day and `HH:MM` in a time zone: what a form shows for editing. */
export function localDayAndTime(instant: Date | number, timeZone: string): { day: string; time: string } {
  const p = wallClockParts(instant, timeZone);
  const pad = (n: number) => String(n).padStart(2, "0");
  return { day: `${p.year}-${pad(p.month)}-${pad(p.day)}`, time: `${pad(p.hour)}:${pad(p.minute)}` };
}
