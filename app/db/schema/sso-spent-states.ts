import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Single sign-on states already used at the callback, kept until the attempt would have expired
 * anyway, so a replayed callback (the same cookie and state) is refused. The pending attempt
 * itself lives in the browser's encrypted cookie (app/auth/sso-cookie.server.ts); a row is only
 * written by a callback that carries a cookie this server sealed, and nothing caps the table, so
 * no client can fill it for others.
 */
export const ssoSpentStates = sqliteTable(
  "sso_spent_states",
  {
    /** SHA-256 of the state, base64url. */
    stateHash: text().primaryKey(),
    expiresAt: integer({ mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("sso_spent_states_expires_idx").on(t.expiresAt)],
);
