// Messages caused by events in other areas, each called inside that event's transaction.
import { and, eq, inArray, isNull, or, sql } from "drizzle-orm";
import { rolesWith } from "~/auth/policy";
import type { Bilingual } from "~/content/model";
import type { Tx } from "~/db/client.server";
import { certificates, orgUnits, users, type Role } from "~/db/schema";
import { withDescendants } from "~/utils/org-tree";
import { enqueueFor } from "./enqueue.server";

type Target = { targetUserId?: string; targetOrgUnitId?: string; targetRole?: Role };

/**
 * "Assignment made" to every active person the new assignment reaches (a person, a unit with
 * its sub-units, or a role), except those who already hold a valid certificate for the module.
 */
export async function notifyAssignmentMade(
  tx: Tx,
  a: Target & { moduleSlug: string; module: Bilingual; dueDate: string },
  now: Date,
): Promise<number> {
  let where;
  if (a.targetUserId) where = eq(users.id, a.targetUserId);
  else if (a.targetOrgUnitId) {
    const units = await tx.select({ id: orgUnits.id, parentId: orgUnits.parentId }).from(orgUnits);
    // The one rule (dueDatesFor): a unit's assignment reaches the roles that take unit assignments.
    where = and(inArray(users.orgUnitId, withDescendants(a.targetOrgUnitId, units)), inArray(users.role, [...rolesWith("assignments.by-unit")]));
  } else if (a.targetRole) where = eq(users.role, a.targetRole);
  else return 0;
  // Grouped by the primary key, so the other columns of users may be selected on PostgreSQL too.
  const people = await tx
    .select({ id: users.id, email: users.email, displayName: users.displayName, locale: users.locale, active: users.active })
    .from(users)
    .leftJoin(
      certificates,
      and(
        eq(certificates.userId, users.id),
        eq(certificates.moduleSlug, a.moduleSlug),
        isNull(certificates.revokedAt),
        or(isNull(certificates.expiresAt), sql`${certificates.expiresAt} > ${now.getTime()}`),
      ),
    )
    .where(and(where, eq(users.active, true), isNull(certificates.id)))
    .groupBy(users.id);
  for (const person of people) {
    await enqueueFor(
      tx,
      person,
      { kind: "assignment_made", userId: person.id, data: { module: a.module, moduleSlug: a.moduleSlug, dueDate: a.dueDate } },
      now,
    );
  }
  return people.length;
}
