import { sql } from "drizzle-orm";
import { check, index, pgTable, text } from "drizzle-orm/pg-core";
import { ASSIGNMENT_TARGETS } from "../schema/assignments";
import { ROLES } from "../schema/users";
import { timestampMs } from "./columns";
import { orgUnits } from "./org-units";
import { users } from "./users";

/** PostgreSQL twin of app/db/schema/path-assignments.ts (comments on the table live there). */
export const pathAssignments = pgTable(
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
    createdAt: timestampMs().notNull(),
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
