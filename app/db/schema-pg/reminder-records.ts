import { pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { timestampMs } from "./columns";
import { users } from "./users";

/** PostgreSQL twin of app/db/schema/reminder-records.ts (comments on the table live there). */
export const reminderRecords = pgTable(
  "reminder_records",
  {
    id: text().primaryKey(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    item: text().notNull(),
    kind: text().notNull(),
    cycle: text().notNull(),
    createdAt: timestampMs().notNull(),
  },
  (t) => [uniqueIndex("reminder_records_unique").on(t.userId, t.item, t.kind, t.cycle)],
);
