import { index, pgTable, text, type AnyPgColumn } from "drizzle-orm/pg-core";
import { timestampMs } from "./columns";

/** PostgreSQL twin of app/db/schema/org-units.ts (comments on the table live there). */
export const orgUnits = pgTable(
  "org_units",
  {
    id: text().primaryKey(),
    name: text().notNull(),
    code: text().unique(),
    parentId: text().references((): AnyPgColumn => orgUnits.id, { onDelete: "restrict" }),
    createdAt: timestampMs().notNull(),
  },
  (t) => [index("org_units_parent_idx").on(t.parentId)],
);
