import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { orgUnits } from "./org-units";
import { users } from "./users";

/** The people HR marks as an org unit's lead: they receive the unit's weekly overdue digest. */
export const orgUnitLeads = sqliteTable(
  "org_unit_leads",
  {
    orgUnitId: text()
      .notNull()
      .references(() => orgUnits.id, { onDelete: "cascade" }),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdBy: text().references(() => users.id),
    createdAt: integer({ mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgUnitId, t.userId] }), index("org_unit_leads_user_idx").on(t.userId)],
);
