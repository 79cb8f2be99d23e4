import { and, eq } from "drizzle-orm";
import { getDb } from "~/db/client.server";
import { lessonProgress } from "~/db/schema";
import type { ContentModule } from "~/content/model";

/**
 * Time on a lesson is measured on the server between the learner's own requests about it
 * (opening it, marking it complete), never taken from the client. A gap counts at most
 * three times the lesson's stated reading time, so a tab left open overnight adds little.
 */
export function cappedSeconds(lastSeenAt: Date, now: Date, lessonMinutes: number) {
  const gap = Math.max(0, Math.floor((now.getTime() - lastSeenAt.getTime()) / 1000));
  return Math.min(gap, lessonMinutes * 3 * 60);
}

export function recordLessonOpened(userId: string, moduleSlug: string, lessonSlug: string, lessonMinutes: number, now = new Date()) {
  const db = getDb();
  db.transaction((tx) => {
    const row = tx
      .select()
      .from(lessonProgress)
      .where(and(eq(lessonProgress.userId, userId), eq(lessonProgress.moduleSlug, moduleSlug), eq(lessonProgress.lessonSlug, lessonSlug)))
      .get();
    if (!row) {
      tx.insert(lessonProgress)
        .values({ userId, moduleSlug, lessonSlug, firstOpenedAt: now, lastSeenAt: now, secondsSpent: 0 })
        .onConflictDoNothing()
        .run();
      return;
    }
    tx.update(lessonProgress)
      .set({ lastSeenAt: now, secondsSpent: row.secondsSpent + cappedSeconds(row.lastSeenAt, now, lessonMinutes) })
      .where(and(eq(lessonProgress.userId, userId), eq(lessonProgress.moduleSlug, moduleSlug), eq(lessonProgress.lessonSlug, lessonSlug)))
      .run();
  }, { behavior: "immediate" });
}

/** Idempotent: completing a completed lesson keeps its first completion time. */
export function markLessonComplete(userId: string, moduleSlug: string, lessonSlug: string, lessonMinutes: number, now = new Date()) {
  const db = getDb();
  db.transaction((tx) => {
    const row = tx
      .select()
      .from(lessonProgress)
      .where(and(eq(lessonProgress.userId, userId), eq(lessonProgress.moduleSlug, moduleSlug), eq(lessonProgress.lessonSlug, lessonSlug)))
      .get();
    if (!row) {
      tx.insert(lessonProgress)
        .values({ userId, moduleSlug, lessonSlug, firstOpenedAt: now, lastSeenAt: now, completedAt: now, secondsSpent: 0 })
        .run();
      return;
    }
    tx.update(lessonProgress)
      .set({
        lastSeenAt: now,
        completedAt: row.completedAt ?? now,
        secondsSpent: row.secondsSpent + cappedSeconds(row.lastSeenAt, now, lessonMinutes),
      })
      .where(and(eq(lessonProgress.userId, userId), eq(lessonProgress.moduleSlug, moduleSlug), eq(lessonProgress.lessonSlug, lessonSlug)))
      .run();
  }, { behavior: "immediate" });
}

export type LessonProgressRow = typeof lessonProgress.$inferSelect;

/** One learner's progress rows, for one module or all of them. */
export function progressFor(userId: string, moduleSlug?: string): LessonProgressRow[] {
  const where = moduleSlug
    ? and(eq(lessonProgress.userId, userId), eq(lessonProgress.moduleSlug, moduleSlug))
    : eq(lessonProgress.userId, userId);
  return getDb().select().from(lessonProgress).where(where).all();
}

/** Lessons of the module (as it is now) that the learner completed. */
export function completedLessonSlugs(mod: ContentModule, rows: LessonProgressRow[]) {
  const current = new Set(mod.lessons.map((l) => l.slug));
  return new Set(rows.filter((r) => r.moduleSlug === mod.slug && r.completedAt && current.has(r.lessonSlug)).map((r) => r.lessonSlug));
}

export function lastActivity(rows: LessonProgressRow[]) {
  return rows.reduce<Date | null>((max, r) => (!max || r.lastSeenAt > max ? r.lastSeenAt : max), null);
}

