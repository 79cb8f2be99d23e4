import { index, integer, sqliteTable, text, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";

/** A library system, a branch library or a department. Units nest through parent_id. */
export const orgUnits = sqliteTable(
  "org_units",
  {
    id: text().primaryKey(),
    name: text().notNull(),
    code: text().unique(),
    parentId: text().references((): AnySQLiteColumn => orgUnits.id, { onDelete: "restrict" }),
    createdAt: integer({ mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("org_units_parent_idx").on(t.parentId)],
);
