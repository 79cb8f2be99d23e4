import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { submissionVersions } from "./submission-versions";
import { taskSubmissions } from "./task-submissions";

export const SUBMISSION_FILE_KINDS = ["image", "file"] as const;

/**
 * An uploaded image or document. version_id is null while it belongs to the draft; handing in
 * sets it, and a later draft gets its own rows pointing at the same stored blob (blobs are
 * never rewritten, so a handed-in version cannot change).
 */
export const submissionFiles = sqliteTable(
  "submission_files",
  {
    id: text().primaryKey(),
    submissionId: text()
      .notNull()
      .references(() => taskSubmissions.id),
    versionId: text().references(() => submissionVersions.id),
    kind: text({ enum: SUBMISSION_FILE_KINDS }).notNull(),
    /** Random name under UPLOADS_DIR, never derived from the uploaded name. */
    storedName: text().notNull(),
    originalName: text().notNull(),
    mimeType: text().notNull(),
    extension: text().notNull(),
    size: integer().notNull(),
    altText: text(),
    createdAt: integer({ mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("submission_files_submission_idx").on(t.submissionId, t.versionId)],
);
