import { index, pgTable, text } from "drizzle-orm/pg-core";
import { timestampMs } from "./columns";
import { users } from "./users";

/** PostgreSQL twin of app/db/schema/notifications.ts (comments on the table live there). */
export const notifications = pgTable(
  "notifications",
  {
    id: text().primaryKey(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text().notNull(),
    title: text().notNull(),
    body: text().notNull(),
    link: text(),
    createdAt: timestampMs().notNull(),
    readAt: timestampMs(),
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.readAt, t.createdAt)],
);
