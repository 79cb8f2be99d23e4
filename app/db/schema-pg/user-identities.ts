import { index, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { timestampMs } from "./columns";
import { users } from "./users";

/** PostgreSQL twin of app/db/schema/user-identities.ts (comments on the table live there). */
export const userIdentities = pgTable(
  "user_identities",
  {
    id: text().primaryKey(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    issuer: text().notNull(),
    subject: text().notNull(),
    emailAtLink: text().notNull(),
    createdAt: timestampMs().notNull(),
    lastLoginAt: timestampMs().notNull(),
  },
  (t) => [uniqueIndex("user_identities_issuer_subject_unique").on(t.issuer, t.subject), index("user_identities_user_idx").on(t.userId)],
);
