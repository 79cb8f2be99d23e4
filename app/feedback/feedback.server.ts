// Giving feedback: a rating (1 to 5) and a short comment on a live session the person attended
// (once it has ended) or on a module they hold a valid certificate for. One per person and
// subject: a second submission replaces the first (the unique index keeps it so under races).
import { and, eq, isNull } from "drizzle-orm";
import { getDb } from "~/db/client.server";
import { certificates, feedback, liveSessionRegistrations, liveSessions, type FeedbackSubject } from "~/db/schema";
import { writeTransaction } from "~/db/transaction.server";
import { clockNow } from "~/utils/clock.server";
import { newId } from "~/utils/ids.server";

export type FeedbackInput = { rating: number; comment: string };

export type FeedbackEligibility = { ok: true } | { ok: false; reason: "not-ended" | "not-attended" | "not-certified" };

/** Whether a person may give feedback on a session: it has ended and they attended it. */
export async function sessionFeedbackEligibility(userId: string, sessionId: string, now: Date = clockNow()): Promise<FeedbackEligibility> {
  const [row] = await getDb()
    .select({ endsAt: liveSessions.endsAt, attendedAt: liveSessionRegistrations.attendedAt })
    .from(liveSessions)
    .leftJoin(liveSessionRegistrations, and(eq(liveSessionRegistrations.sessionId, liveSessions.id), eq(liveSessionRegistrations.userId, userId)))
    .where(eq(liveSessions.id, sessionId));
  if (!row || row.endsAt > now) return { ok: false, reason: "not-ended" };
  return row.attendedAt ? { ok: true } : { ok: false, reason: "not-attended" };
}

/** Whether a person may give feedback on a module: they hold a certificate of it that is not revoked. */
export async function moduleFeedbackEligibility(userId: string, moduleSlug: string): Promise<FeedbackEligibility> {
  const [row] = await getDb()
    .select({ id: certificates.id })
    .from(certificates)
    .where(and(eq(certificates.userId, userId), eq(certificates.moduleSlug, moduleSlug), isNull(certificates.revokedAt)))
    .limit(1);
  return row ? { ok: true } : { ok: false, reason: "not-certified" };
}

/** The person's own feedback on a subject, to prefill the form, or null. */
export async function ownFeedback(userId: string, subjectType: FeedbackSubject, subjectId: string) {
  const [row] = await getDb()
    .select({ rating: feedback.rating, comment: feedback.comment, updatedAt: feedback.updatedAt })
    .from(feedback)
    .where(and(eq(feedback.userId, userId), eq(feedback.subjectType, subjectType), eq(feedback.subjectId, subjectId)));
  return row ?? null;
}

/** Saves (or replaces) the person's feedback on a subject; the caller has checked eligibility. */
export async function saveFeedback(
  userId: string,
  subjectType: FeedbackSubject,
  subjectId: string,
  input: FeedbackInput,
  now: Date = clockNow(),
): Promise<{ replaced: boolean }> {
  return writeTransaction(async (tx) => {
    const [existing] = await tx
      .select({ id: feedback.id })
      .from(feedback)
      .where(and(eq(feedback.userId, userId), eq(feedback.subjectType, subjectType), eq(feedback.subjectId, subjectId)));
    await tx
      .insert(feedback)
      .values({ id: newId(), userId, subjectType, subjectId, rating: input.rating, comment: input.comment, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({
        target: [feedback.userId, feedback.subjectType, feedback.subjectId],
        set: { rating: input.rating, comment: input.comment, updatedAt: now },
      });
    return { replaced: existing !== undefined };
  });
}
