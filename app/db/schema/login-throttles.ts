import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Failed-login counters, one row per key ("email:<address>" or "ip:<address>").
 * Kept in the database so a restart does not reset an attacker's count.
 */
export const loginThrottles = sqliteTable("login_throttles", {
  key: text().primaryKey(),
  failures: integer().notNull().default(0),
  firstFailureAt: integer({ mode: "timestamp_ms" }).notNull(),
  lastFailureAt: integer({ mode: "timestamp_ms" }).notNull(),
  lockedUntil: integer({ mode: "timestamp_ms" }),
});
