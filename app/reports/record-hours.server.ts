// Lesson hours (JP) in the training record: each row carries its person's total for the report's
// calendar year and whether it is under the yearly target (TRAINING_HOURS_TARGET). A person's
// total repeats on each of their module rows, so that every download row stands on its own.
import { yearHoursBreakdown, yearIn, type HoursBreakdown } from "~/certificates/hours.server";
import { getDb } from "~/db/client.server";

export type HoursSettings = { year: number; target: number };
export type RowHours = { yearHours: number; sessionHours: number; underTarget: boolean };

/** The report's year: the one asked for, else the current calendar year in the time zone. */
export function reportYear(year: number | undefined, timeZone: string, now: Date): number {
  return year ?? yearIn(timeZone, now);
}

export function hoursSettings(year: number | undefined, target: number, timeZone: string, now: Date): HoursSettings {
  return { year: reportYear(year, timeZone, now), target };
}

/**
 * The lesson hours each of a chunk of people earned in the year, with the rule My learning
 * uses (certificates issued in the year and not revoked, plus live sessions attended that
 * started in it), on the indexes that start with user_id. People with neither are absent (0 hours).
 */
export async function chunkYearHours(userIds: string[], settings: HoursSettings, timeZone: string): Promise<Map<string, HoursBreakdown>> {
  return yearHoursBreakdown(getDb(), settings.year, timeZone, userIds);
}

export function rowHours(hours: ReadonlyMap<string, HoursBreakdown>, userId: string, settings: HoursSettings): RowHours {
  const mine = hours.get(userId);
  const yearHours = mine?.total ?? 0;
  return { yearHours, sessionHours: mine?.sessions ?? 0, underTarget: yearHours < settings.target };
}
