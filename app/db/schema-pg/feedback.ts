import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { FEEDBACK_SUBJECTS } from "../schema/feedback";
import { timestampMs } from "./columns";
import { users } from "./users";

/** PostgreSQL twin of app/db/schema/feedback.ts (comments on the table live there). */
export const feedback = pgTable(
  "feedback",
  {
    id: text().primaryKey(),
    userId: text()
      .notNull()
      .references(() => users.id),
    subjectType: text({ enum: FEEDBACK_SUBJECTS }).notNull(),
    subjectId: text().notNull(),
    rating: integer().notNull(),
    comment: text().notNull().default(""),
    createdAt: timestampMs().notNull(),
    updatedAt: timestampMs().notNull(),
  },
  (t) => [
    uniqueIndex("feedback_unique").on(t.userId, t.subjectType, t.subjectId),
    index("feedback_subject_idx").on(t.subjectType, t.subjectId),
    check("feedback_rating_check", sql`rating between 1 and 5`),
  ],
);
