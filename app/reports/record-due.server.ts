// Due dates in the training record: the few assignment rows are read once and resolved per
// person in memory with dueDatesFor(), the rule assignmentsForUser() applies to one person.
import { getDb } from "~/db/client.server";
import { assignments } from "~/db/schema";
import { ASSIGNMENT_TARGET_COLUMNS, dueDatesFor, unitAndAncestors, type AssignmentTarget, type MyAssignment } from "~/learning/assignments.server";
import type { OrgUnit } from "~/people/org-units.server";
import type { UserRecord } from "./record-chunk.server";

export type DueFor = (user: Pick<UserRecord, "id" | "orgUnitId" | "role">) => Map<string, MyAssignment>;

/**
 * A person's assigned modules with their due dates. People of the same unit and role share
 * the result of the unit and role assignments; only people assigned directly get their own.
 */
export async function dueIndex(units: Pick<OrgUnit, "id" | "parentId">[]): Promise<DueFor> {
  const rows = await getDb().select(ASSIGNMENT_TARGET_COLUMNS).from(assignments);
  const shared: AssignmentTarget[] = [];
  const direct = new Map<string, AssignmentTarget[]>();
  for (const r of rows) {
    if (r.targetUserId === null) shared.push(r);
    else direct.set(r.targetUserId, [...(direct.get(r.targetUserId) ?? []), r]);
  }
  const chains = new Map<string, string[]>();
  const chainOf = (unitId: string | null) => {
    if (unitId === null) return [];
    let chain = chains.get(unitId);
    if (!chain) chains.set(unitId, (chain = unitAndAncestors(unitId, units)));
    return chain;
  };
  const common = new Map<string, Map<string, MyAssignment>>();
  return (user) => {
    const own = direct.get(user.id);
    if (own) return dueDatesFor([...shared, ...own], user, chainOf(user.orgUnitId));
    const key = `${user.orgUnitId ?? ""}|${user.role}`;
    let dues = common.get(key);
    if (!dues) common.set(key, (dues = dueDatesFor(shared, user, chainOf(user.orgUnitId))));
    return dues;
  };
}
