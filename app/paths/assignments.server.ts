// Assigning learning paths to people, org units (with their sub-units) and roles, and which paths
// reach one learner. The same rules as module assignments (app/people/assignments.server.ts,
// app/learning/assignments.server.ts), on their own table (ADR 0031).
import { and, asc, eq, inArray, or } from "drizzle-orm";
import type { User } from "lucia";
import { recordAudit } from "~/audit/record.server";
import { assertCan } from "~/auth/policy.server";
import { pick, type ContentPath } from "~/content/model";
import type { ContentState } from "~/content/registry.server";
import { getDb } from "~/db/client.server";
import { orgUnits, pathAssignments, users, type Locale } from "~/db/schema";
import { writeTransaction } from "~/db/transaction.server";
import type { MessageKey } from "~/i18n/translate";
import { dueDatesFor, unitAndAncestors } from "~/learning/assignments.server";
import { listOrgUnits } from "~/people/org-units.server";
import { resolveAssignmentTarget } from "~/people/assignments.server";
import type { CreatePathAssignmentInput } from "~/schemas/path-assignments";
import { clockNow } from "~/utils/clock.server";
import { newId } from "~/utils/ids.server";

/** Paths staff can be assigned and follow: published ones. */
/**
 * A path assignment read as the shape learning/assignments.server.ts's `dueDatesFor` takes (the
 * path's slug where a module assignment has its module's), so paths and modules share one rule
 * for who is assigned what and by when.
 */
export const PATH_TARGET_COLUMNS = {
  moduleSlug: pathAssignments.pathSlug,
  targetType: pathAssignments.targetType,
  targetUserId: pathAssignments.targetUserId,
  targetOrgUnitId: pathAssignments.targetOrgUnitId,
  targetRole: pathAssignments.targetRole,
  dueDate: pathAssignments.dueDate,
};

export function publishedPaths(state: Pick<ContentState, "paths">): ContentPath[] {
  return [...state.paths.values()].filter((p) => p.status === "published");
}

export type PathAssignmentRow = {
  id: string;
  pathSlug: string;
  pathTitle: string;
  targetType: "user" | "org_unit" | "role";
  target: string;
  dueDate: string;
};

/** Every path assignment, soonest due first. */
export async function listPathAssignments(actor: User, state: ContentState, locale: Locale): Promise<PathAssignmentRow[]> {
  assertCan(actor, "assignments.manage");
  const rows = await getDb()
    .select({
      id: pathAssignments.id,
      pathSlug: pathAssignments.pathSlug,
      targetType: pathAssignments.targetType,
      targetRole: pathAssignments.targetRole,
      dueDate: pathAssignments.dueDate,
      email: users.email,
      unitName: orgUnits.name,
    })
    .from(pathAssignments)
    .leftJoin(users, eq(users.id, pathAssignments.targetUserId))
    .leftJoin(orgUnits, eq(orgUnits.id, pathAssignments.targetOrgUnitId))
    .orderBy(asc(pathAssignments.dueDate), asc(pathAssignments.createdAt));
  return rows.map((r) => {
    const p = state.paths.get(r.pathSlug);
    return {
      id: r.id,
      pathSlug: r.pathSlug,
      pathTitle: p ? pick(p.title, locale) : r.pathSlug,
      targetType: r.targetType,
      target: r.targetType === "user" ? (r.email ?? "") : r.targetType === "org_unit" ? (r.unitName ?? "") : (r.targetRole ?? ""),
      dueDate: r.dueDate,
    };
  });
}

export type PathAssignmentResult =
  { ok: true; id: string } | { ok: false; field: "pathSlug" | "person" | "orgUnitId" | "dueDate"; message: MessageKey };

/** Assigns a published path. `today` is the date in the app's time zone. */
export async function createPathAssignment(
  actor: User,
  input: CreatePathAssignmentInput,
  state: ContentState,
  today: string,
  now = clockNow(),
): Promise<PathAssignmentResult> {
  assertCan(actor, "assignments.manage");
  const path = publishedPaths(state).find((p) => p.slug === input.pathSlug);
  if (!path) return { ok: false, field: "pathSlug", message: "paths.validation.unknownPath" };
  if (input.dueDate < today) return { ok: false, field: "dueDate", message: "validation.dueDatePast" };
  return writeTransaction(async (tx): Promise<PathAssignmentResult> => {
    const resolved = await resolveAssignmentTarget(tx, input);
    if ("field" in resolved) return { ok: false, ...resolved };
    const { target, label } = resolved;
    const sameTarget =
      input.targetType === "user"
        ? eq(pathAssignments.targetUserId, target.targetUserId!)
        : input.targetType === "org_unit"
          ? eq(pathAssignments.targetOrgUnitId, target.targetOrgUnitId!)
          : and(eq(pathAssignments.targetType, "role"), eq(pathAssignments.targetRole, input.role));
    const [duplicate] = await tx
      .select({ id: pathAssignments.id })
      .from(pathAssignments)
      .where(and(eq(pathAssignments.pathSlug, path.slug), sameTarget))
      .limit(1);
    if (duplicate) return { ok: false, field: "pathSlug", message: "validation.alreadyAssigned" };
    const id = newId();
    await tx
      .insert(pathAssignments)
      .values({ id, pathSlug: path.slug, targetType: input.targetType, ...target, dueDate: input.dueDate, createdBy: actor.id, createdAt: now });
    await recordAudit(
      tx,
      {
        actorId: actor.id,
        action: "path_assignment.create",
        subjectType: target.targetUserId ? "user" : "path_assignment",
        subjectId: target.targetUserId ?? id,
        details: { assignmentId: id, path: path.slug, targetType: input.targetType, target: label, dueDate: input.dueDate },
      },
      now,
    );
    return { ok: true, id };
  });
}

export async function removePathAssignment(actor: User, id: string, now = clockNow()): Promise<boolean> {
  assertCan(actor, "assignments.manage");
  return writeTransaction(async (tx) => {
    const [row] = await tx
      .select({ a: pathAssignments, email: users.email, unitName: orgUnits.name })
      .from(pathAssignments)
      .leftJoin(users, eq(users.id, pathAssignments.targetUserId))
      .leftJoin(orgUnits, eq(orgUnits.id, pathAssignments.targetOrgUnitId))
      .where(eq(pathAssignments.id, id));
    if (!row) return false;
    await tx.delete(pathAssignments).where(eq(pathAssignments.id, id));
    const a = row.a;
    await recordAudit(
      tx,
      {
        actorId: actor.id,
        action: "path_assignment.delete",
        subjectType: a.targetUserId ? "user" : "path_assignment",
        subjectId: a.targetUserId ?? a.id,
        details: {
          assignmentId: a.id,
          path: a.pathSlug,
          targetType: a.targetType,
          target: a.targetType === "user" ? row.email : a.targetType === "org_unit" ? row.unitName : a.targetRole,
          dueDate: a.dueDate,
        },
      },
      now,
    );
    return true;
  });
}

export type MyPathAssignment = { pathSlug: string; dueDate: string };

/**
 * The paths assigned to one person, with the earliest due date per path: the module rule
 * (dueDatesFor: directly, by role, or by unit for roles that take unit assignments) applied to
 * path rows, which carry the same target columns.
 */
export async function pathAssignmentsForUser(user: Pick<User, "id" | "role" | "orgUnitId">): Promise<Map<string, MyPathAssignment>> {
  const units = user.orgUnitId ? unitAndAncestors(user.orgUnitId, await listOrgUnits()) : [];
  const conditions = [
    eq(pathAssignments.targetUserId, user.id),
    and(eq(pathAssignments.targetType, "role"), eq(pathAssignments.targetRole, user.role)),
  ];
  if (units.length > 0) conditions.push(inArray(pathAssignments.targetOrgUnitId, units));
  const rows = await getDb()
    .select(PATH_TARGET_COLUMNS)
    .from(pathAssignments)
    .where(or(...conditions));
  const out = new Map<string, MyPathAssignment>();
  for (const [slug, a] of dueDatesFor(rows, user, units)) out.set(slug, { pathSlug: slug, dueDate: a.dueDate });
  return out;
}
