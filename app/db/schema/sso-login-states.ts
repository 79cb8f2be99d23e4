import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * One row per single sign-on attempt under way: the state, nonce and PKCE verifier checked when
 * the provider sends the person back. The browser holds only the row's random id in a cookie,
 * so no signing secret is needed; a row is used once and expires after a few minutes.
 */
export const ssoLoginStates = sqliteTable(
  "sso_login_states",
  {
    id: text().primaryKey(),
    state: text().notNull(),
    nonce: text().notNull(),
    codeVerifier: text().notNull(),
    redirectTo: text().notNull(),
    createdAt: integer({ mode: "timestamp_ms" }).notNull(),
    expiresAt: integer({ mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("sso_login_states_expires_idx").on(t.expiresAt)],
);
