// The training record's reads: people, and the progress, attempts, certificates and practical tasks of a chunk
// of them. Hand-written SQL read as plain rows (app/db/sql.server.ts): the chunk queries run 400
// times for 10,000 people and read up to a few hundred thousand rows, and skipping the ORM's row
// mapping (and the attempts' draw/answers JSON, which status does not need) keeps a whole export
// within seconds. Each one is `where user_id in (…)` on an index whose first column is user_id
// (see the ADR 0008 and the EXPLAIN QUERY PLAN test in tests/integration/report-scale.test.ts).
// Rows are read by column name and mapped by one typed function per table, so an added column
// cannot shift them. The SQL is the same on SQLite and PostgreSQL.
import { inArray, sql, type SQL } from "drizzle-orm";
import type { Certificate } from "~/certificates/issue.server";
import type { Role } from "~/db/schema";
import { caseFolded } from "~/db/collate.server";
import { likeContains } from "~/db/like";
import { selectRows } from "~/db/sql.server";
import type { LessonProgressRow } from "~/learning/progress.server";
import type { Attempt } from "~/learning/status.server";
import type { TaskState } from "./practice-status";

/** `column in (…ids)` (false for no ids: `in ()` is not SQL PostgreSQL accepts). */
const among = (column: string, ids: readonly string[]): SQL => inArray(sql.raw(column), [...ids]);

/** The chunk queries for some people's ids. */
export const CHUNK_SQL = {
  progress: (ids: readonly string[]) => sql`select user_id, module_slug, lesson_slug, last_seen_at, completed_at
    from lesson_progress where ${among("user_id", ids)}`,
  attempts: (ids: readonly string[]) => sql`select id, user_id, module_slug, attempt_number, module_major_version, module_content_hash, score,
    passed, started_at, submitted_at
    from quiz_attempts where ${among("user_id", ids)}`,
  certificates: (ids: readonly string[]) => sql`select id, code, user_id, attempt_id, module_slug, module_major_version, module_content_hash,
    module_title, holder_name, staff_number, locale, score, issued_at, expires_at, revoked_at, revoked_reason, revoked_by
    from certificates where ${among("user_id", ids)}`,
  // On task_submissions_unique (user_id, module_slug, task_slug); the claim by its primary key.
  tasks: (ids: readonly string[]) => sql`select s.user_id, s.module_slug, s.task_slug, s.state, c.expires_at as claim_expires_at
    from task_submissions s left join review_claims c on c.submission_id = s.id where ${among("s.user_id", ids)}`,
} as const;

export type UserRecord = {
  id: string;
  email: string;
  name: string;
  staffNumber: string | null;
  orgUnitId: string | null;
  role: Role;
  active: boolean;
};

export type UsersQuery = { unitIds: string[] | null; onlyUserIds?: string[]; includeInactive: boolean; search?: string };

/**
 * The people query. The search box is one escaped pattern (app/db/like.ts) against name, email
 * and employee number. A contains-match ("siti" in "Nur Siti") cannot use an index whatever the
 * query; it runs once per page or export over the users table only, before any chunk query
 * (10,000 people: 9 ms measured on the shared 2-core machine, sort included).
 */
export function usersSql(opts: UsersQuery): SQL {
  const where: SQL[] = [];
  if (opts.search !== undefined) {
    const column = (name: string) => sql.raw(name);
    where.push(
      sql`(${likeContains(column("display_name"), opts.search)} or ${likeContains(column("email"), opts.search)} or ${likeContains(column("staff_number"), opts.search)})`,
    );
  }
  if (!opts.includeInactive) where.push(sql`active = true`);
  if (opts.unitIds) where.push(among("org_unit_id", opts.unitIds));
  if (opts.onlyUserIds) where.push(among("id", opts.onlyUserIds));
  return sql`select id, email, display_name, staff_number, org_unit_id, role, active
    from users ${where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``} order by ${caseFolded(sql.raw("display_name"))}, id`;
}

type UserSqlRow = {
  id: string;
  email: string;
  display_name: string;
  staff_number: string | null;
  org_unit_id: string | null;
  role: Role;
  active: number | boolean;
};

/** People in name order: active ones only unless asked, optionally of some units or some ids. */
export async function selectUsers(opts: UsersQuery): Promise<UserRecord[]> {
  const rows = await selectRows<UserSqlRow>(usersSql(opts));
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    name: r.display_name,
    staffNumber: r.staff_number,
    orgUnitId: r.org_unit_id,
    role: r.role,
    active: Boolean(r.active),
  }));
}

// The rows as the databases return them (times as epoch milliseconds; booleans as 0/1 on SQLite, true/false on PostgreSQL).
type ProgressSqlRow = { user_id: string; module_slug: string; lesson_slug: string; last_seen_at: number; completed_at: number | null };
type AttemptSqlRow = {
  id: string;
  user_id: string;
  module_slug: string;
  attempt_number: number;
  module_major_version: number;
  module_content_hash: string;
  score: number | null;
  passed: number | boolean | null;
  started_at: number;
  submitted_at: number | null;
};
type CertificateSqlRow = {
  id: string;
  code: string;
  user_id: string;
  attempt_id: string;
  module_slug: string;
  module_major_version: number;
  module_content_hash: string;
  module_title: string;
  holder_name: string;
  staff_number: string | null;
  locale: Certificate["locale"];
  score: number;
  issued_at: number;
  expires_at: number | null;
  revoked_at: number | null;
  revoked_reason: string | null;
  revoked_by: string | null;
};

type TaskSqlRow = { user_id: string; module_slug: string; task_slug: string; state: TaskState["state"]; claim_expires_at: number | null };

const date = (ms: number | null) => (ms === null ? null : new Date(ms));
// Status never reads an attempt's questions or answers, so the chunk query leaves them out.
const NO_DRAW: Attempt["draw"] = [];

/** Status and last activity read when a lesson was last seen and completed; the first opening and time spent are not loaded. */
export function progressFromRow(r: ProgressSqlRow, userId = r.user_id, moduleSlug = r.module_slug): LessonProgressRow {
  const seen = new Date(r.last_seen_at);
  return {
    userId,
    moduleSlug,
    lessonSlug: r.lesson_slug,
    firstOpenedAt: seen,
    lastSeenAt: seen,
    completedAt: r.completed_at === r.last_seen_at ? seen : date(r.completed_at),
    secondsSpent: 0,
  };
}

export function attemptFromRow(r: AttemptSqlRow): Attempt {
  return {
    id: r.id,
    userId: r.user_id,
    moduleSlug: r.module_slug,
    attemptNumber: r.attempt_number,
    moduleMajorVersion: r.module_major_version,
    moduleContentHash: r.module_content_hash,
    draw: NO_DRAW,
    answers: null,
    score: r.score,
    passed: r.passed === null ? null : Boolean(r.passed),
    startedAt: new Date(r.started_at),
    submittedAt: date(r.submitted_at),
  };
}

export function certificateFromRow(r: CertificateSqlRow): Certificate {
  return {
    id: r.id,
    code: r.code,
    userId: r.user_id,
    attemptId: r.attempt_id,
    moduleSlug: r.module_slug,
    moduleMajorVersion: r.module_major_version,
    moduleContentHash: r.module_content_hash,
    moduleTitle: r.module_title,
    holderName: r.holder_name,
    staffNumber: r.staff_number,
    locale: r.locale,
    score: r.score,
    hours: null, // status does not read it; yearly hours are summed in app/certificates/hours.server.ts
    issuedAt: new Date(r.issued_at),
    expiresAt: date(r.expires_at),
    revokedAt: date(r.revoked_at),
    revokedReason: r.revoked_reason,
    revokedBy: r.revoked_by,
    // Status is all the record needs; the assessment is read with the certificate itself.
    assessment: null,
  };
}

export function taskStateFromRow(r: TaskSqlRow): TaskState {
  return { taskSlug: r.task_slug, state: r.state, claimExpiresAt: date(r.claim_expires_at) };
}

export type Bucket = { progress: LessonProgressRow[]; attempts: Attempt[]; certs: Certificate[]; tasks: TaskState[] };

/**
 * Progress, attempts and certificates of a few people, by person and module. Rows of modules
 * not in the report are skipped here rather than in SQL: with one `in` list the query stays a
 * plain index search, and it measured faster.
 */
export async function loadChunk(userIds: string[], moduleSlugs: ReadonlySet<string>) {
  // The same id and slug strings for every row of a person (fewer objects kept per chunk).
  const userOf = new Map(userIds.map((id) => [id, id]));
  const slugOf = new Map([...moduleSlugs].map((slug) => [slug, slug]));
  const byUser = new Map<string, Map<string, Bucket>>();
  const bucket = (userId: string, slug: string) => {
    let mine = byUser.get(userId);
    if (!mine) byUser.set(userId, (mine = new Map()));
    let b = mine.get(slug);
    if (!b) mine.set(slug, (b = { progress: [], attempts: [], certs: [], tasks: [] }));
    return b;
  };
  // One after another: on SQLite they run on one connection anyway, and a chunk is small.
  const progress = await selectRows<ProgressSqlRow>(CHUNK_SQL.progress(userIds));
  const attempts = await selectRows<AttemptSqlRow>(CHUNK_SQL.attempts(userIds));
  const certs = await selectRows<CertificateSqlRow>(CHUNK_SQL.certificates(userIds));
  const tasks = await selectRows<TaskSqlRow>(CHUNK_SQL.tasks(userIds));
  for (const r of progress) {
    const moduleSlug = slugOf.get(r.module_slug);
    if (!moduleSlug) continue;
    const userId = userOf.get(r.user_id) ?? r.user_id;
    bucket(userId, moduleSlug).progress.push(progressFromRow(r, userId, moduleSlug));
  }
  for (const r of attempts) {
    if (moduleSlugs.has(r.module_slug)) bucket(r.user_id, r.module_slug).attempts.push(attemptFromRow(r));
  }
  for (const r of certs) {
    if (moduleSlugs.has(r.module_slug)) bucket(r.user_id, r.module_slug).certs.push(certificateFromRow(r));
  }
  for (const r of tasks) {
    if (moduleSlugs.has(r.module_slug)) bucket(r.user_id, r.module_slug).tasks.push(taskStateFromRow(r));
  }
  return byUser;
}
