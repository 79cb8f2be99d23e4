// HR marks people as an org unit's lead; leads receive the unit's weekly overdue digest.
import { and, asc, eq, or } from "drizzle-orm";
import type { User } from "lucia";
import { assertCan } from "~/auth/policy.server";
import { getDb } from "~/db/client.server";
import { writeTransaction } from "~/db/write.server";
import { orgUnitLeads, orgUnits, users } from "~/db/schema";
import type { MessageKey } from "~/i18n/translate";
import { clockNow } from "~/utils/clock.server";

export function listUnitLeads(actor: Pick<User, "role">) {
  assertCan(actor, "unit-leads.manage");
  return getDb()
    .select({ orgUnitId: orgUnits.id, unitName: orgUnits.name, userId: users.id, name: users.displayName, email: users.email })
    .from(orgUnitLeads)
    .innerJoin(orgUnits, eq(orgUnits.id, orgUnitLeads.orgUnitId))
    .innerJoin(users, eq(users.id, orgUnitLeads.userId))
    .orderBy(asc(orgUnits.name), asc(users.displayName))
    .all();
}

export type AddLeadResult = { ok: true } | { ok: false; field: "orgUnitId" | "person"; message: MessageKey };

export function addUnitLead(actor: Pick<User, "id" | "role">, input: { orgUnitId: string; person: string }, now = clockNow()): AddLeadResult {
  assertCan(actor, "unit-leads.manage");
  return writeTransaction(
    (tx): AddLeadResult & { added?: string } => {
      const unit = tx.select({ id: orgUnits.id, name: orgUnits.name }).from(orgUnits).where(eq(orgUnits.id, input.orgUnitId)).get();
      if (!unit) return { ok: false, field: "orgUnitId", message: "validation.unknownOrgUnit" };
      const key = input.person.trim();
      const person = tx
        .select({ id: users.id, email: users.email })
        .from(users)
        .where(and(eq(users.active, true), or(eq(users.email, key.toLowerCase()), eq(users.staffNumber, key))))
        .get();
      if (!person) return { ok: false, field: "person", message: "validation.unknownPerson" };
      const inserted = tx
        .insert(orgUnitLeads)
        .values({ orgUnitId: unit.id, userId: person.id, createdBy: actor.id, createdAt: now })
        .onConflictDoNothing()
        .run();
      // Adding someone who already leads the unit changes nothing, so it records nothing.
      return inserted.changes > 0 ? { ok: true, added: person.id } : { ok: true };
    },
    {
      now,
      audit: (result) =>
        "added" in result && result.added
          ? { actorId: actor.id, action: "unit_lead.add", subjectType: "user", subjectId: result.added, details: { orgUnitId: input.orgUnitId } }
          : null,
    },
  );
}

export function removeUnitLead(actor: Pick<User, "id" | "role">, input: { orgUnitId: string; userId: string }, now = clockNow()) {
  assertCan(actor, "unit-leads.manage");
  writeTransaction(
    (tx) =>
      tx
        .delete(orgUnitLeads)
        .where(and(eq(orgUnitLeads.orgUnitId, input.orgUnitId), eq(orgUnitLeads.userId, input.userId)))
        .run().changes,
    {
      now,
      audit: (removed) =>
        removed > 0
          ? { actorId: actor.id, action: "unit_lead.remove", subjectType: "user", subjectId: input.userId, details: { orgUnitId: input.orgUnitId } }
          : null,
    },
  );
}
