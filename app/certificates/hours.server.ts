import { and, eq, gte, isNull, lt, sql } from "drizzle-orm";
import { getDb, type Queryable } from "~/db/client.server";
import { changedRows } from "~/db/sql.server";
import { writeTransaction } from "~/db/transaction.server";
import { certificates } from "~/db/schema";
import { clockNow } from "~/utils/clock.server";
import { startOfDay, todayIn } from "~/utils/dates";
import type { ContentModule } from "~/content/model";

// Lesson hours (JP): what a certificate counts for in a person's yearly competency development.
// A year is a calendar year in the app's TIME_ZONE; revoked certificates count for nothing;
// an expired certificate still counts in the year it was issued (the learning happened).

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

/** The lesson hours one person earned in a calendar year. */
export async function yearHoursOf(db: Queryable, userId: string, year: number, timeZone: string): Promise<number> {
  const [row] = await db
    .select({ total: sql<number>`coalesce(sum(${certificates.hours}), 0)` })
    .from(certificates)
    .where(and(eq(certificates.userId, userId), countingCertificates(year, timeZone)));
  return roundHours(row?.total ?? 0);
}

/** Lesson hours per person in a calendar year, for everyone with at least one counting certificate. */
export async function yearHoursByUser(db: Queryable, year: number, timeZone: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ userId: certificates.userId, total: sql<number>`coalesce(sum(${certificates.hours}), 0)` })
    .from(certificates)
    .where(countingCertificates(year, timeZone))
    .groupBy(certificates.userId);
  return new Map(rows.map((r) => [r.userId, roundHours(r.total)]));
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

export type YearHours = { year: number; hours: number; target: number };

/** My learning: the lesson hours a person has earned this calendar year, against the target. */
export async function myYearHours(
  userId: string,
  config: { timeZone: string; trainingHoursTarget: number },
  now: Date = clockNow(),
): Promise<YearHours> {
  const year = yearIn(config.timeZone, now);
  return { year, hours: await yearHoursOf(getDb(), userId, year, config.timeZone), target: config.trainingHoursTarget };
}
