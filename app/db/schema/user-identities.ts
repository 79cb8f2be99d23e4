import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "./users";

/**
 * A person's account at an OpenID provider, linked to their Pustaka Academy account. The link is
 * keyed by issuer and subject (never by email), so a later email change at the provider still
 * finds the person.
 */
export const userIdentities = sqliteTable(
  "user_identities",
  {
    id: text().primaryKey(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    issuer: text().notNull(),
    subject: text().notNull(),
    /** The email the provider gave when the link was made (for the audit trail and support). */
    emailAtLink: text().notNull(),
    createdAt: integer({ mode: "timestamp_ms" }).notNull(),
    lastLoginAt: integer({ mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("user_identities_issuer_subject_unique").on(t.issuer, t.subject), index("user_identities_user_idx").on(t.userId)],
);

export type UserIdentity = typeof userIdentities.$inferSelect;
