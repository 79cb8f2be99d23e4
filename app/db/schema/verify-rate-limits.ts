import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * The public /verify page's rate limit: one fixed-window counter per client key (the client's
 * IP address). In the database so every app server counts the same hits (issue 28); one atomic
 * upsert per look-up (app/certificates/verify-limit.server.ts); idle rows pruned by pruneStale.
 */
export const verifyRateLimits = sqliteTable("verify_rate_limits", {
  key: text().primaryKey(),
  /** Start of the current window, a multiple of the window length. */
  windowStart: integer({ mode: "timestamp_ms" }).notNull(),
  /** Look-ups in that window, refused ones included. */
  hits: integer().notNull().default(0),
});
