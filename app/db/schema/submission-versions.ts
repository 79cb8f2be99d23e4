import { integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { taskSubmissions } from "./task-submissions";

/** A handed-in version: written once, never updated (the decision lives in reviews). */
export const submissionVersions = sqliteTable(
  "submission_versions",
  {
    id: text().primaryKey(),
    submissionId: text()
      .notNull()
      .references(() => taskSubmissions.id),
    version: integer().notNull(),
    /** The task's `version` and a hash of its rubric when handed in. */
    taskVersion: integer().notNull(),
    rubricHash: text().notNull(),
    text: text(),
    link: text(),
    submittedAt: integer({ mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("submission_versions_unique").on(t.submissionId, t.version)],
);
