import { integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "./users";

/**
 * Which optional emails a person receives. No row means the defaults (everything on). The
 * unsubscribe token lets a one-click link in an email turn a kind off without logging in.
 */
export const notificationPreferences = sqliteTable(
  "notification_preferences",
  {
    userId: text()
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    reminders: integer({ mode: "boolean" }).notNull().default(true),
    digests: integer({ mode: "boolean" }).notNull().default(true),
    unsubscribeToken: text().notNull(),
    updatedAt: integer({ mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("notification_preferences_token_unique").on(t.unsubscribeToken)],
);
