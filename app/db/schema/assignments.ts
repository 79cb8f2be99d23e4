import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { orgUnits } from "./org-units";
import { ROLES, users } from "./users";

export const ASSIGNMENT_TARGETS = ["user", "org_unit", "role"] as const;

/**
 * A module assigned to one person, an org unit (with its sub-units) or a role, with a due date.
 * Overdue is derived when read, never stored.
 */
export const assignments = sqliteTable(
  "assignments",
  {
    id: text().primaryKey(),
    moduleSlug: text().notNull(),
    targetType: text({ enum: ASSIGNMENT_TARGETS }).notNull(),
    targetUserId: text().references(() => users.id),
    targetOrgUnitId: text().references(() => orgUnits.id),
    targetRole: text({ enum: ROLES }),
    dueDate: text().notNull(),
    createdBy: text().references(() => users.id),
    createdAt: integer({ mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("assignments_module_idx").on(t.moduleSlug),
    index("assignments_user_idx").on(t.targetUserId),
    index("assignments_org_unit_idx").on(t.targetOrgUnitId),
    check(
      "assignments_target_check",
      sql`(target_type = 'user' and target_user_id is not null) or (target_type = 'org_unit' and target_org_unit_id is not null) or (target_type = 'role' and target_role is not null)`,
    ),
  ],
);
