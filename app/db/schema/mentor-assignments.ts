import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { orgUnits } from "./org-units";
import { users } from "./users";

/**
 * A module a mentor reviews, for every learner (org_unit_id null) or only for learners in one
 * org unit and its sub-units.
 */
export const mentorAssignments = sqliteTable(
  "mentor_assignments",
  {
    id: text().primaryKey(),
    mentorId: text()
      .notNull()
      .references(() => users.id),
    moduleSlug: text().notNull(),
    orgUnitId: text().references(() => orgUnits.id, { onDelete: "cascade" }),
    createdAt: integer({ mode: "timestamp_ms" }).notNull(),
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
