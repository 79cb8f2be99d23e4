import { boolean, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { timestampMs } from "./columns";
import { users } from "./users";

/** PostgreSQL twin of app/db/schema/notification-preferences.ts (comments on the table live there). */
export const notificationPreferences = pgTable(
  "notification_preferences",
  {
    userId: text()
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    reminders: boolean().notNull().default(true),
    digests: boolean().notNull().default(true),
    unsubscribeToken: text().notNull(),
    updatedAt: timestampMs().notNull(),
  },
  (t) => [uniqueIndex("notification_preferences_token_unique").on(t.unsubscribeToken)],
);
