import { and, eq, sql } from "drizzle-orm";
import { prepared } from "~/db/prepared.server";
import { greatest, least } from "~/db/sql.server";
import { lessonProgress } from "~/db/schema";
import type { ContentModule } from "~/content/model";
import { clockNow } from "~/utils/clock.server";

/**
 * Time on a lesson is measured on the server between the learner's own requests about it
 * (opening it, marking it complete), never taken from the client. A gap counts at most
 * three times the lesson's stated reading time, so a tab left open overnight adds little.
 * The rule lives in this one SQL expression, used by both writes below.
 */
function cappedGapSeconds() {
  return least(
    greatest(0, sql`(${sql.placeholder("nowMs")} - ${lessonProgress.lastSeenAt}) / 1000`),
    sql`${sql.placeholder("lessonMinutes")} * 3 * 60`,
  );
}

// The row a first visit creates. `now` goes through the column's encoder (a Date);
// `nowMs` is the same instant as a number for the hand-written arithmetic above.
const firstVisit = {
  userId: sql.placeholder("userId"),
  moduleSlug: sql.placeholder("moduleSlug"),
  lessonSlug: sql.placeholder("lessonSlug"),
  firstOpenedAt: sql.placeholder("now"),
  lastSeenAt: sql.placeholder("now"),
  secondsSpent: 0,
};
const progressKey = [lessonProgress.userId, lessonProgress.moduleSlug, lessonProgress.lessonSlug];

export async function recordLessonOpened(userId: string, moduleSlug: string, lessonSlug: string, lessonMinutes: number, now = clockNow()) {
  // One upsert, no read first: this runs on every lesson page view.
  await prepared("lessonOpened", (d) =>
    d
      .insert(lessonProgress)
      .values(firstVisit)
      .onConflictDoUpdate({
        target: progressKey,
        set: {
          secondsSpent: sql`${lessonProgress.secondsSpent} + ${cappedGapSeconds()}`,
          lastSeenAt: sql`excluded.last_seen_at`,
        },
      }),
  )({ userId, moduleSlug, lessonSlug, now, nowMs: now.getTime(), lessonMinutes });
}

/** Idempotent: completing a completed lesson keeps its first completion time. One upsert, so no transaction is needed. */
export async function markLessonComplete(userId: string, moduleSlug: string, lessonSlug: string, lessonMinutes: number, now = clockNow()) {
  await prepared("lessonCompleted", (d) =>
    d
      .insert(lessonProgress)
      .values({ ...firstVisit, completedAt: sql.placeholder("now") })
      .onConflictDoUpdate({
        target: progressKey,
        set: {
          secondsSpent: sql`${lessonProgress.secondsSpent} + ${cappedGapSeconds()}`,
          completedAt: sql`coalesce(${lessonProgress.completedAt}, excluded.completed_at)`,
          lastSeenAt: sql`excluded.last_seen_at`,
        },
      }),
  )({ userId, moduleSlug, lessonSlug, now, nowMs: now.getTime(), lessonMinutes });
}

export type LessonProgressRow = typeof lessonProgress.$inferSelect;

/** One learner's progress rows, for one module or all of them. */
export async function progressFor(userId: string, moduleSlug?: string): Promise<LessonProgressRow[]> {
  if (moduleSlug) {
    return prepared("progressForModule", (d) =>
      d
        .select()
        .from(lessonProgress)
        .where(and(eq(lessonProgress.userId, sql.placeholder("userId")), eq(lessonProgress.moduleSlug, sql.placeholder("moduleSlug")))),
    )({ userId, moduleSlug });
  }
  return prepared("progressForUser", (d) =>
    d
      .select()
      .from(lessonProgress)
      .where(eq(lessonProgress.userId, sql.placeholder("userId"))),
  )({ userId });
}

/** Lessons of the module (as it is now) that the learner completed. */
export function completedLessonSlugs(mod: ContentModule, rows: LessonProgressRow[]) {
  const current = new Set(mod.lessons.map((l) => l.slug));
  return new Set(rows.filter((r) => r.moduleSlug === mod.slug && r.completedAt && current.has(r.lessonSlug)).map((r) => r.lessonSlug));
}

export function lastActivity(rows: LessonProgressRow[]) {
  return rows.reduce<Date | null>((max, r) => (!max || r.lastSeenAt > max ? r.lastSeenAt : max), null);
}
