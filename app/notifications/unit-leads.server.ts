// HR marks people as an org unit's lead; leads receive the unit's weekly overdue digest.
import { and, asc, eq, or } from "drizzle-orm";
import type { User } from "lucia";
import { assertCan } from "~/auth/policy.server";
import { getDb } from "~/db/client.server";
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
  return getDb().transaction(
    (tx): AddLeadResult => {
      const unit = tx.select({ id: orgUnits.id, name: orgUnits.name }).from(orgUnits).where(eq(orgUnits.id, input.orgUnitId)).get();
      if (!unit) return { ok: false, field: "orgUnitId", message: "validation.unknownOrgUnit" };
      const key = input.person.trim();
      const person = tx
        .select({ id: users.id, email: users.email })
        .from(users)
        .where(and(eq(users.active, true), or(eq(users.email, key.toLowerCase()), eq(users.staffNumber, key))))
        .get();
      if (!person) return { ok: false, field: "person", message: "validation.unknownPerson" };
      tx.insert(orgUnitLeads).values({ orgUnitId: unit.id, userId: person.id, createdBy: actor.id, createdAt: now }).onConflictDoNothing().run();
      return { ok: true };
    },
    { behavior: "immediate" },
  );
}

export function removeUnitLead(actor: Pick<User, "id" | "role">, input: { orgUnitId: string; userId: string }) {
  assertCan(actor, "unit-leads.manage");
  getDb()
    .delete(orgUnitLeads)
    .where(and(eq(orgUnitLeads.orgUnitId, input.orgUnitId), eq(orgUnitLeads.userId, input.userId)))
    .run();
}
