import type { Locale } from "~/db/schema/users";
import { dayToUtcDate } from "~/utils/dates";

const TAGS: Record<Locale, string> = { en: "en-GB", id: "id-ID" };

// Building an Intl formatter costs far more than using one (the daily reminder run formats a
// date in each of thousands of messages), so each kind is built once per locale and zone.
const formatters = new Map<string, Intl.DateTimeFormat>();
function dateFormat(locale: Locale, timeZone: string, withTime: boolean) {
  const key = `${locale}|${timeZone}|${withTime ? "t" : "d"}`;
  let f = formatters.get(key);
  if (!f) {
    if (formatters.size > 500) formatters.clear();
    f = new Intl.DateTimeFormat(TAGS[locale], withTime ? { dateStyle: "medium", timeStyle: "short", timeZone } : { dateStyle: "medium", timeZone });
    formatters.set(key, f);
  }
  return f;
}

export function formatDate(locale: Locale, value: Date | number | string, timeZone = "UTC") {
  return dateFormat(locale, timeZone, false).format(new Date(value));
}

export function formatDateTime(locale: Locale, value: Date | number | string, timeZone = "UTC") {
  return dateFormat(locale, timeZone, true).format(new Date(value));
}

/** A calendar day (`YYYY-MM-DD`): it has no time zone of its own, so it is formatted as UTC. */
export function formatDay(locale: Locale, day: string) {
  return formatDate(locale, dayToUtcDate(day), "UTC");
}

/** A month (`YYYY-MM`), short ("Mar") or long ("March 2026"). */
export function formatMonth(locale: Locale, month: string, style: "short" | "long") {
  return new Intl.DateTimeFormat(TAGS[locale], { month: style, year: style === "long" ? "numeric" : undefined, timeZone: "UTC" }).format(
    dayToUtcDate(`${month}-01`),
  );
}

// A formatter is costly to make and cheap to use: one per locale and options, kept (pages format
// many numbers per request).
const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: Locale, options?: Intl.NumberFormatOptions) {
  const key = `${locale}|${options ? JSON.stringify(options) : ""}`;
  let f = numberFormats.get(key);
  if (!f) {
    if (numberFormats.size > 500) numberFormats.clear();
    f = new Intl.NumberFormat(TAGS[locale], options);
    numberFormats.set(key, f);
  }
  return f;
}

export function formatNumber(locale: Locale, value: number, options?: Intl.NumberFormatOptions) {
  return numberFormat(locale, options).format(value);
}

const PERCENT: Intl.NumberFormatOptions = { style: "percent", maximumFractionDigits: 0 };
export function formatPercent(locale: Locale, percent: number) {
  return numberFormat(locale, PERCENT).format(percent / 100);
}

const HOURS: Intl.NumberFormatOptions = { maximumFractionDigits: 1 };
/** Lesson hours (JP): whole or half numbers, "2.5" in English, "2,5" in Indonesian. */
export function formatHours(locale: Locale, hours: number) {
  return numberFormat(locale, HOURS).format(hours);
}

/**
 * A live session's time in the organisation's zone: "Mon 14 Dec 2026, 09:00–11:00" (Intl's
 * range format puts the end's day in too when the session runs past midnight).
 */
export function formatSessionTime(locale: Locale, start: Date | string, end: Date | string, timeZone: string) {
  const f = new Intl.DateTimeFormat(TAGS[locale], {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone,
  });
  return f.formatRange(new Date(start), new Date(end));
}
