// What trainers and hosts read of the feedback: per subject the count, the mean, how many gave
// each rating, and the comments. With FEEDBACK_ANONYMOUS (the default) the comments carry no
// name and are sorted by their text, so neither a name nor the order of writing points to the
// author; without it, each comment shows its author's name (ADR 0037).
import { and, asc, eq, inArray } from "drizzle-orm";
import { getDb } from "~/db/client.server";
import { feedback, users, type FeedbackSubject } from "~/db/schema";

export type FeedbackComment = { text: string; rating: number; author: string | null };

export type FeedbackSummary = {
  subjectType: FeedbackSubject;
  subjectId: string;
  count: number;
  mean: number | null;
  /** how many gave 1, 2, 3, 4 and 5 */
  distribution: [number, number, number, number, number];
  comments: FeedbackComment[];
};

type Row = { subjectType: FeedbackSubject; subjectId: string; rating: number; comment: string; author: string };

const byText = (a: FeedbackComment, b: FeedbackComment) => (a.text < b.text ? -1 : a.text > b.text ? 1 : a.rating - b.rating);

function summarise(subjectType: FeedbackSubject, subjectId: string, rows: Row[], anonymous: boolean): FeedbackSummary {
  const distribution: FeedbackSummary["distribution"] = [0, 0, 0, 0, 0];
  let sum = 0;
  for (const r of rows) {
    distribution[r.rating - 1]! += 1;
    sum += r.rating;
  }
  const comments = rows
    .filter((r) => r.comment.trim() !== "")
    .map((r) => ({ text: r.comment, rating: r.rating, author: anonymous ? null : r.author }))
    // Anonymous: by text (a code-point order, the same on every server); named: by name, then text.
    .sort(anonymous ? byText : (a, b) => (a.author ?? "").localeCompare(b.author ?? "") || byText(a, b));
  return {
    subjectType,
    subjectId,
    count: rows.length,
    mean: rows.length ? Math.round((sum / rows.length) * 10) / 10 : null,
    distribution,
    comments,
  };
}

/**
 * The summaries of the subjects named (or of every subject with feedback, when `subjectIds` is
 * omitted), keyed by subject id. Reading them is the caller's capability check: trainers and
 * admins every subject, a host only its own sessions (app/sessions/host.server.ts).
 */
export async function feedbackSummaries(
  subjectType: FeedbackSubject,
  { anonymous, subjectIds }: { anonymous: boolean; subjectIds?: string[] },
): Promise<Map<string, FeedbackSummary>> {
  if (subjectIds && subjectIds.length === 0) return new Map();
  const rows = await getDb()
    .select({
      subjectType: feedback.subjectType,
      subjectId: feedback.subjectId,
      rating: feedback.rating,
      comment: feedback.comment,
      author: users.displayName,
    })
    .from(feedback)
    .innerJoin(users, eq(users.id, feedback.userId))
    .where(and(eq(feedback.subjectType, subjectType), subjectIds ? inArray(feedback.subjectId, subjectIds) : undefined))
    .orderBy(asc(feedback.subjectId));
  const grouped = new Map<string, Row[]>();
  for (const r of rows) {
    const list = grouped.get(r.subjectId) ?? [];
    list.push({ ...r, rating: Number(r.rating) });
    grouped.set(r.subjectId, list);
  }
  return new Map(Array.from(grouped, ([id, list]) => [id, summarise(subjectType, id, list, anonymous)]));
}
