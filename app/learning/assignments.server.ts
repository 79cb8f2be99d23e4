import { and, eq, inArray, or } from "drizzle-orm";
import type { User } from "lucia";
import { getDb } from "~/db/client.server";
import { assignments } from "~/db/schema";
import { listOrgUnits } from "~/people/org-units.server";

/** A unit and every unit above it: an assignment to a library system reaches its branches. */
export function unitAndAncestors(unitId: string | null, units = listOrgUnits()): string[] {
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

/**
 * The modules assigned to one person, directly, through their org unit (or a unit above it)
 * or their role. When several assignments name the same module, the earliest due date counts.
 */
export function assignmentsForUser(user: Pick<User, "id" | "role" | "orgUnitId">): Map<string, MyAssignment> {
  const units = unitAndAncestors(user.orgUnitId);
  const conditions = [eq(assignments.targetUserId, user.id), and(eq(assignments.targetType, "role"), eq(assignments.targetRole, user.role))];
  if (units.length > 0) conditions.push(inArray(assignments.targetOrgUnitId, units));
  const rows = getDb()
    .select({ moduleSlug: assignments.moduleSlug, dueDate: assignments.dueDate })
    .from(assignments)
    .where(or(...conditions))
    .all();
  const out = new Map<string, MyAssignment>();
  for (const r of rows) {
    const prev = out.get(r.moduleSlug);
    if (!prev || r.dueDate < prev.dueDate) out.set(r.moduleSlug, r);
  }
  return out;
}

/** Overdue is derived: due before today (in the app's time zone) and not passed. */
export function isOverdue(dueDate: string, passed: boolean, today: string) {
  return !passed && dueDate < today;
}
