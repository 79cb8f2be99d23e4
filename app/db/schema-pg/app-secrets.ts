import { pgTable, text } from "drizzle-orm/pg-core";
import { timestampMs } from "./columns";

/** PostgreSQL twin of app/db/schema/app-secrets.ts (comments on the table live there). */
export const appSecrets = pgTable("app_secrets", {
  name: text().primaryKey(),
  value: text().notNull(),
  createdAt: timestampMs().notNull(),
});
