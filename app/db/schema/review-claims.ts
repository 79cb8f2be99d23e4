import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { taskSubmissions } from "./task-submissions";
import { users } from "./users";

/** Who is reviewing a submission, until when. One row per submission; an expired claim may be taken over. */
export const reviewClaims = sqliteTable(
  "review_claims",
  {
    submissionId: text()
      .primaryKey()
      .references(() => taskSubmissions.id),
    reviewerId: text()
      .notNull()
      .references(() => users.id),
    expiresAt: integer({ mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("review_claims_reviewer_idx").on(t.reviewerId)],
);
