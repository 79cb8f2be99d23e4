import { and, eq, sql } from "drizzle-orm";
import { prepared } from "~/db/prepared.server";
import { getDb } from "~/db/client.server";
import { lessonProgress } from "~/db/schema";
import type { ContentModule } from "~/content/model";
import { clockNow } from "~/utils/clock.server";

/**
 * Time on a lesson is measured on the server between the learner's own requests about it
 * (opening it, marking it complete), never taken from the client. A gap counts at most
 * three times the lesson's stated reading time, so a tab left open overnight adds little.
 * The rule lives in this one SQL expression, used by both writes below.
 */
const CAPPED_GAP_SECONDS = "min(max(0, (@now - last_seen_at) / 1000), @lessonMinutes * 3 * 60)";

export function recordLessonOpened(userId: string, moduleSlug: string, lessonSlug: string, lessonMinutes: number, now = clockNow()) {
  // One upsert, no read first: this runs on every lesson page view.
  const db = getDb();
  prepared(db, "lessonOpened", (d) =>
    d.$client.prepare(
      `insert into lesson_progress (user_id, module_slug, lesson_slug, first_opened_at, last_seen_at, seconds_spent)
       values (@userId, @moduleSlug, @lessonSlug, @now, @now, 0)
       on conflict (user_id, module_slug, lesson_slug) do update set
         seconds_spent = seconds_spent + ${CAPPED_GAP_SECONDS},
         last_seen_at = excluded.last_seen_at`,
    ),
  ).run({ userId, moduleSlug, lessonSlug, now: now.getTime(), lessonMinutes });
}

/** Idempotent: completing a completed lesson keeps its first completion time. One upsert, so no transaction is needed. */
export function markLessonComplete(userId: string, moduleSlug: string, lessonSlug: string, lessonMinutes: number, now = clockNow()) {
  const db = getDb();
  prepared(db, "lessonCompleted", (d) =>
    d.$client.prepare(
      `insert into lesson_progress (user_id, module_slug, lesson_slug, first_opened_at, last_seen_at, completed_at, seconds_spent)
       values (@userId, @moduleSlug, @lessonSlug, @now, @now, @now, 0)
       on conflict (user_id, module_slug, lesson_slug) do update set
         seconds_spent = seconds_spent + ${CAPPED_GAP_SECONDS},
         completed_at = coalesce(completed_at, excluded.completed_at),
         last_seen_at = excluded.last_seen_at`,
    ),
  ).run({ userId, moduleSlug, lessonSlug, now: now.getTime(), lessonMinutes });
}

export type LessonProgressRow = typeof lessonProgress.$inferSelect;

/** One learner's progress rows, for one module or all of them. */
export function progressFor(userId: string, moduleSlug?: string): LessonProgressRow[] {
  const db = getDb();
  if (moduleSlug) {
    return prepared(db, "progressForModule", (d) =>
      d
        .select()
        .from(lessonProgress)
        .where(and(eq(lessonProgress.userId, sql.placeholder("userId")), eq(lessonProgress.moduleSlug, sql.placeholder("moduleSlug"))))
        .prepare(),
    ).all({ userId, moduleSlug });
  }
  return prepared(db, "progressForUser", (d) =>
    d
      .select()
      .from(lessonProgress)
      .where(eq(lessonProgress.userId, sql.placeholder("userId")))
      .prepare(),
  ).all({ userId });
}

/** Lessons of the module (as it is now) that the learner completed. */
export function completedLessonSlugs(mod: ContentModule, rows: LessonProgressRow[]) {
  const current = new Set(mod.lessons.map((l) => l.slug));
  return new Set(rows.filter((r) => r.moduleSlug === mod.slug && r.completedAt && current.has(r.lessonSlug)).map((r) => r.lessonSlug));
}

export function lastActivity(rows: LessonProgressRow[]) {
  return rows.reduce<Date | null>((max, r) => (!max || r.lastSeenAt > max ? r.lastSeenAt : max), null);
}
