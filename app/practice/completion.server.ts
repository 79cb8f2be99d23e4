import { and, desc, eq, gte, inArray } from "drizzle-orm";
import type { Tx } from "~/db/client.server";
import { certificates, quizAttempts, taskReviews, taskSubmissions, users, type CertificateAssessment } from "~/db/schema";
import type { ContentModule } from "~/content/model";
import { certificateStatus, issueCertificate, type Certificate } from "~/certificates/issue.server";
import { getContent } from "~/content/registry.server";
import { completePathsIfDone } from "~/paths/certificates.server";

/** The latest approval of each task, or null when some task is not approved. */
export async function approvedTasks(tx: Tx, userId: string, mod: ContentModule): Promise<CertificateAssessment[] | null> {
  if (mod.tasks.length === 0) return [];
  const rows = await tx
    .select({
      taskSlug: taskSubmissions.taskSlug,
      state: taskSubmissions.state,
      submissionId: taskSubmissions.id,
      version: taskSubmissions.latestVersion,
    })
    .from(taskSubmissions)
    .where(and(eq(taskSubmissions.userId, userId), eq(taskSubmissions.moduleSlug, mod.slug)));
  const out: CertificateAssessment[] = [];
  for (const task of mod.tasks) {
    const row = rows.find((r) => r.taskSlug === task.slug);
    if (!row || row.state !== "approved") return null;
    const [review] = await tx
      .select()
      .from(taskReviews)
      .where(and(eq(taskReviews.submissionId, row.submissionId), eq(taskReviews.decision, "approved")))
      .orderBy(desc(taskReviews.decidedAt))
      .limit(1);
    if (!review) return null;
    // Described, not authorised: the certificate says whether a partner mentor or a trainer reviewed.
    const [reviewer] = await tx.select({ role: users.role }).from(users).where(eq(users.id, review.reviewerId));
    out.push({
      taskSlug: task.slug,
      taskTitle: task.title,
      taskVersion: review.taskVersion,
      rubricHash: review.rubricHash,
      submissionVersion: row.version,
      reviewerName: review.reviewerName,
      reviewerOrganisation: review.reviewerOrganisation,
      reviewerKind: reviewer?.role === "mentor" ? "mentor" : "trainer",
      decidedAt: review.decidedAt.toISOString(),
    });
  }
  return out;
}

/**
 * Issues the module's certificate if its completion rule (quiz, tasks or both) now holds and
 * the learner has no valid one. Runs inside the caller's immediate transaction: SQLite lets one
 * writer in at a time, so a quiz pass and a task approval landing together cannot both issue.
 */
export async function completeModuleIfDone(
  tx: Tx,
  input: { userId: string; module: ContentModule; now: Date; attemptId?: string; score?: number },
): Promise<Certificate | null> {
  const { userId, module: mod, now } = input;
  const mine = await tx
    .select()
    .from(certificates)
    .where(and(eq(certificates.userId, userId), eq(certificates.moduleSlug, mod.slug)))
    .orderBy(desc(certificates.issuedAt));
  // A replayed quiz submit returns the certificate its attempt already issued.
  const own = input.attemptId ? mine.find((c) => c.attemptId === input.attemptId) : undefined;
  if (own) return own;
  const valid = mine.find((c) => certificateStatus(c, now) === "valid");
  if (valid) return input.attemptId ? null : valid;

  let attempt: { id: string; score: number } | null = input.attemptId ? { id: input.attemptId, score: input.score ?? 0 } : null;
  if (!attempt && mod.completion !== "tasks") {
    // The quiz was passed earlier (in this certification cycle): find that attempt.
    const latest = mine[0];
    const cycleStart = latest ? (latest.revokedAt ?? latest.expiresAt ?? new Date(0)) : new Date(0);
    const passed = (
      await tx
        .select({ id: quizAttempts.id, score: quizAttempts.score })
        .from(quizAttempts)
        .where(
          and(
            eq(quizAttempts.userId, userId),
            eq(quizAttempts.moduleSlug, mod.slug),
            eq(quizAttempts.passed, true),
            gte(quizAttempts.startedAt, cycleStart),
          ),
        )
        .orderBy(desc(quizAttempts.submittedAt))
    ).filter((a) => !mine.some((c) => c.attemptId === a.id));
    attempt = passed[0] ? { id: passed[0].id, score: passed[0].score ?? 0 } : null;
  }
  if (mod.completion !== "tasks" && !attempt) return null;
  const assessment = mod.completion === "quiz" ? [] : await approvedTasks(tx, userId, mod);
  if (assessment === null) return null;
  const certificate = await issueCertificate(tx, {
    userId,
    module: mod,
    attemptId: mod.completion === "tasks" ? null : attempt!.id,
    score: mod.completion === "tasks" ? null : attempt!.score,
    now,
    assessment: assessment.length > 0 ? assessment : null,
  });
  // The same transaction: a path whose last module this was gets its certificate with it.
  const content = await getContent();
  await completePathsIfDone(tx, { userId, moduleSlug: mod.slug, paths: content.paths.values(), modules: content.modules, now });
  return certificate;
}

/** The practical-task states of many learners at once, for reports: user → task → state. */
export async function taskStatesOf(tx: Pick<Tx, "select">, userIds: string[], moduleSlug: string) {
  const out = new Map<string, Map<string, string>>();
  if (userIds.length === 0) return out;
  const rows = await tx
    .select({ userId: taskSubmissions.userId, taskSlug: taskSubmissions.taskSlug, state: taskSubmissions.state })
    .from(taskSubmissions)
    .where(and(eq(taskSubmissions.moduleSlug, moduleSlug), inArray(taskSubmissions.userId, userIds)));
  for (const r of rows) {
    const m = out.get(r.userId) ?? new Map<string, string>();
    m.set(r.taskSlug, r.state);
    out.set(r.userId, m);
  }
  return out;
}
