import { and, eq, inArray, or } from "drizzle-orm";
import type { User } from "lucia";
import { can } from "~/auth/policy";
import { getDb } from "~/db/client.server";
import { assignments } from "~/db/schema";
import { listOrgUnits, type OrgUnit } from "~/people/org-units.server";

/** A unit and every unit above it (among `units`): an assignment to a library system reaches its branches. */
export function unitAndAncestors(unitId: string | null, units: Pick<OrgUnit, "id" | "parentId">[]): string[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const out: string[] = [];
  let current = unitId ? byId.get(unitId) : undefined;
  while (current && !out.includes(current.id)) {
    out.push(current.id);
    current = current.parentId ? byId.get(current.parentId) : undefined;
  }
  return out;
}

export type MyAssignment = { moduleSlug: string; dueDate: string };

export type AssignmentTarget = Pick<
  typeof assignments.$inferSelect,
  "moduleSlug" | "targetType" | "targetUserId" | "targetOrgUnitId" | "targetRole" | "dueDate"
>;

/**
 * The modules assigned to one person among `rows`: directly, through their role, or through their
 * org unit or a unit above it (`unitChain`, from unitAndAncestors) if their role takes unit
 * assignments (`assignments.by-unit`: staff; HR, trainers and admins of a unit are not expected
 * to take its training). When several assignments name the same module, the earliest due date
 * counts. The one rule; the training record, assignment mail and reminders apply it too.
 */
export function dueDatesFor(
  rows: Iterable<AssignmentTarget>,
  user: Pick<User, "id" | "role">,
  unitChain: readonly string[],
): Map<string, MyAssignment> {
  const out = new Map<string, MyAssignment>();
  const byUnit = can(user, "assignments.by-unit");
  for (const r of rows) {
    const reaches =
      r.targetUserId === user.id ||
      (r.targetType === "role" && r.targetRole === user.role) ||
      (byUnit && r.targetOrgUnitId !== null && unitChain.includes(r.targetOrgUnitId));
    if (!reaches) continue;
    const prev = out.get(r.moduleSlug);
    if (!prev || r.dueDate < prev.dueDate) out.set(r.moduleSlug, { moduleSlug: r.moduleSlug, dueDate: r.dueDate });
  }
  return out;
}

export const ASSIGNMENT_TARGET_COLUMNS = {
  moduleSlug: assignments.moduleSlug,
  targetType: assignments.targetType,
  targetUserId: assignments.targetUserId,
  targetOrgUnitId: assignments.targetOrgUnitId,
  targetRole: assignments.targetRole,
  dueDate: assignments.dueDate,
};

/** The modules assigned to one person (see dueDatesFor), read with one indexed query. */
export async function assignmentsForUser(user: Pick<User, "id" | "role" | "orgUnitId">): Promise<Map<string, MyAssignment>> {
  const units = user.orgUnitId ? unitAndAncestors(user.orgUnitId, await listOrgUnits()) : [];
  const conditions = [eq(assignments.targetUserId, user.id), and(eq(assignments.targetType, "role"), eq(assignments.targetRole, user.role))];
  if (units.length > 0) conditions.push(inArray(assignments.targetOrgUnitId, units));
  const rows = await getDb()
    .select(ASSIGNMENT_TARGET_COLUMNS)
    .from(assignments)
    .where(or(...conditions));
  return dueDatesFor(rows, user, units);
}

/** Overdue is derived: due before today (in the app's time zone) and not passed. */
export function isOverdue(dueDate: string, passed: boolean, today: string) {
  return !passed && dueDate < today;
}
