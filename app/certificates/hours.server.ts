import { and, eq, gte, inArray, isNotNull, isNull, lt, sql } from "drizzle-orm";
import { getDb, type Queryable } from "~/db/client.server";
import { changedRows } from "~/db/sql.server";
import { writeTransaction } from "~/db/transaction.server";
import { certificates, liveSessionRegistrations, liveSessions } from "~/db/schema";
import { clockNow } from "~/utils/clock.server";
import { startOfDay, todayIn } from "~/utils/dates";
import type { ContentModule } from "~/content/model";

// Lesson hours (JP): what a certificate counts for in a person's yearly competency development.
// A year is a calendar year in the app's TIME_ZONE; revoked certificates count for nothing;
// an expired certificate still counts in the year it was issued (the learning happened).
// Attending a live session counts its hours in the year of the session's start (ADR 0037): the
// attendance recorded by code or by the host's correction; a cancelled session counts nothing.

/** The calendar year of an instant in `timeZone`. */
export function yearIn(timeZone: string, at: Date = clockNow()): number {
  return Number(todayIn(timeZone, at).slice(0, 4));
}

/** The instant 1 January `year` 00:00 begins in `timeZone`. */
function startOfYear(year: number, timeZone: string): Date {
  return startOfDay(`${String(year).padStart(4, "0")}-01-01`, timeZone);
}

// A year's bounds never change, and each costs four Intl formatters: the training record asks
// once per chunk of people (400 times in a 10,000-person export), so they are kept.
const yearRanges = new Map<string, { from: number; to: number }>();

/** [from, to): the instants of calendar year `year` in `timeZone`. */
export function yearRange(year: number, timeZone: string): { from: Date; to: Date } {
  const key = `${year}|${timeZone}`;
  let range = yearRanges.get(key);
  if (!range) {
    if (yearRanges.size > 1000) yearRanges.clear();
    range = { from: startOfYear(year, timeZone).getTime(), to: startOfYear(year + 1, timeZone).getTime() };
    yearRanges.set(key, range);
  }
  return { from: new Date(range.from), to: new Date(range.to) };
}

/** Rounds away float noise: hours are whole or half numbers, sums of them too. */
export const roundHours = (hours: number) => Math.round(hours * 2) / 2;

/** Where clause: a person's certificates that count in a year (issued in it, not revoked). */
export function countingCertificates(year: number, timeZone: string) {
  const { from, to } = yearRange(year, timeZone);
  return and(gte(certificates.issuedAt, from), lt(certificates.issuedAt, to), isNull(certificates.revokedAt));
}

/** Where clause: attended live sessions that count in a year (started in it, not cancelled). */
export function countingAttendance(year: number, timeZone: string) {
  const { from, to } = yearRange(year, timeZone);
  return and(
    isNotNull(liveSessionRegistrations.attendedAt),
    gte(liveSessions.startsAt, from),
    lt(liveSessions.startsAt, to),
    eq(liveSessions.status, "scheduled"),
  );
}

/** Live-session hours per person in a year, for everyone (or the people named) who attended one. */
export async function sessionHoursByUser(db: Queryable, year: number, timeZone: string, userIds?: string[]): Promise<Map<string, number>> {
  const rows = await db
    .select({ userId: liveSessionRegistrations.userId, total: sql<number>`coalesce(sum(${liveSessions.hours}), 0)` })
    .from(liveSessionRegistrations)
    .innerJoin(liveSessions, eq(liveSessions.id, liveSessionRegistrations.sessionId))
    .where(and(countingAttendance(year, timeZone), userIds ? inArray(liveSessionRegistrations.userId, userIds) : undefined))
    .groupBy(liveSessionRegistrations.userId);
  return new Map(rows.map((r) => [r.userId, roundHours(Number(r.total))]));
}

/** Certificate hours per person in a year (or of the people named), before live sessions are added. */
async function certificateHoursByUser(db: Queryable, year: number, timeZone: string, userIds?: string[]): Promise<Map<string, number>> {
  const rows = await db
    .select({ userId: certificates.userId, total: sql<number>`coalesce(sum(${certificates.hours}), 0)` })
    .from(certificates)
    .where(and(countingCertificates(year, timeZone), userIds ? inArray(certificates.userId, userIds) : undefined))
    .groupBy(certificates.userId);
  return new Map(rows.map((r) => [r.userId, Number(r.total)]));
}

export type HoursBreakdown = { total: number; sessions: number };

/** Each person's year: certificate plus live-session hours, and the live-session part of it. */
export async function yearHoursBreakdown(db: Queryable, year: number, timeZone: string, userIds?: string[]): Promise<Map<string, HoursBreakdown>> {
  const [certs, sessions] = await Promise.all([certificateHoursByUser(db, year, timeZone, userIds), sessionHoursByUser(db, year, timeZone, userIds)]);
  const out = new Map<string, HoursBreakdown>();
  for (const id of new Set([...certs.keys(), ...sessions.keys()])) {
    const s = sessions.get(id) ?? 0;
    out.set(id, { total: roundHours((certs.get(id) ?? 0) + s), sessions: s });
  }
  return out;
}

/** The lesson hours one person earned in a calendar year (certificates and attended sessions). */
export async function yearHoursOf(db: Queryable, userId: string, year: number, timeZone: string): Promise<number> {
  return (await yearHoursBreakdown(db, year, timeZone, [userId])).get(userId)?.total ?? 0;
}

/** Lesson hours per person in a calendar year, for everyone with a counting certificate or attended session. */
export async function yearHoursByUser(db: Queryable, year: number, timeZone: string): Promise<Map<string, number>> {
  const all = await yearHoursBreakdown(db, year, timeZone);
  return new Map(Array.from(all, ([id, h]) => [id, h.total]));
}

/**
 * Certificates issued before modules declared hours have none recorded: they take their module's
 * current hours (ADR 0011), once, at start-up. A certificate of a module no longer in the content
 * keeps none and counts as 0.
 */
export async function backfillCertificateHours(modules: Iterable<ContentModule>): Promise<number> {
  return writeTransaction(async (tx) => {
    let changed = 0;
    for (const mod of modules) {
      if (mod.settings.hours === null) continue;
      changed += changedRows(
        await tx
          .update(certificates)
          .set({ hours: mod.settings.hours })
          .where(and(eq(certificates.moduleSlug, mod.slug), isNull(certificates.hours))),
      );
    }
    return changed;
  });
}

export type YearHours = { year: number; hours: number; target: number; sessionHours: number };

/** My learning: the lesson hours a person has earned this calendar year, against the target. */
export async function myYearHours(
  userId: string,
  config: { timeZone: string; trainingHoursTarget: number },
  now: Date = clockNow(),
): Promise<YearHours> {
  const year = yearIn(config.timeZone, now);
  const mine = (await yearHoursBreakdown(getDb(), year, config.timeZone, [userId])).get(userId);
  return { year, hours: mine?.total ?? 0, sessionHours: mine?.sessions ?? 0, target: config.trainingHoursTarget };
}
