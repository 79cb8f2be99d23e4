import { integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "./users";

/**
 * A reminder that was sent: one row per person, item (an assignment's module, a certificate,
 * a digest), kind and cycle (the due date, the overdue week, the digest's week). The unique
 * index makes a rerun, a restart or a second worker a no-op.
 */
export const reminderRecords = sqliteTable(
  "reminder_records",
  {
    id: text().primaryKey(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    item: text().notNull(),
    kind: text().notNull(),
    cycle: text().notNull(),
    createdAt: integer({ mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("reminder_records_unique").on(t.userId, t.item, t.kind, t.cycle)],
);
