import { integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { timestampMs } from "./columns";
import { taskSubmissions } from "./task-submissions";

/** PostgreSQL twin of app/db/schema/submission-versions.ts (comments on the table live there). */
export const submissionVersions = pgTable(
  "submission_versions",
  {
    id: text().primaryKey(),
    submissionId: text()
      .notNull()
      .references(() => taskSubmissions.id),
    version: integer().notNull(),
    taskVersion: integer().notNull(),
    rubricHash: text().notNull(),
    text: text(),
    link: text(),
    submittedAt: timestampMs().notNull(),
  },
  (t) => [uniqueIndex("submission_versions_unique").on(t.submissionId, t.version)],
);
