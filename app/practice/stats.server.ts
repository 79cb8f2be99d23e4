import { and, eq, inArray, sql } from "drizzle-orm";
import type { User } from "lucia";
import { assertCan } from "~/auth/policy.server";
import { pick, type ContentModule } from "~/content/model";
import { getDb } from "~/db/client.server";
import { taskReviews, taskSubmissions, users, type Locale } from "~/db/schema";
import type { Translate } from "~/i18n/translate";
import { formatNumber } from "~/i18n/format";
import { listOrgUnits, withDescendants } from "~/people/org-units.server";

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Practical work for HR: how many wait for review, how the work stands, and the median review time. */
export async function practiceFigures(actor: Pick<User, "role">, filter: { moduleSlug?: string | null; orgUnitId?: string | null } = {}) {
  assertCan(actor, "reports.read");
  const db = getDb();
  const where = and(
    filter.moduleSlug ? eq(taskSubmissions.moduleSlug, filter.moduleSlug) : undefined,
    filter.orgUnitId ? inArray(users.orgUnitId, withDescendants(filter.orgUnitId, await listOrgUnits())) : undefined,
    eq(users.active, true),
  );
  const statesQuery = db
    .select({ state: taskSubmissions.state, n: sql<number>`count(*)` })
    .from(taskSubmissions)
    .innerJoin(users, eq(users.id, taskSubmissions.userId))
    .where(where)
    .groupBy(taskSubmissions.state);
  const waitsQuery = db
    .select({ waited: taskReviews.waitedMs })
    .from(taskReviews)
    .innerJoin(taskSubmissions, eq(taskSubmissions.id, taskReviews.submissionId))
    .innerJoin(users, eq(users.id, taskSubmissions.userId))
    .where(where);
  const [states, waitRows] = await Promise.all([statesQuery, waitsQuery]);
  const waits = waitRows.map((r) => r.waited);
  const count = (s: string) => states.find((r) => r.state === s)?.n ?? 0;
  return {
    waiting: count("submitted"),
    changesRequested: count("changes-requested"),
    approved: count("approved"),
    drafts: count("draft"),
    medianReviewMs: median(waits),
    decisions: waits.length,
  };
}

/** The figures as labelled lines in the reader's language (the dashboard's catalog area lacks them). */
export function practiceFigureLines(figures: Awaited<ReturnType<typeof practiceFigures>>, t: Translate, locale: Locale) {
  const hours =
    figures.medianReviewMs === null
      ? "—"
      : t("stats.hours", { count: formatNumber(locale, Math.round((figures.medianReviewMs / 3_600_000) * 10) / 10) });
  return [
    { term: t("stats.waiting"), value: formatNumber(locale, figures.waiting) },
    { term: t("stats.changesRequested"), value: formatNumber(locale, figures.changesRequested) },
    { term: t("stats.approved"), value: formatNumber(locale, figures.approved) },
    { term: t("stats.medianReview"), value: hours },
  ];
}

/** How decisions spread over each rubric criterion's levels, per task: aggregates only, no names. */
export async function rubricSpread(actor: Pick<User, "role">, modules: ContentModule[], locale: Locale) {
  assertCan(actor, "insight.read");
  const db = getDb();
  const withTasks = modules.filter((m) => m.tasks.length > 0);
  const reviewsOf = await Promise.all(
    withTasks.map((mod) =>
      db
        .select({ taskSlug: taskSubmissions.taskSlug, scores: taskReviews.scores, rubricHash: taskReviews.rubricHash })
        .from(taskReviews)
        .innerJoin(taskSubmissions, eq(taskSubmissions.id, taskReviews.submissionId))
        .where(eq(taskSubmissions.moduleSlug, mod.slug)),
    ),
  );
  return withTasks.map((mod, m) => {
    const reviews = reviewsOf[m]!;
    return {
      slug: mod.slug,
      title: pick(mod.title, locale),
      tasks: mod.tasks.map((task) => {
        // Only decisions on the current rubric: levels of an older rubric mean something else.
        const mine = reviews.filter((r) => r.taskSlug === task.slug && r.rubricHash === task.rubricHash);
        return {
          slug: task.slug,
          title: pick(task.title, locale),
          decisions: mine.length,
          criteria: task.rubric.map((c) => ({
            id: c.id,
            title: pick(c.title, locale),
            counts: c.levels.map((_, i) => mine.filter((r) => r.scores[c.id]?.level === i + 1).length),
          })),
        };
      }),
    };
  });
}
