import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { submissionVersions } from "./submission-versions";
import { taskSubmissions } from "./task-submissions";
import { users } from "./users";

export const REVIEW_DECISIONS = ["approved", "changes-requested"] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];
/** Criterion id → the level reached (1 = lowest) and the reviewer's comment. */
export type RubricScores = Record<string, { level: number; points: number; comment: string }>;

/**
 * The decision on one handed-in version. The unique version_id settles two reviewers deciding
 * at once: the second insert fails and that reviewer is told someone else decided. The
 * reviewer's name and organisation are kept as they were, for certificates.
 */
export const taskReviews = sqliteTable(
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
    scores: text({ mode: "json" }).$type<RubricScores>().notNull(),
    overallComment: text().notNull(),
    taskVersion: integer().notNull(),
    rubricHash: text().notNull(),
    decidedAt: integer({ mode: "timestamp_ms" }).notNull(),
    /** Milliseconds from hand-in to decision, for the median review time. */
    waitedMs: integer().notNull(),
  },
  (t) => [
    uniqueIndex("task_reviews_version_unique").on(t.versionId),
    index("task_reviews_submission_idx").on(t.submissionId),
    index("task_reviews_decided_idx").on(t.decidedAt),
  ],
);
