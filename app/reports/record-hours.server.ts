// Lesson hours (JP) in the training record: each row carries its person's total for the report's
// calendar year and whether it is under the yearly target (TRAINING_HOURS_TARGET). A person's
// total repeats on each of their module rows, so that every download row stands on its own.
import { and, inArray, sql } from "drizzle-orm";
import { countingCertificates, roundHours, yearIn } from "~/certificates/hours.server";
import { getDb } from "~/db/client.server";
import { certificates } from "~/db/schema";

export type HoursSettings = { year: number; target: number };
export type RowHours = { yearHours: number; underTarget: boolean };

/** The report's year: the one asked for, else the current calendar year in the time zone. */
export function reportYear(year: number | undefined, timeZone: string, now: Date): number {
  return year ?? yearIn(timeZone, now);
}

export function hoursSettings(year: number | undefined, target: number, timeZone: string, now: Date): HoursSettings {
  return { year: reportYear(year, timeZone, now), target };
}

/**
 * The lesson hours each of a chunk of people earned in the year, with the rule My learning
 * uses (countingCertificates: issued in the year, not revoked), on the index that starts with
 * user_id. People without a counting certificate are absent (0 hours).
 */
export async function chunkYearHours(userIds: string[], settings: HoursSettings, timeZone: string): Promise<Map<string, number>> {
  const rows = await getDb()
    .select({ userId: certificates.userId, total: sql<number>`coalesce(sum(${certificates.hours}), 0)` })
    .from(certificates)
    .where(and(inArray(certificates.userId, userIds), countingCertificates(settings.year, timeZone)))
    .groupBy(certificates.userId);
  return new Map(rows.map((r) => [r.userId, roundHours(r.total)]));
}

export function rowHours(hours: ReadonlyMap<string, number>, userId: string, settings: HoursSettings): RowHours {
  const yearHours = hours.get(userId) ?? 0;
  return { yearHours, underTarget: yearHours < settings.target };
}
