import { and, asc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import type { User } from "lucia";
import { recordAudit } from "~/audit/record.server";
import type { ContentModule, PracticalTask } from "~/content/model";
import { getDb } from "~/db/client.server";
import { isUniqueViolation } from "~/db/errors.server";
import { writeTransaction } from "~/db/transaction.server";
import {
  mentorProfiles,
  orgUnits,
  partnerOrganisations,
  reviewClaims,
  taskReviews,
  taskSubmissions,
  users,
  type ReviewDecision,
  type RubricScores,
} from "~/db/schema";
import { listOrgUnits, withDescendants } from "~/people/org-units.server";
import { clockNow } from "~/utils/clock.server";
import { newId } from "~/utils/ids.server";
import { inScope, readScope, reviewScope, type ReviewScope } from "./access.server";
import { completeModuleIfDone } from "./completion.server";
import { notifyReviewDone } from "./events.server";
import { filesOf, shownState, versionsOf } from "./submissions.server";

export const CLAIM_MINUTES = 30;
export const QUEUE_PAGE_SIZE = 50;

function scopeCondition(scope: ReviewScope): SQL | undefined {
  if (scope.all) return undefined;
  if (scope.rules.length === 0) return sql`false`;
  return or(
    ...scope.rules.map((r) =>
      r.unitIds === null
        ? eq(taskSubmissions.moduleSlug, r.moduleSlug)
        : and(eq(taskSubmissions.moduleSlug, r.moduleSlug), inArray(users.orgUnitId, r.unitIds)),
    ),
  );
}

/** Handed-in work waiting for a decision, oldest first, within the reviewer's scope. */
export async function reviewQueue(actor: Pick<User, "id" | "role">, filters: { module?: string; unit?: string; page?: number }, now = clockNow()) {
  const db = getDb();
  const scope = await reviewScope(actor, db);
  const conditions: (SQL | undefined)[] = [eq(taskSubmissions.state, "submitted"), scopeCondition(scope)];
  if (filters.module) conditions.push(eq(taskSubmissions.moduleSlug, filters.module));
  if (filters.unit) conditions.push(inArray(users.orgUnitId, withDescendants(filters.unit, await listOrgUnits())));
  const where = and(...conditions);
  const page = filters.page ?? 1;
  const claimer = sql<string | null>`(select u.display_name from users u where u.id = ${reviewClaims.reviewerId})`;
  const rowsQuery = db
    .select({
      id: taskSubmissions.id,
      moduleSlug: taskSubmissions.moduleSlug,
      taskSlug: taskSubmissions.taskSlug,
      version: taskSubmissions.latestVersion,
      submittedAt: taskSubmissions.submittedAt,
      learnerName: users.displayName,
      unitName: orgUnits.name,
      claimedBy: claimer,
      claimerId: reviewClaims.reviewerId,
      claimExpiresAt: reviewClaims.expiresAt,
    })
    .from(taskSubmissions)
    .innerJoin(users, eq(users.id, taskSubmissions.userId))
    .leftJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .leftJoin(reviewClaims, eq(reviewClaims.submissionId, taskSubmissions.id))
    .where(where)
    .orderBy(asc(taskSubmissions.submittedAt), asc(taskSubmissions.id))
    .limit(QUEUE_PAGE_SIZE)
    .offset((page - 1) * QUEUE_PAGE_SIZE);
  const totalQuery = db
    .select({ n: sql<number>`count(*)` })
    .from(taskSubmissions)
    .innerJoin(users, eq(users.id, taskSubmissions.userId))
    .where(where);
  const [rows, [counted]] = await Promise.all([rowsQuery, totalQuery]);
  const total = counted!.n;
  return {
    total,
    page,
    pages: Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE)),
    modules: scope.all ? null : scope.rules.map((r) => r.moduleSlug),
    rows: rows.map((r) => {
      const live = r.claimExpiresAt && r.claimExpiresAt > now;
      return {
        id: r.id,
        moduleSlug: r.moduleSlug,
        taskSlug: r.taskSlug,
        version: r.version,
        submittedAt: r.submittedAt!,
        waitingMs: now.getTime() - r.submittedAt!.getTime(),
        learnerName: r.learnerName,
        unitName: r.unitName,
        claimedBy: live ? r.claimedBy : null,
        claimedByMe: Boolean(live && r.claimerId === actor.id),
      };
    }),
  };
}

async function loadSubmission(id: string) {
  const [row] = await getDb()
    .select({ submission: taskSubmissions, learnerName: users.displayName, learnerUnitId: users.orgUnitId, unitName: orgUnits.name })
    .from(taskSubmissions)
    .innerJoin(users, eq(users.id, taskSubmissions.userId))
    .leftJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .where(eq(taskSubmissions.id, id));
  return row;
}

function notFound(): never {
  throw new Response("Not found", { status: 404, statusText: "Not Found" });
}

/**
 * A submission as a reader (reviewer, HR, admin) sees it. Out of scope reads as not found, so
 * ids cannot be probed.
 */
export async function submissionForReader(actor: Pick<User, "id" | "role">, id: string, now = clockNow()) {
  const found = await loadSubmission(id);
  if (!found || found.submission.state === "draft" || !inScope(await readScope(actor), found.submission.moduleSlug, found.learnerUnitId)) notFound();
  const db = getDb();
  const [claim] = await db.select().from(reviewClaims).where(eq(reviewClaims.submissionId, id));
  const live = claim && claim.expiresAt > now ? claim : null;
  const [reviewer] = live ? await db.select({ name: users.displayName }).from(users).where(eq(users.id, live.reviewerId)) : [];
  const versions = await versionsOf(db, id);
  return {
    ...found,
    state: await shownState(db, found.submission, now),
    versions,
    claim: live ? { byMe: live.reviewerId === actor.id, name: reviewer?.name ?? "", expiresAt: live.expiresAt } : null,
  };
}

export type ClaimResult = { ok: true; expiresAt: Date } | { ok: false; reason: "taken" | "not-waiting" };

/** Claims a waiting submission for CLAIM_MINUTES; someone else's live claim wins, an expired one is taken over. */
export async function claimSubmission(actor: Pick<User, "id" | "role">, id: string, now = clockNow()): Promise<ClaimResult> {
  const found = await loadSubmission(id);
  if (!found || !inScope(await reviewScope(actor), found.submission.moduleSlug, found.learnerUnitId)) notFound();
  const expiresAt = new Date(now.getTime() + CLAIM_MINUTES * 60_000);
  return writeTransaction(async (tx): Promise<ClaimResult> => {
    const [sub] = await tx.select({ state: taskSubmissions.state }).from(taskSubmissions).where(eq(taskSubmissions.id, id));
    if (sub?.state !== "submitted") return { ok: false, reason: "not-waiting" };
    const [claim] = await tx.select().from(reviewClaims).where(eq(reviewClaims.submissionId, id));
    if (claim && claim.reviewerId !== actor.id && claim.expiresAt > now) return { ok: false, reason: "taken" };
    await tx
      .insert(reviewClaims)
      .values({ submissionId: id, reviewerId: actor.id, expiresAt })
      .onConflictDoUpdate({ target: reviewClaims.submissionId, set: { reviewerId: actor.id, expiresAt } });
    return { ok: true, expiresAt };
  });
}

export type DecisionInput = { decision: ReviewDecision; levels: Record<string, number>; comments: Record<string, string>; overall: string };
export type DecideResult =
  { ok: true; certificateId: string | null } | { ok: false; reason: "already-decided" | "taken" | "not-waiting" | "below-pass" };

/**
 * Records the decision on the waiting version. One decision per version: the unique index on
 * task_reviews.version_id settles two reviewers (or a double click) deciding at once. An
 * approval that completes the module issues the certificate in the same transaction.
 */
export async function decideSubmission(
  actor: Pick<User, "id" | "role">,
  id: string,
  mod: ContentModule,
  task: PracticalTask,
  input: DecisionInput,
  now = clockNow(),
): Promise<DecideResult> {
  const found = await loadSubmission(id);
  if (!found || found.submission.moduleSlug !== mod.slug || found.submission.taskSlug !== task.slug) notFound();
  if (!inScope(await reviewScope(actor), mod.slug, found.learnerUnitId)) notFound();
  if (input.decision === "approved" && task.rubric.some((c) => (input.levels[c.id] ?? 0) < task.minLevel)) return { ok: false, reason: "below-pass" };
  const db = getDb();
  const [me] = await db
    .select({ name: users.displayName, organisation: partnerOrganisations.name })
    .from(users)
    .leftJoin(mentorProfiles, eq(mentorProfiles.userId, users.id))
    .leftJoin(partnerOrganisations, eq(partnerOrganisations.id, mentorProfiles.partnerOrganisationId))
    .where(eq(users.id, actor.id));
  const scores: RubricScores = Object.fromEntries(
    task.rubric.map((c) => {
      const level = input.levels[c.id]!;
      return [c.id, { level, points: c.levels[level - 1]!.points, comment: input.comments[c.id] ?? "" }];
    }),
  );
  try {
    return await writeTransaction(async (tx): Promise<DecideResult> => {
      const [sub] = await tx.select().from(taskSubmissions).where(eq(taskSubmissions.id, id));
      const [version] = await versionsOf(tx, id);
      if (sub!.state !== "submitted" || !version) return { ok: false, reason: version?.review ? "already-decided" : "not-waiting" };
      const [claim] = await tx.select().from(reviewClaims).where(eq(reviewClaims.submissionId, id));
      if (claim && claim.reviewerId !== actor.id && claim.expiresAt > now) return { ok: false, reason: "taken" };
      const reviewId = newId();
      await tx.insert(taskReviews).values({
        id: reviewId,
        submissionId: id,
        versionId: version.id,
        reviewerId: actor.id,
        reviewerName: me!.name,
        reviewerOrganisation: me!.organisation ?? null,
        decision: input.decision,
        scores,
        overallComment: input.overall,
        taskVersion: version.taskVersion,
        rubricHash: version.rubricHash,
        decidedAt: now,
        waitedMs: Math.max(0, now.getTime() - version.submittedAt.getTime()),
      });
      await tx.update(taskSubmissions).set({ state: input.decision, updatedAt: now }).where(eq(taskSubmissions.id, id));
      await tx.delete(reviewClaims).where(eq(reviewClaims.submissionId, id));
      await recordAudit(
        tx,
        {
          actorId: actor.id,
          action: input.decision === "approved" ? "review.approve" : "review.request_changes",
          subjectType: "submission",
          subjectId: id,
          details: {
            module: mod.slug,
            task: task.slug,
            version: version.version,
            taskVersion: version.taskVersion,
            rubricHash: version.rubricHash,
            levels: Object.fromEntries(Object.entries(scores).map(([k, v]) => [k, v.level])),
          },
        },
        now,
      );
      const certificate = input.decision === "approved" ? await completeModuleIfDone(tx, { userId: sub!.userId, module: mod, now }) : null;
      if (certificate && certificate.issuedAt.getTime() === now.getTime()) {
        await recordAudit(
          tx,
          {
            actorId: actor.id,
            action: "certificate.issue",
            subjectType: "certificate",
            subjectId: certificate.id,
            details: { module: mod.slug, userId: sub!.userId, by: "review" },
          },
          now,
        );
      }
      await notifyReviewDone(tx, {
        submissionId: id,
        userId: sub!.userId,
        moduleSlug: mod.slug,
        moduleTitle: mod.title,
        taskSlug: task.slug,
        version: version.version,
        at: now,
        reviewerId: actor.id,
        decision: input.decision,
        feedback: {
          overall: input.overall,
          criteria: task.rubric.map((c) => ({ criterion: c.title, comment: input.comments[c.id] ?? "" })).filter((c) => c.comment !== ""),
        },
      });
      return { ok: true, certificateId: certificate?.id ?? null };
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "already-decided" };
    throw error;
  }
}

export { filesOf };
