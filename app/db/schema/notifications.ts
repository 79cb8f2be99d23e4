import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "./users";

/** An in-app notice, shown on the notifications page with an unread count in the header. */
export const notifications = sqliteTable(
  "notifications",
  {
    id: text().primaryKey(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text().notNull(),
    /** Rendered in the recipient's language when the event happened. */
    title: text().notNull(),
    body: text().notNull(),
    /** An app path such as /learn/module-slug, or null. */
    link: text(),
    createdAt: integer({ mode: "timestamp_ms" }).notNull(),
    readAt: integer({ mode: "timestamp_ms" }),
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.readAt, t.createdAt)],
);
