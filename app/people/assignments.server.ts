// Assigning modules to people, org units (with their sub-units) and roles. Learners see their
// assignments through app/learning/assignments.server.ts; this file writes them and lists them
// for HR.
import { writeTransaction } from "~/db/transaction.server";
import { and, asc, eq, or, sql } from "drizzle-orm";
import type { User } from "lucia";
import { recordAudit } from "~/audit/record.server";
import { pick } from "~/content/model";
import { visibleModules, type ContentState } from "~/content/registry.server";
import { getDb, type Tx } from "~/db/client.server";
import { assignments, orgUnits, users, type Locale, type Role } from "~/db/schema";
import type { MessageKey } from "~/i18n/translate";
import type { CreateAssignmentInput } from "~/schemas/assignments";
import { notifyAssignmentMade } from "~/notifications/events.server";
import { newId } from "~/utils/ids.server";
import { listOrgUnits, withDescendants } from "./org-units.server";
import { assertCan } from "~/auth/policy.server";
import { rolesWith } from "~/auth/policy";
import { clockNow } from "~/utils/clock.server";

function assertCanAssign(actor: Pick<User, "role">) {
  assertCan(actor, "assignments.manage");
}

export type AssignmentRow = {
  id: string;
  moduleSlug: string;
  moduleTitle: string;
  published: boolean;
  targetType: "user" | "org_unit" | "role";
  /** The person's name, the unit's name, or the role. */
  target: string;
  /** The person's email (for a person), else null. */
  targetDetail: string | null;
  role: Role | null;
  dueDate: string;
  covers: number;
};

/** Every assignment, soonest due first, with how many active people each one reaches. */
export async function listAssignments(actor: User, state: ContentState, locale: Locale): Promise<AssignmentRow[]> {
  assertCanAssign(actor);
  const db = getDb();
  const rowsQuery = db
    .select({
      id: assignments.id,
      moduleSlug: assignments.moduleSlug,
      targetType: assignments.targetType,
      targetRole: assignments.targetRole,
      targetOrgUnitId: assignments.targetOrgUnitId,
      dueDate: assignments.dueDate,
      userName: users.displayName,
      userEmail: users.email,
      userActive: users.active,
      unitName: orgUnits.name,
    })
    .from(assignments)
    .leftJoin(users, eq(users.id, assignments.targetUserId))
    .leftJoin(orgUnits, eq(orgUnits.id, assignments.targetOrgUnitId))
    .orderBy(asc(assignments.dueDate), asc(assignments.createdAt));
  const activeQuery = db
    .select({ unit: users.orgUnitId, role: users.role, n: sql<number>`count(*)` })
    .from(users)
    .where(eq(users.active, true))
    .groupBy(users.orgUnitId, users.role);
  const [rows, active, units] = await Promise.all([rowsQuery, activeQuery, listOrgUnits()]);
  const activeByUnit = new Map<string | null, number>();
  const activeByRole = new Map<string, number>();
  const byUnitRoles: readonly Role[] = rolesWith("assignments.by-unit");
  for (const r of active) {
    // A unit's assignment covers only the roles that take unit assignments (dueDatesFor's rule).
    if (byUnitRoles.includes(r.role)) activeByUnit.set(r.unit, (activeByUnit.get(r.unit) ?? 0) + r.n);
    activeByRole.set(r.role, (activeByRole.get(r.role) ?? 0) + r.n);
  }
  const published = new Set(visibleModules(state, "staff").map((m) => m.slug));
  return rows.map((r) => {
    const mod = state.modules.get(r.moduleSlug);
    const covers =
      r.targetType === "user"
        ? r.userActive
          ? 1
          : 0
        : r.targetType === "role"
          ? (activeByRole.get(r.targetRole ?? "") ?? 0)
          : withDescendants(r.targetOrgUnitId ?? "", units).reduce((n, id) => n + (activeByUnit.get(id) ?? 0), 0);
    return {
      id: r.id,
      moduleSlug: r.moduleSlug,
      moduleTitle: mod ? pick(mod.title, locale) : r.moduleSlug,
      published: published.has(r.moduleSlug),
      targetType: r.targetType,
      target: r.targetType === "user" ? (r.userName ?? "") : r.targetType === "org_unit" ? (r.unitName ?? "") : (r.targetRole ?? ""),
      targetDetail: r.targetType === "user" ? (r.userEmail ?? null) : null,
      role: r.targetRole,
      dueDate: r.dueDate,
      covers,
    };
  });
}

export type AssignmentTargetIds = { targetUserId?: string; targetOrgUnitId?: string; targetRole?: Role };

/**
 * The person (by email or staff number, active only), org unit or role an assignment form names.
 * Shared by module and path assignments (app/paths/assignments.server.ts).
 */
export async function resolveAssignmentTarget(
  tx: Tx,
  input: { targetType: "user"; person: string } | { targetType: "org_unit"; orgUnitId: string } | { targetType: "role"; role: Role },
): Promise<{ target: AssignmentTargetIds; label: string } | { field: "person" | "orgUnitId"; message: MessageKey }> {
  if (input.targetType === "user") {
    const key = input.person.trim();
    const person = await tx
      .select({ id: users.id, email: users.email, active: users.active })
      .from(users)
      .where(or(eq(users.email, key.toLowerCase()), eq(users.staffNumber, key)));
    // An email match wins over a staff number that happens to look the same.
    const found = person.find((p) => p.active && p.email === key.toLowerCase()) ?? person.find((p) => p.active);
    if (!found) return { field: "person", message: "validation.unknownPerson" };
    return { target: { targetUserId: found.id }, label: found.email };
  }
  if (input.targetType === "org_unit") {
    const [unit] = await tx.select({ id: orgUnits.id, name: orgUnits.name }).from(orgUnits).where(eq(orgUnits.id, input.orgUnitId));
    if (!unit) return { field: "orgUnitId", message: "validation.unknownOrgUnit" };
    return { target: { targetOrgUnitId: unit.id }, label: unit.name };
  }
  return { target: { targetRole: input.role }, label: input.role };
}

export type AssignmentResult =
  { ok: true; id: string } | { ok: false; field: "moduleSlug" | "person" | "orgUnitId" | "role" | "dueDate"; message: MessageKey };

/** Creates an assignment of a published module. `today` is the date in the app's time zone. */
export async function createAssignment(
  actor: User,
  input: CreateAssignmentInput,
  state: ContentState,
  today: string,
  now = clockNow(),
): Promise<AssignmentResult> {
  assertCanAssign(actor);
  const mod = visibleModules(state, "staff").find((m) => m.slug === input.moduleSlug);
  if (!mod) return { ok: false, field: "moduleSlug", message: "validation.unknownModule" };
  if (input.dueDate < today) return { ok: false, field: "dueDate", message: "validation.dueDatePast" };
  return writeTransaction(async (tx): Promise<AssignmentResult> => {
    const resolved = await resolveAssignmentTarget(tx, input);
    if ("field" in resolved) return { ok: false, ...resolved };
    const { target, label } = resolved;
    const sameTarget =
      input.targetType === "user"
        ? eq(assignments.targetUserId, target.targetUserId!)
        : input.targetType === "org_unit"
          ? eq(assignments.targetOrgUnitId, target.targetOrgUnitId!)
          : and(eq(assignments.targetType, "role"), eq(assignments.targetRole, input.role));
    const [duplicate] = await tx
      .select({ id: assignments.id })
      .from(assignments)
      .where(and(eq(assignments.moduleSlug, mod.slug), sameTarget))
      .limit(1);
    if (duplicate) return { ok: false, field: "moduleSlug", message: "validation.alreadyAssigned" };
    const id = newId();
    await tx
      .insert(assignments)
      .values({ id, moduleSlug: mod.slug, targetType: input.targetType, ...target, dueDate: input.dueDate, createdBy: actor.id, createdAt: now });
    await notifyAssignmentMade(tx, { ...target, moduleSlug: mod.slug, module: mod.title, dueDate: input.dueDate }, now);
    await recordAudit(
      tx,
      {
        actorId: actor.id,
        action: "assignment.create",
        subjectType: target.targetUserId ? "user" : "assignment",
        subjectId: target.targetUserId ?? id,
        details: { assignmentId: id, module: mod.slug, targetType: input.targetType, target: label, dueDate: input.dueDate },
      },
      now,
    );
    return { ok: true, id };
  });
}

async function findAssignment(id: string) {
  const [row] = await getDb()
    .select({
      id: assignments.id,
      moduleSlug: assignments.moduleSlug,
      targetType: assignments.targetType,
      targetUserId: assignments.targetUserId,
      targetRole: assignments.targetRole,
      dueDate: assignments.dueDate,
      email: users.email,
      unitName: orgUnits.name,
    })
    .from(assignments)
    .leftJoin(users, eq(users.id, assignments.targetUserId))
    .leftJoin(orgUnits, eq(orgUnits.id, assignments.targetOrgUnitId))
    .where(eq(assignments.id, id));
  if (!row) throw new Response("Not found", { status: 404 });
  return row;
}

type FoundAssignment = Awaited<ReturnType<typeof findAssignment>>;

const subjectOf = (a: FoundAssignment) =>
  a.targetUserId ? { subjectType: "user", subjectId: a.targetUserId } : { subjectType: "assignment", subjectId: a.id };
const targetOf = (a: FoundAssignment) => (a.targetType === "user" ? a.email : a.targetType === "org_unit" ? a.unitName : a.targetRole);

export async function changeDueDate(actor: User, id: string, dueDate: string, now = clockNow()) {
  assertCanAssign(actor);
  const existing = await findAssignment(id);
  if (existing.dueDate === dueDate) return;
  await writeTransaction(async (tx) => {
    await tx.update(assignments).set({ dueDate }).where(eq(assignments.id, id));
    await recordAudit(
      tx,
      {
        actorId: actor.id,
        action: "assignment.due_change",
        ...subjectOf(existing),
        details: {
          assignmentId: id,
          module: existing.moduleSlug,
          targetType: existing.targetType,
          target: targetOf(existing),
          dueDate: { from: existing.dueDate, to: dueDate },
        },
      },
      now,
    );
  });
}

export async function removeAssignment(actor: User, id: string, now = clockNow()) {
  assertCanAssign(actor);
  const existing = await findAssignment(id);
  await writeTransaction(async (tx) => {
    await tx.delete(assignments).where(eq(assignments.id, id));
    await recordAudit(
      tx,
      {
        actorId: actor.id,
        action: "assignment.delete",
        ...subjectOf(existing),
        details: {
          assignmentId: id,
          module: existing.moduleSlug,
          targetType: existing.targetType,
          target: targetOf(existing),
          dueDate: existing.dueDate,
        },
      },
      now,
    );
  });
}
