import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "./users";

/**
 * One-time set-password links. Only a SHA-256 of the token is stored, so a copy of the
 * database does not hand out working links.
 */
export const passwordTokens = sqliteTable(
  "password_tokens",
  {
    tokenHash: text().primaryKey(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdBy: text().references(() => users.id),
    createdAt: integer({ mode: "timestamp_ms" }).notNull(),
    expiresAt: integer({ mode: "timestamp_ms" }).notNull(),
    usedAt: integer({ mode: "timestamp_ms" }),
  },
  (t) => [index("password_tokens_user_idx").on(t.userId)],
);
