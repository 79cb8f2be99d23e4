import { index, pgTable, text } from "drizzle-orm/pg-core";
import { timestampMs } from "./columns";
import { taskSubmissions } from "./task-submissions";
import { users } from "./users";

/** PostgreSQL twin of app/db/schema/review-claims.ts (comments on the table live there). */
export const reviewClaims = pgTable(
  "review_claims",
  {
    submissionId: text()
      .primaryKey()
      .references(() => taskSubmissions.id),
    reviewerId: text()
      .notNull()
      .references(() => users.id),
    expiresAt: timestampMs().notNull(),
  },
  (t) => [index("review_claims_reviewer_idx").on(t.reviewerId)],
);
