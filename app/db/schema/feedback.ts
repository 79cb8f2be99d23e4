import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "./users";

export const FEEDBACK_SUBJECTS = ["session", "module"] as const;
export type FeedbackSubject = (typeof FEEDBACK_SUBJECTS)[number];

/**
 * A learner's short rating (1 to 5) and comment on a live session they attended or a module
 * they finished; one per person and subject (a second one replaces the first). Whether hosts
 * see who wrote it is the organisation's choice (FEEDBACK_ANONYMOUS); the row always keeps the
 * author so the one-per-person rule holds.
 */
export const feedback = sqliteTable(
  "feedback",
  {
    id: text().primaryKey(),
    userId: text()
      .notNull()
      .references(() => users.id),
    subjectType: text({ enum: FEEDBACK_SUBJECTS }).notNull(),
    /** a live session's id or a module's slug */
    subjectId: text().notNull(),
    rating: integer().notNull(),
    comment: text().notNull().default(""),
    createdAt: integer({ mode: "timestamp_ms" }).notNull(),
    updatedAt: integer({ mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("feedback_unique").on(t.userId, t.subjectType, t.subjectId),
    index("feedback_subject_idx").on(t.subjectType, t.subjectId),
    check("feedback_rating_check", sql`rating between 1 and 5`),
  ],
);
