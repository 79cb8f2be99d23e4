import { integer, pgTable, text } from "drizzle-orm/pg-core";
import { timestampMs } from "./columns";

/** PostgreSQL twin of app/db/schema/verify-rate-limits.ts (comments on the table live there). */
export const verifyRateLimits = pgTable("verify_rate_limits", {
  key: text().primaryKey(),
  windowStart: timestampMs().notNull(),
  hits: integer().notNull().default(0),
});
