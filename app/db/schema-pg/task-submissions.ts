import { index, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { SUBMISSION_STATES } from "../schema/task-submissions";
import { timestampMs } from "./columns";
import { users } from "./users";

/** PostgreSQL twin of app/db/schema/task-submissions.ts (comments on the table live there). */
export const taskSubmissions = pgTable(
  "task_submissions",
  {
    id: text().primaryKey(),
    userId: text()
      .notNull()
      .references(() => users.id),
    moduleSlug: text().notNull(),
    taskSlug: text().notNull(),
    state: text({ enum: SUBMISSION_STATES }).notNull().default("draft"),
    draftText: text(),
    draftLink: text(),
    latestVersion: integer().notNull().default(0),
    submittedAt: timestampMs(),
    createdAt: timestampMs().notNull(),
    updatedAt: timestampMs().notNull(),
  },
  (t) => [
    uniqueIndex("task_submissions_unique").on(t.userId, t.moduleSlug, t.taskSlug),
    index("task_submissions_queue_idx").on(t.state, t.submittedAt),
    index("task_submissions_module_idx").on(t.moduleSlug, t.state),
  ],
);
