import { integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** An outside partner mentors come from (a regency's communication office, a university media department). */
export const partnerOrganisations = sqliteTable(
  "partner_organisations",
  {
    id: text().primaryKey(),
    name: text().notNull(),
    createdAt: integer({ mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("partner_organisations_name_unique").on(t.name)],
);
