import { integer, pgTable, text } from "drizzle-orm/pg-core";
import { timestampMs } from "./columns";

/** PostgreSQL twin of app/db/schema/login-throttles.ts (comments on the table live there). */
export const loginThrottles = pgTable("login_throttles", {
  key: text().primaryKey(),
  failures: integer().notNull().default(0),
  firstFailureAt: timestampMs().notNull(),
  lastFailureAt: timestampMs().notNull(),
  lockedUntil: timestampMs(),
});
