import { bigint, index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { REVIEW_DECISIONS, type RubricScores } from "../schema/task-reviews";
import { timestampMs } from "./columns";
import { submissionVersions } from "./submission-versions";
import { taskSubmissions } from "./task-submissions";
import { users } from "./users";

/** PostgreSQL twin of app/db/schema/task-reviews.ts (comments on the table live there). */
export const taskReviews = pgTable(
  "task_reviews",
  {
    id: text().primaryKey(),
    submissionId: text()
      .notNull()
      .references(() => taskSubmissions.id),
    versionId: text()
      .notNull()
      .references(() => submissionVersions.id),
    reviewerId: text()
      .notNull()
      .references(() => users.id),
    reviewerName: text().notNull(),
    reviewerOrganisation: text(),
    decision: text({ enum: REVIEW_DECISIONS }).notNull(),
    scores: jsonb().$type<RubricScores>().notNull(),
    overallComment: text().notNull(),
    taskVersion: integer().notNull(),
    rubricHash: text().notNull(),
    decidedAt: timestampMs().notNull(),
    // Milliseconds: a 32-bit integer overflows after 24.8 days of waiting, SQLite's INTEGER does not (ADR 0027).
    waitedMs: bigint({ mode: "number" }).notNull(),
  },
  (t) => [
    uniqueIndex("task_reviews_version_unique").on(t.versionId),
    index("task_reviews_submission_idx").on(t.submissionId),
    index("task_reviews_decided_idx").on(t.decidedAt),
  ],
);
