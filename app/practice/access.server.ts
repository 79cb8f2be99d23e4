import { eq } from "drizzle-orm";
import type { User } from "lucia";
import { can, scopeOf } from "~/auth/policy";
import { forbidden } from "~/auth/policy.server";
import { getDb, type Queryable } from "~/db/client.server";
import { mentorAssignments } from "~/db/schema";
import { listOrgUnits, withDescendants } from "~/people/org-units.server";

/** What a reviewer may see: everything, or a mentor's assigned modules (each for all units or some). */
export type ReviewScope = { all: true } | { all: false; rules: { moduleSlug: string; unitIds: string[] | null }[] };

async function assignedRules(db: Queryable, mentorId: string): Promise<{ moduleSlug: string; unitIds: string[] | null }[]> {
  const rows = await db.select().from(mentorAssignments).where(eq(mentorAssignments.mentorId, mentorId));
  const units = rows.some((r) => r.orgUnitId) ? await listOrgUnits() : [];
  const byModule = new Map<string, string[] | null>();
  for (const r of rows) {
    const current = byModule.get(r.moduleSlug);
    if (current === null) continue;
    if (!r.orgUnitId) byModule.set(r.moduleSlug, null);
    else byModule.set(r.moduleSlug, [...(current ?? []), ...withDescendants(r.orgUnitId, units)]);
  }
  return [...byModule].map(([moduleSlug, unitIds]) => ({ moduleSlug, unitIds }));
}

/** Whose handed-in work an actor may read besides its own (403 without submissions.files). */
export async function readScope(actor: Pick<User, "id" | "role">, db: Queryable = getDb()): Promise<ReviewScope> {
  if (!can(actor, "submissions.files")) forbidden();
  const scope = scopeOf(actor.role, "submissions.files");
  // "own" reads only one's own work, which maySeeSubmission checks by author.
  if (scope === "own") return { all: false, rules: [] };
  return scope === "assigned-modules" ? { all: false, rules: await assignedRules(db, actor.id) } : { all: true };
}

/** The scope under which an actor reviews (403 without reviews.review). */
export async function reviewScope(actor: Pick<User, "id" | "role">, db: Queryable = getDb()): Promise<ReviewScope> {
  if (!can(actor, "reviews.review")) forbidden();
  return scopeOf(actor.role, "reviews.review") === "assigned-modules" ? { all: false, rules: await assignedRules(db, actor.id) } : { all: true };
}

export function inScope(scope: ReviewScope, moduleSlug: string, learnerUnitId: string | null) {
  if (scope.all) return true;
  return scope.rules.some(
    (r) => r.moduleSlug === moduleSlug && (r.unitIds === null || (learnerUnitId !== null && r.unitIds.includes(learnerUnitId))),
  );
}

/** Whether the actor may open a submission (and its files): its author, or a reader in scope. */
export async function maySeeSubmission(
  actor: Pick<User, "id" | "role">,
  submission: { userId: string; moduleSlug: string },
  learnerUnitId: string | null,
) {
  if (!can(actor, "submissions.files")) return false;
  if (submission.userId === actor.id) return true;
  return inScope(await readScope(actor), submission.moduleSlug, learnerUnitId);
}
