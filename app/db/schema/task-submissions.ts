import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "./users";

export const SUBMISSION_STATES = ["draft", "submitted", "changes-requested", "approved"] as const;
export type SubmissionState = (typeof SUBMISSION_STATES)[number];

/**
 * One learner's work on one task: the editable draft lives here, every handed-in version in
 * submission_versions. "In review" is not stored: it is a submitted one with a live claim.
 * Learners are deactivated, never deleted, so their work stays with the training record.
 */
export const taskSubmissions = sqliteTable(
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
    /** Number of the latest handed-in version; 0 before the first. */
    latestVersion: integer().notNull().default(0),
    /** When the version now waiting was handed in: the queue's order. */
    submittedAt: integer({ mode: "timestamp_ms" }),
    createdAt: integer({ mode: "timestamp_ms" }).notNull(),
    updatedAt: integer({ mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("task_submissions_unique").on(t.userId, t.moduleSlug, t.taskSlug),
    index("task_submissions_queue_idx").on(t.state, t.submittedAt),
    index("task_submissions_module_idx").on(t.moduleSlug, t.state),
  ],
);
