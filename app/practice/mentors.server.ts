import { and, asc, eq } from "drizzle-orm";
import type { User } from "lucia";
import { recordAudit } from "~/audit/record.server";
import { assertCan } from "~/auth/policy.server";
import { issueSetPasswordLink } from "~/auth/password-tokens.server";
import { getDb, type Tx } from "~/db/client.server";
import { changedRows } from "~/db/sql.server";
import { writeTransaction } from "~/db/transaction.server";
import { mentorAssignments, mentorProfiles, orgUnits, partnerOrganisations, users } from "~/db/schema";
import { setUserActive } from "~/people/users.server";
import { clockNow } from "~/utils/clock.server";
import { newId } from "~/utils/ids.server";

/** Mentors with their partner organisation and assignments, for the admin page. */
export async function listMentors(actor: User) {
  assertCan(actor, "mentors.manage");
  const db = getDb();
  const mentors = await db
    .select({ id: users.id, email: users.email, displayName: users.displayName, active: users.active, organisation: partnerOrganisations.name })
    .from(users)
    .leftJoin(mentorProfiles, eq(mentorProfiles.userId, users.id))
    .leftJoin(partnerOrganisations, eq(partnerOrganisations.id, mentorProfiles.partnerOrganisationId))
    .where(eq(users.role, "mentor"))
    .orderBy(asc(users.displayName));
  const assignments = await db
    .select({ id: mentorAssignments.id, mentorId: mentorAssignments.mentorId, moduleSlug: mentorAssignments.moduleSlug, unitName: orgUnits.name })
    .from(mentorAssignments)
    .leftJoin(orgUnits, eq(orgUnits.id, mentorAssignments.orgUnitId));
  return mentors.map((m) => ({ ...m, assignments: assignments.filter((a) => a.mentorId === m.id) }));
}

async function partnerId(tx: Tx, name: string, now: Date) {
  const [existing] = await tx.select().from(partnerOrganisations).where(eq(partnerOrganisations.name, name));
  if (existing) return existing.id;
  const id = newId();
  await tx.insert(partnerOrganisations).values({ id, name, createdAt: now });
  return id;
}

export type InviteResult = { ok: true; userId: string; setPasswordUrl: string } | { ok: false; field: "email" };

/** Creates a mentor account (no password yet) in its partner organisation, and its set-password link. */
export async function inviteMentor(
  actor: User,
  input: { email: string; displayName: string; organisation: string },
  now = clockNow(),
): Promise<InviteResult> {
  assertCan(actor, "mentors.manage");
  return writeTransaction(async (tx): Promise<InviteResult> => {
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email));
    if (taken) return { ok: false, field: "email" };
    const id = newId();
    await tx
      .insert(users)
      .values({ id, email: input.email, displayName: input.displayName, role: "mentor", active: true, createdAt: now, updatedAt: now });
    await tx.insert(mentorProfiles).values({ userId: id, partnerOrganisationId: await partnerId(tx, input.organisation, now), createdAt: now });
    const link = await issueSetPasswordLink(tx, id, actor.id, now);
    await recordAudit(
      tx,
      {
        actorId: actor.id,
        action: "mentor.invite",
        subjectType: "user",
        subjectId: id,
        details: { email: input.email, organisation: input.organisation },
      },
      now,
    );
    return { ok: true, userId: id, setPasswordUrl: link.url };
  });
}

async function requireMentor(id: string) {
  const [row] = await getDb().select({ role: users.role }).from(users).where(eq(users.id, id));
  if (row?.role !== "mentor") throw new Response("Not found", { status: 404 });
}

export async function assignMentor(actor: User, mentorId: string, moduleSlug: string, orgUnitId: string | null, now = clockNow()) {
  assertCan(actor, "mentors.manage");
  await requireMentor(mentorId);
  await writeTransaction(async (tx) => {
    const inserted = await tx
      .insert(mentorAssignments)
      .values({ id: newId(), mentorId, moduleSlug, orgUnitId, createdAt: now })
      .onConflictDoNothing();
    if (changedRows(inserted) > 0)
      await recordAudit(
        tx,
        { actorId: actor.id, action: "mentor.assign", subjectType: "user", subjectId: mentorId, details: { module: moduleSlug, orgUnitId } },
        now,
      );
  });
}

export async function unassignMentor(actor: User, mentorId: string, assignmentId: string, now = clockNow()) {
  assertCan(actor, "mentors.manage");
  await writeTransaction(async (tx) => {
    const removed = await tx.delete(mentorAssignments).where(and(eq(mentorAssignments.id, assignmentId), eq(mentorAssignments.mentorId, mentorId)));
    if (changedRows(removed) > 0)
      await recordAudit(
        tx,
        { actorId: actor.id, action: "mentor.unassign", subjectType: "user", subjectId: mentorId, details: { assignmentId } },
        now,
      );
  });
}

/** Deactivating ends the mentor's sessions (people are deactivated, never deleted). */
export async function setMentorActive(actor: User, mentorId: string, active: boolean) {
  assertCan(actor, "mentors.manage");
  await requireMentor(mentorId);
  await setUserActive(actor, mentorId, active);
}
