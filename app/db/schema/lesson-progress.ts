import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "./users";

/** Per user per lesson: first opened, completed, and (capped) time spent. */
export const lessonProgress = sqliteTable(
  "lesson_progress",
  {
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    moduleSlug: text().notNull(),
    lessonSlug: text().notNull(),
    firstOpenedAt: integer({ mode: "timestamp_ms" }).notNull(),
    lastSeenAt: integer({ mode: "timestamp_ms" }).notNull(),
    completedAt: integer({ mode: "timestamp_ms" }),
    secondsSpent: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.userId, t.moduleSlug, t.lessonSlug] }), index("lesson_progress_module_idx").on(t.moduleSlug)],
);
