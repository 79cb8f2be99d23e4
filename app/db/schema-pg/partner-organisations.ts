import { pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { timestampMs } from "./columns";

/** PostgreSQL twin of app/db/schema/partner-organisations.ts (comments on the table live there). */
export const partnerOrganisations = pgTable(
  "partner_organisations",
  {
    id: text().primaryKey(),
    name: text().notNull(),
    createdAt: timestampMs().notNull(),
  },
  (t) => [uniqueIndex("partner_organisations_name_unique").on(t.name)],
);
