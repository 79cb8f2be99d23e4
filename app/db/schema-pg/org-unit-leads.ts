import { index, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { timestampMs } from "./columns";
import { orgUnits } from "./org-units";
import { users } from "./users";

/** PostgreSQL twin of app/db/schema/org-unit-leads.ts (comments on the table live there). */
export const orgUnitLeads = pgTable(
  "org_unit_leads",
  {
    orgUnitId: text()
      .notNull()
      .references(() => orgUnits.id, { onDelete: "cascade" }),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdBy: text().references(() => users.id),
    createdAt: timestampMs().notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgUnitId, t.userId] }), index("org_unit_leads_user_idx").on(t.userId)],
);
