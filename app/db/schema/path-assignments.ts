import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { ASSIGNMENT_TARGETS } from "./assignments";
import { orgUnits } from "./org-units";
import { ROLES, users } from "./users";

/**
 * A learning path assigned to one person, an org unit (with its sub-units) or a role, with a due
 * date: the twin of `assignments` for paths. Kept apart so a module assignment stays exactly
 * what it was (reports, reminders and imports read `assignments` unchanged). ADR 0031.
 */
export const pathAssignments = sqliteTable(
  "path_assignments",
  {
    id: text().primaryKey(),
    pathSlug: text().notNull(),
    targetType: text({ enum: ASSIGNMENT_TARGETS }).notNull(),
    targetUserId: text().references(() => users.id),
    targetOrgUnitId: text().references(() => orgUnits.id),
    targetRole: text({ enum: ROLES }),
    dueDate: text().notNull(),
    createdBy: text().references(() => users.id),
    createdAt: integer({ mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("path_assignments_path_idx").on(t.pathSlug),
    index("path_assignments_user_idx").on(t.targetUserId),
    index("path_assignments_org_unit_idx").on(t.targetOrgUnitId),
    check(
      "path_assignments_target_check",
      sql`(target_type = 'user' and target_user_id is not null) or (target_type = 'org_unit' and target_org_unit_id is not null) or (target_type = 'role' and target_role is not null)`,
    ),
  ],
);
