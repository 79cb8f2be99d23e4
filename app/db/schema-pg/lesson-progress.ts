import { index, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { timestampMs } from "./columns";
import { users } from "./users";

/** PostgreSQL twin of app/db/schema/lesson-progress.ts (comments on the table live there). */
export const lessonProgress = pgTable(
  "lesson_progress",
  {
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    moduleSlug: text().notNull(),
    lessonSlug: text().notNull(),
    firstOpenedAt: timestampMs().notNull(),
    lastSeenAt: timestampMs().notNull(),
    completedAt: timestampMs(),
    secondsSpent: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.userId, t.moduleSlug, t.lessonSlug] }), index("lesson_progress_module_idx").on(t.moduleSlug)],
);
