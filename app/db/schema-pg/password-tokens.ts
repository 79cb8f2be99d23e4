import { index, pgTable, text } from "drizzle-orm/pg-core";
import { timestampMs } from "./columns";
import { users } from "./users";

/** PostgreSQL twin of app/db/schema/password-tokens.ts (comments on the table live there). */
export const passwordTokens = pgTable(
  "password_tokens",
  {
    tokenHash: text().primaryKey(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdBy: text().references(() => users.id),
    createdAt: timestampMs().notNull(),
    expiresAt: timestampMs().notNull(),
    usedAt: timestampMs(),
  },
  (t) => [index("password_tokens_user_idx").on(t.userId)],
);
