import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { User } from "lucia";
import { getDb } from "~/db/client.server";
import { caseFolded } from "~/db/collate.server";
import { selectRow, selectRows } from "~/db/sql.server";
import { certificates, lessonProgress, quizAttempts } from "~/db/schema";
import type { ContentModule } from "~/content/model";
import { lastActivity } from "~/learning/progress.server";
import { moduleStatus, type ModuleStatusName } from "~/learning/status.server";
import { assertCan } from "~/auth/policy.server";
import { clockNow } from "~/utils/clock.server";

export type LearnerRow = {
  name: string;
  orgUnit: string | null;
  status: ModuleStatusName;
  lessonsDone: number;
  lessonsTotal: number;
  attempts: number;
  bestScore: number | null;
  lastActivity: string | null;
};

/**
 * The learners of one module and how far each has got, for trainers (and HR, admins): the
 * people who opened a lesson or took the quiz. Staff never reach this.
 */
export async function moduleLearners(actor: Pick<User, "role">, mod: ContentModule, { limit = 50, offset = 0 } = {}) {
  assertCan(actor, "learners.read");
  const db = getDb();
  const people = await selectRows<{ id: string; name: string; org_unit: string | null }>(sql`
    select u.id, u.display_name as name, o.name as org_unit
    from users u left join org_units o on o.id = u.org_unit_id
    where u.id in (select user_id from lesson_progress where module_slug = ${mod.slug}
                   union select user_id from quiz_attempts where module_slug = ${mod.slug})
    order by ${caseFolded(sql.raw("u.display_name"))}, u.id
    limit ${limit} offset ${offset}`);
  const total =
    (
      await selectRow<{ n: number }>(sql`
      select count(*) as n from (select user_id from lesson_progress where module_slug = ${mod.slug}
                                 union select user_id from quiz_attempts where module_slug = ${mod.slug}) as started`)
    )?.n ?? 0;
  const now = clockNow();
  // One query per table for the whole page (not three per person), grouped by person.
  const ids = people.map((p) => p.id);
  const inPage = <T extends { userId: string }>(rows: T[]) => {
    const by = new Map<string, T[]>();
    for (const r of rows) by.set(r.userId, [...(by.get(r.userId) ?? []), r]);
    return by;
  };
  const [progressRows, attemptRows, certificateRows] = await Promise.all([
    db
      .select()
      .from(lessonProgress)
      .where(and(eq(lessonProgress.moduleSlug, mod.slug), inArray(lessonProgress.userId, ids))),
    db
      .select()
      .from(quizAttempts)
      .where(and(eq(quizAttempts.moduleSlug, mod.slug), inArray(quizAttempts.userId, ids)))
      .orderBy(asc(quizAttempts.attemptNumber)),
    db
      .select()
      .from(certificates)
      .where(and(eq(certificates.moduleSlug, mod.slug), inArray(certificates.userId, ids)))
      .orderBy(desc(certificates.issuedAt)),
  ]);
  const progressBy = inPage(progressRows);
  const attemptsBy = inPage(attemptRows);
  const certificatesBy = inPage(certificateRows);
  const rows: LearnerRow[] = people.map((p) => {
    const progress = progressBy.get(p.id) ?? [];
    const attempts = attemptsBy.get(p.id) ?? [];
    const s = moduleStatus(mod, progress, attempts, certificatesBy.get(p.id) ?? [], now);
    const seen = [lastActivity(progress), ...attempts.map((a) => a.submittedAt ?? a.startedAt)].filter((d): d is Date => d !== null);
    return {
      name: p.name,
      orgUnit: p.org_unit,
      status: s.status,
      lessonsDone: s.lessonsDone,
      lessonsTotal: s.lessonsTotal,
      attempts: attempts.filter((a) => a.submittedAt).length,
      bestScore: s.bestScore,
      lastActivity: seen.length > 0 ? new Date(Math.max(...seen.map((d) => d.getTime()))).toISOString() : null,
    };
  });
  return { rows, total };
}
