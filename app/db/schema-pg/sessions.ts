import { bigint, index, pgTable, text } from "drizzle-orm/pg-core";
import { users } from "./users";

/** PostgreSQL twin of app/db/schema/sessions.ts (comments on the table live there). */
export const sessions = pgTable(
  "sessions",
  {
    id: text().primaryKey(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    // Epoch seconds: a 32-bit integer runs out in January 2038, SQLite's INTEGER does not (ADR 0027).
    expiresAt: bigint({ mode: "number" }).notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);
