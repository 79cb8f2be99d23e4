// HR marks people as an org unit's lead; leads receive the unit's weekly overdue digest.
import { and, asc, eq, or } from "drizzle-orm";
import type { User } from "lucia";
import { recordAudit } from "~/audit/record.server";
import { assertCan } from "~/auth/policy.server";
import { getDb } from "~/db/client.server";
import { changedRows } from "~/db/sql.server";
import { writeTransaction } from "~/db/transaction.server";
import { orgUnitLeads, orgUnits, users } from "~/db/schema";
import type { MessageKey } from "~/i18n/translate";
import { clockNow } from "~/utils/clock.server";

export async function listUnitLeads(actor: Pick<User, "role">) {
  assertCan(actor, "unit-leads.manage");
  return getDb()
    .select({ orgUnitId: orgUnits.id, unitName: orgUnits.name, userId: users.id, name: users.displayName, email: users.email })
    .from(orgUnitLeads)
    .innerJoin(orgUnits, eq(orgUnits.id, orgUnitLeads.orgUnitId))
    .innerJoin(users, eq(users.id, orgUnitLeads.userId))
    .orderBy(asc(orgUnits.name), asc(users.displayName));
}

export type AddLeadResult = { ok: true } | { ok: false; field: "orgUnitId" | "person"; message: MessageKey };

export async function addUnitLead(
  actor: Pick<User, "id" | "role">,
  input: { orgUnitId: string; person: string },
  now = clockNow(),
): Promise<AddLeadResult> {
  assertCan(actor, "unit-leads.manage");
  return writeTransaction(async (tx): Promise<AddLeadResult> => {
    const [unit] = await tx.select({ id: orgUnits.id, name: orgUnits.name }).from(orgUnits).where(eq(orgUnits.id, input.orgUnitId));
    if (!unit) return { ok: false, field: "orgUnitId", message: "validation.unknownOrgUnit" };
    const key = input.person.trim();
    const [person] = await tx
      .select({ id: users.id, email: users.email })
      .from(users)
      .where(and(eq(users.active, true), or(eq(users.email, key.toLowerCase()), eq(users.staffNumber, key))))
      .limit(1);
    if (!person) return { ok: false, field: "person", message: "validation.unknownPerson" };
    const inserted = await tx
      .insert(orgUnitLeads)
      .values({ orgUnitId: unit.id, userId: person.id, createdBy: actor.id, createdAt: now })
      .onConflictDoNothing();
    // Adding someone who already leads the unit changes nothing, so it records nothing.
    if (changedRows(inserted) > 0)
      await recordAudit(
        tx,
        { actorId: actor.id, action: "unit_lead.add", subjectType: "user", subjectId: person.id, details: { orgUnitId: input.orgUnitId } },
        now,
      );
    return { ok: true };
  });
}

export async function removeUnitLead(actor: Pick<User, "id" | "role">, input: { orgUnitId: string; userId: string }, now = clockNow()) {
  assertCan(actor, "unit-leads.manage");
  await writeTransaction(async (tx) => {
    const removed = changedRows(
      await tx.delete(orgUnitLeads).where(and(eq(orgUnitLeads.orgUnitId, input.orgUnitId), eq(orgUnitLeads.userId, input.userId))),
    );
    if (removed > 0)
      await recordAudit(
        tx,
        { actorId: actor.id, action: "unit_lead.remove", subjectType: "user", subjectId: input.userId, details: { orgUnitId: input.orgUnitId } },
        now,
      );
  });
}
