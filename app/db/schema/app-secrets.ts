import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Keys the server makes itself at first use when the environment names none (today: the key
 * that seals single sign-on cookies when SSO_COOKIE_SECRET is unset). They live with the data,
 * never in the code; a backup of the database carries them.
 */
export const appSecrets = sqliteTable("app_secrets", {
  name: text().primaryKey(),
  value: text().notNull(),
  createdAt: integer({ mode: "timestamp_ms" }).notNull(),
});
