import { sql } from "drizzle-orm";
import { index, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { timestampMs } from "./columns";
import { orgUnits } from "./org-units";
import { users } from "./users";

/** PostgreSQL twin of app/db/schema/mentor-assignments.ts (comments on the table live there). */
export const mentorAssignments = pgTable(
  "mentor_assignments",
  {
    id: text().primaryKey(),
    mentorId: text()
      .notNull()
      .references(() => users.id),
    moduleSlug: text().notNull(),
    orgUnitId: text().references(() => orgUnits.id, { onDelete: "cascade" }),
    createdAt: timestampMs().notNull(),
  },
  (t) => [
    uniqueIndex("mentor_assignments_all_units_unique")
      .on(t.mentorId, t.moduleSlug)
      .where(sql`org_unit_id is null`),
    uniqueIndex("mentor_assignments_unit_unique")
      .on(t.mentorId, t.moduleSlug, t.orgUnitId)
      .where(sql`org_unit_id is not null`),
    index("mentor_assignments_module_idx").on(t.moduleSlug),
  ],
);
