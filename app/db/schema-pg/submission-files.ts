import { index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { SUBMISSION_FILE_KINDS } from "../schema/submission-files";
import { timestampMs } from "./columns";
import { submissionVersions } from "./submission-versions";
import { taskSubmissions } from "./task-submissions";

/** PostgreSQL twin of app/db/schema/submission-files.ts (comments on the table live there). */
export const submissionFiles = pgTable(
  "submission_files",
  {
    id: text().primaryKey(),
    submissionId: text()
      .notNull()
      .references(() => taskSubmissions.id),
    versionId: text().references(() => submissionVersions.id),
    kind: text({ enum: SUBMISSION_FILE_KINDS }).notNull(),
    storedName: text().notNull(),
    originalName: text().notNull(),
    mimeType: text().notNull(),
    extension: text().notNull(),
    size: integer().notNull(),
    altText: text(),
    createdAt: timestampMs().notNull(),
  },
  (t) => [index("submission_files_submission_idx").on(t.submissionId, t.versionId)],
);
