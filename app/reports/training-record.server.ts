// The training record: one row per person × published module, with the status the learner's
// own page shows (moduleStatus), produced as a generator that reads people in chunks so the
// whole record (10,000 people × 8 modules) is never in memory. The page, the CSV, the XLSX and
// the dashboard all read these rows, so none of them can disagree with another.
import type { User } from "lucia";
import { assertCan } from "~/auth/policy.server";
import { certificateStatus, type Certificate } from "~/certificates/issue.server";
import { pick, type ContentModule } from "~/content/model";
import { visibleModules, type ContentState } from "~/content/registry.server";
import type { Locale, Role } from "~/db/schema";
import { rawStatement } from "~/db/prepared.server";
import { isOverdue, unitAndAncestors } from "~/learning/assignments.server";
import { todayIn } from "~/utils/dates";
import type { LessonProgressRow } from "~/learning/progress.server";
import { moduleStatus, type Attempt, type ModuleStatusName } from "~/learning/status.server";
import { listOrgUnits, withDescendants, type OrgUnit } from "~/people/org-units.server";
import { REPORT_STATUSES, type ReportQuery, type ReportSort } from "~/schemas/reports";
import { dayFormatter } from "~/utils/dates";
import { clockNow } from "~/utils/clock.server";

/**
 * People per chunk. Small on purpose: a chunk's progress, attempts and certificates should die
 * young. With 500 people per chunk, 80,000 rows left 150-200 MB of promoted garbage before a
 * full GC; with 25 (and rows built a chunk at a time) about 50-60 MB (ADR 0008). Each chunk is
 * three index searches of well under a millisecond.
 */
export const REPORT_CHUNK_SIZE = 25;

export type TrainingRecordRow = {
  userId: string;
  staffNumber: string | null;
  name: string;
  email: string;
  orgUnitId: string | null;
  orgUnit: string | null;
  role: Role;
  active: boolean;
  moduleSlug: string;
  moduleTitle: string;
  /** Position of the module in the published course order. */
  moduleOrder: number;
  /** The version of the person's latest attempt or certificate; the current one if neither. */
  moduleMajorVersion: number;
  moduleContentHash: string;
  status: ModuleStatusName;
  lessonsDone: number;
  lessonsTotal: number;
  attempts: number;
  bestScore: number | null;
  lastActivity: Date | null;
  /** Issue date of the certificate shown: the valid one, else the latest expired one. */
  passedOn: Date | null;
  certificateCode: string | null;
  certificateExpiresOn: Date | null;
  dueDate: string | null;
  overdue: boolean;
};

export type TrainingRecordFilters = {
  /** With every unit below it. */
  orgUnitId?: string;
  moduleSlug?: string;
  status?: ModuleStatusName;
  assignedOnly?: boolean;
  overdueOnly?: boolean;
  dueFrom?: string;
  dueTo?: string;
  passedFrom?: string;
  passedTo?: string;
  expiresFrom?: string;
  expiresTo?: string;
  /** Deactivated people too (default: active people only). */
  includeInactive?: boolean;
};

export type RecordOptions = {
  locale: Locale;
  timeZone: string;
  now?: Date;
  chunkSize?: number;
};

type Actor = Pick<User, "role">;

export function assertReportAccess(actor: Actor) {
  assertCan(actor, "reports.read");
}

/**
 * The filters of a parsed query, against what exists: an org unit or module that does not
 * exist (or is not published) is dropped and named in `ignored`, like an unreadable value.
 */
export function resolveFilters(query: ReportQuery, state: ContentState, units: Pick<OrgUnit, "id">[] = listOrgUnits()) {
  const ignored: string[] = [];
  let orgUnitId = query.orgUnit;
  if (orgUnitId && !units.some((u) => u.id === orgUnitId)) {
    ignored.push("orgUnit");
    orgUnitId = undefined;
  }
  let moduleSlug = query.module;
  if (moduleSlug && !visibleModules(state, "staff").some((m) => m.slug === moduleSlug)) {
    ignored.push("module");
    moduleSlug = undefined;
  }
  const filters: TrainingRecordFilters = {
    orgUnitId,
    moduleSlug,
    status: query.status,
    assignedOnly: query.assigned === "1",
    overdueOnly: query.overdue === "1",
    dueFrom: query.dueFrom,
    dueTo: query.dueTo,
    passedFrom: query.passedFrom,
    passedTo: query.passedTo,
    expiresFrom: query.expiresFrom,
    expiresTo: query.expiresTo,
    includeInactive: query.people === "all",
  };
  return { filters, ignored };
}

// ---------------------------------------------------------------------------------------------
// Queries. Raw prepared statements: the chunk queries run 400 times for 10,000 people and read
// up to a few hundred thousand rows, and skipping the ORM's row mapping (and the attempts'
// draw/answers JSON, which status does not need) keeps a whole export within seconds. Each
// one is `where user_id in (…)` on an index whose first column is user_id (see the ADR 0008
// and the EXPLAIN QUERY PLAN test in tests/integration/report-scale.test.ts).

const IN_USERS = "user_id in (select value from json_each(?))";

export const CHUNK_SQL = {
  progress: `select user_id, module_slug, lesson_slug, last_seen_at, completed_at
    from lesson_progress where ${IN_USERS}`,
  attempts: `select id, user_id, module_slug, attempt_number, module_major_version, module_content_hash, score, passed, started_at, submitted_at
    from quiz_attempts where ${IN_USERS}`,
  certificates: `select id, code, user_id, attempt_id, module_slug, module_major_version, module_content_hash, module_title, holder_name,
    staff_number, locale, score, issued_at, expires_at, revoked_at, revoked_reason, revoked_by
    from certificates where ${IN_USERS}`,
} as const;

type UserRecord = { id: string; email: string; name: string; staffNumber: string | null; orgUnitId: string | null; role: Role; active: number };

const statement = rawStatement;

export function usersSql(opts: { byUnit: boolean; byIds: boolean; includeInactive: boolean }) {
  const where = [
    opts.includeInactive ? null : "active = 1",
    opts.byUnit ? "org_unit_id in (select value from json_each(?))" : null,
    opts.byIds ? "id in (select value from json_each(?))" : null,
  ].filter(Boolean);
  return `select id, email, display_name as name, staff_number as staffNumber, org_unit_id as orgUnitId, role, active
    from users ${where.length ? `where ${where.join(" and ")}` : ""} order by display_name collate nocase, id`;
}

const date = (ms: number | null) => (ms === null ? null : new Date(ms));
// Status never reads an attempt's questions or answers, so the chunk query leaves them out.
const NO_DRAW: Attempt["draw"] = [];

type Bucket = { progress: LessonProgressRow[]; attempts: Attempt[]; certs: Certificate[] };

/**
 * Progress, attempts and certificates of a few people, by person and module. Rows of modules
 * not in the report are skipped here rather than in SQL: with one `in` list the query stays a
 * plain index search, and it measured faster.
 */
function loadChunk(userIds: string[], moduleSlugs: ReadonlySet<string>) {
  const ids = JSON.stringify(userIds);
  // The same id and slug strings for every row of a person (fewer objects kept per chunk).
  const userOf = new Map(userIds.map((id) => [id, id]));
  const slugOf = new Map([...moduleSlugs].map((slug) => [slug, slug]));
  const byUser = new Map<string, Map<string, Bucket>>();
  const bucket = (userId: string, slug: string) => {
    let mine = byUser.get(userId);
    if (!mine) byUser.set(userId, (mine = new Map()));
    let b = mine.get(slug);
    if (!b) mine.set(slug, (b = { progress: [], attempts: [], certs: [] }));
    return b;
  };
  for (const r of statement(CHUNK_SQL.progress).raw().all(ids) as [string, string, string, number, number | null][]) {
    const moduleSlug = slugOf.get(r[1]);
    if (!moduleSlug) continue;
    const userId = userOf.get(r[0]) ?? r[0];
    const [, , lessonSlug, lastSeenAt, completedAt] = r;
    const seen = new Date(lastSeenAt);
    // Status and last activity read when a lesson was last seen and completed; the first
    // opening and the time spent are not read here (and not loaded).
    bucket(userId, moduleSlug).progress.push({
      userId,
      moduleSlug,
      lessonSlug,
      firstOpenedAt: seen,
      lastSeenAt: seen,
      completedAt: completedAt === lastSeenAt ? seen : date(completedAt),
      secondsSpent: 0,
    });
  }
  for (const r of statement(CHUNK_SQL.attempts).raw().all(ids) as unknown[][]) {
    const [id, userId, moduleSlug, attemptNumber, moduleMajorVersion, moduleContentHash, score, passed, startedAt, submittedAt] = r as [
      string,
      string,
      string,
      number,
      number,
      string,
      number | null,
      number | null,
      number,
      number | null,
    ];
    if (!moduleSlugs.has(moduleSlug)) continue;
    bucket(userId, moduleSlug).attempts.push({
      id,
      userId,
      moduleSlug,
      attemptNumber,
      moduleMajorVersion,
      moduleContentHash,
      draw: NO_DRAW,
      answers: null,
      score,
      passed: passed === null ? null : passed === 1,
      startedAt: new Date(startedAt),
      submittedAt: date(submittedAt),
    });
  }
  for (const r of statement(CHUNK_SQL.certificates).raw().all(ids) as unknown[][]) {
    const [
      id,
      code,
      userId,
      attemptId,
      moduleSlug,
      moduleMajorVersion,
      moduleContentHash,
      moduleTitle,
      holderName,
      staffNumber,
      locale,
      score,
      issuedAt,
      expiresAt,
      revokedAt,
      revokedReason,
      revokedBy,
    ] = r as [
      string,
      string,
      string,
      string,
      string,
      number,
      string,
      string,
      string,
      string | null,
      string,
      number,
      number,
      number | null,
      number | null,
      string | null,
      string | null,
    ];
    if (!moduleSlugs.has(moduleSlug)) continue;
    bucket(userId, moduleSlug).certs.push({
      id,
      code,
      userId,
      attemptId,
      moduleSlug,
      moduleMajorVersion,
      moduleContentHash,
      moduleTitle,
      holderName,
      staffNumber,
      locale,
      score,
      hours: null, // status does not read it; yearly hours are summed in hours.server.ts
      issuedAt: new Date(issuedAt),
      expiresAt: date(expiresAt),
      revokedAt: date(revokedAt),
      revokedReason,
      revokedBy,
      // Status is all the record needs; the assessment is read with the certificate itself.
      assessment: null,
    });
  }
  return byUser;
}

// ---------------------------------------------------------------------------------------------
// Assignments: the few assignment rows are read once and resolved per person in memory, with
// the same rules as assignmentsForUser() (direct, org unit or a unit above it, role; the
// earliest due date wins).

type DueMap = Map<string, string>;

function mergeDue(into: DueMap, from: DueMap | undefined) {
  if (!from) return;
  for (const [slug, due] of from) {
    const prev = into.get(slug);
    if (prev === undefined || due < prev) into.set(slug, due);
  }
}

function dueIndex(units: OrgUnit[]) {
  const rows = statement("select module_slug, target_type, target_user_id, target_org_unit_id, target_role, due_date from assignments")
    .raw()
    .all() as [string, string, string | null, string | null, string | null, string][];
  const byUser = new Map<string, DueMap>();
  const byUnit = new Map<string, DueMap>();
  const byRole = new Map<string, DueMap>();
  const add = (index: Map<string, DueMap>, key: string, slug: string, due: string) => {
    let m = index.get(key);
    if (!m) index.set(key, (m = new Map()));
    mergeDue(m, new Map([[slug, due]]));
  };
  for (const [slug, type, userId, unitId, role, due] of rows) {
    if (userId) add(byUser, userId, slug, due);
    if (unitId) add(byUnit, unitId, slug, due);
    if (type === "role" && role) add(byRole, role, slug, due);
  }
  const shared = new Map<string, DueMap>();
  return (user: Pick<UserRecord, "id" | "orgUnitId" | "role">): DueMap => {
    const key = `${user.orgUnitId ?? ""}|${user.role}`;
    let common = shared.get(key);
    if (!common) {
      common = new Map();
      mergeDue(common, byRole.get(user.role));
      for (const id of unitAndAncestors(user.orgUnitId, units)) mergeDue(common, byUnit.get(id));
      shared.set(key, common);
    }
    const own = byUser.get(user.id);
    if (!own) return common;
    const out = new Map(common);
    mergeDue(out, own);
    return out;
  };
}

// ---------------------------------------------------------------------------------------------
// Rows

export type RecordContext = {
  modules: ContentModule[];
  moduleOrder: Map<string, number>;
  unitNames: Map<string, string>;
  unitIds: string[] | null;
  filters: TrainingRecordFilters;
  locale: Locale;
  timeZone: string;
  now: Date;
  today: string;
  dayOf: (value: Date | number) => string;
  dueFor: ReturnType<typeof dueIndex>;
  chunkSize: number;
};

export function recordContext(state: ContentState, filters: TrainingRecordFilters, options: RecordOptions): RecordContext {
  const now = options.now ?? clockNow();
  const units = listOrgUnits();
  const published = visibleModules(state, "staff");
  return {
    modules: published.filter((m) => !filters.moduleSlug || m.slug === filters.moduleSlug),
    moduleOrder: new Map(published.map((m, i) => [m.slug, i])),
    unitNames: new Map(units.map((u) => [u.id, u.name])),
    unitIds: filters.orgUnitId ? withDescendants(filters.orgUnitId, units) : null,
    filters,
    locale: options.locale,
    timeZone: options.timeZone,
    now,
    today: todayIn(options.timeZone, now),
    dayOf: dayFormatter(options.timeZone),
    dueFor: dueIndex(units),
    chunkSize: options.chunkSize ?? REPORT_CHUNK_SIZE,
  };
}

function inRange(day: string | null, from?: string, to?: string) {
  if (!from && !to) return true;
  if (day === null) return false;
  return (!from || day >= from) && (!to || day <= to);
}

/** Whether a row passes the filters that depend on its derived values. */
export function rowMatches(row: TrainingRecordRow, f: TrainingRecordFilters, dayOf: (d: Date) => string) {
  if (f.status && row.status !== f.status) return false;
  if (f.assignedOnly && row.dueDate === null) return false;
  if (f.overdueOnly && !row.overdue) return false;
  if (!inRange(row.dueDate, f.dueFrom, f.dueTo)) return false;
  if ((f.passedFrom || f.passedTo) && !inRange(row.passedOn && dayOf(row.passedOn), f.passedFrom, f.passedTo)) return false;
  if ((f.expiresFrom || f.expiresTo) && !inRange(row.certificateExpiresOn && dayOf(row.certificateExpiresOn), f.expiresFrom, f.expiresTo))
    return false;
  return true;
}

function latestVersion(mod: ContentModule, b: Bucket | undefined) {
  let at = -Infinity;
  let version = { major: mod.majorVersion, hash: mod.contentHash };
  for (const a of b?.attempts ?? []) {
    if (a.startedAt.getTime() > at) {
      at = a.startedAt.getTime();
      version = { major: a.moduleMajorVersion, hash: a.moduleContentHash };
    }
  }
  for (const c of b?.certs ?? []) {
    if (c.issuedAt.getTime() > at) {
      at = c.issuedAt.getTime();
      version = { major: c.moduleMajorVersion, hash: c.moduleContentHash };
    }
  }
  return version;
}

function lastActivityOf(b: Bucket | undefined): Date | null {
  let max = -Infinity;
  for (const p of b?.progress ?? []) max = Math.max(max, p.lastSeenAt.getTime());
  for (const a of b?.attempts ?? []) max = Math.max(max, (a.submittedAt ?? a.startedAt).getTime());
  for (const c of b?.certs ?? []) max = Math.max(max, c.issuedAt.getTime());
  return max === -Infinity ? null : new Date(max);
}

const EMPTY: Bucket = { progress: [], attempts: [], certs: [] };

function buildRow(ctx: RecordContext, user: UserRecord, mod: ContentModule, b: Bucket | undefined, due: string | undefined): TrainingRecordRow {
  const data = b ?? EMPTY;
  const s = moduleStatus(mod, data.progress, data.attempts, data.certs, ctx.now);
  // The certificate to show: the valid one; else the latest one that was not revoked (expired),
  // so HR sees when it ran out. A revoked certificate is not a pass.
  let cert: Certificate | null = s.validCertificate;
  if (!cert) {
    for (const c of data.certs) {
      if (certificateStatus(c, ctx.now) === "revoked") continue;
      if (!cert || c.issuedAt > cert.issuedAt) cert = c;
    }
  }
  const version = latestVersion(mod, b);
  const passed = s.status === "passed";
  return {
    userId: user.id,
    staffNumber: user.staffNumber,
    name: user.name,
    email: user.email,
    orgUnitId: user.orgUnitId,
    orgUnit: user.orgUnitId ? (ctx.unitNames.get(user.orgUnitId) ?? null) : null,
    role: user.role,
    active: user.active === 1,
    moduleSlug: mod.slug,
    moduleTitle: pick(mod.title, ctx.locale),
    moduleOrder: ctx.moduleOrder.get(mod.slug) ?? 0,
    moduleMajorVersion: version.major,
    moduleContentHash: version.hash,
    status: s.status,
    lessonsDone: s.lessonsDone,
    lessonsTotal: s.lessonsTotal,
    attempts: s.attemptsUsed,
    bestScore: s.bestScore,
    lastActivity: lastActivityOf(b),
    passedOn: cert?.issuedAt ?? null,
    certificateCode: cert?.code ?? null,
    certificateExpiresOn: cert?.expiresAt ?? null,
    dueDate: due ?? null,
    overdue: due ? isOverdue(due, passed, ctx.today) : false,
  };
}

function selectUsers(ctx: RecordContext, onlyUserIds?: string[]): UserRecord[] {
  const sql = usersSql({ byUnit: ctx.unitIds !== null, byIds: onlyUserIds !== undefined, includeInactive: ctx.filters.includeInactive === true });
  const params: string[] = [];
  if (ctx.unitIds) params.push(JSON.stringify(ctx.unitIds));
  if (onlyUserIds) params.push(JSON.stringify(onlyUserIds));
  return statement(sql).all(...params) as UserRecord[];
}

/**
 * The rows of one chunk of people, built in one go: the chunk's progress, attempts and
 * certificates become garbage as soon as this returns, while still young, so the garbage
 * collector drops them cheaply instead of promoting them (which, measured, doubled the
 * memory a whole export took).
 */
function chunkRows(ctx: RecordContext, chunk: UserRecord[], slugs: ReadonlySet<string>): TrainingRecordRow[] {
  const f = ctx.filters;
  const needsDue = f.assignedOnly || f.overdueOnly || f.dueFrom || f.dueTo;
  const data = loadChunk(
    chunk.map((u) => u.id),
    slugs,
  );
  const out: TrainingRecordRow[] = [];
  for (const user of chunk) {
    const dues = ctx.dueFor(user);
    const mine = data.get(user.id);
    for (const mod of ctx.modules) {
      const due = dues.get(mod.slug);
      if (needsDue && due === undefined) continue;
      const row = buildRow(ctx, user, mod, mine?.get(mod.slug), due);
      if (rowMatches(row, f, ctx.dayOf)) out.push(row);
    }
  }
  return out;
}

function* generateRows(ctx: RecordContext, onlyUserIds?: string[]): Generator<TrainingRecordRow, void, undefined> {
  if (ctx.modules.length === 0) return;
  const people = selectUsers(ctx, onlyUserIds);
  const slugs = new Set(ctx.modules.map((m) => m.slug));
  for (let start = 0; start < people.length; start += ctx.chunkSize) {
    yield* chunkRows(ctx, people.slice(start, start + ctx.chunkSize), slugs);
  }
}

/**
 * Every row of the training record that passes the filters, people in name order and modules
 * in course order, read REPORT_CHUNK_SIZE people at a time. The role check runs now, not when
 * the first row is asked for.
 */
export function trainingRecordRows(
  actor: Actor,
  state: ContentState,
  filters: TrainingRecordFilters,
  options: RecordOptions,
): Generator<TrainingRecordRow, void, undefined> {
  assertReportAccess(actor);
  return generateRows(recordContext(state, filters, options));
}

// ---------------------------------------------------------------------------------------------
// Totals and the on-screen page

export type StatusGroup = "passed" | "in-progress" | "not-started" | "expired";

/** How totals group statuses: everything between starting and passing counts as in progress. */
export function statusGroup(status: ModuleStatusName): StatusGroup {
  if (status === "passed" || status === "not-started" || status === "expired") return status;
  return "in-progress";
}

export type RecordTotals = { rows: number; passed: number; inProgress: number; notStarted: number; expired: number; overdue: number };

export function emptyTotals(): RecordTotals {
  return { rows: 0, passed: 0, inProgress: 0, notStarted: 0, expired: 0, overdue: 0 };
}

export function addToTotals(totals: RecordTotals, row: Pick<TrainingRecordRow, "status" | "overdue">) {
  totals.rows++;
  const group = statusGroup(row.status);
  if (group === "passed") totals.passed++;
  else if (group === "in-progress") totals.inProgress++;
  else if (group === "not-started") totals.notStarted++;
  else totals.expired++;
  if (row.overdue) totals.overdue++;
}

type SortTuple = { key: string | number | null; name: string; userId: string; order: number; slug: string };

const STATUS_RANK = new Map(REPORT_STATUSES.map((s, i) => [s, i]));

function sortKey(row: TrainingRecordRow, sort: ReportSort): string | number | null {
  switch (sort) {
    case "name":
      return row.name;
    case "orgUnit":
      return row.orgUnit;
    case "module":
      return row.moduleOrder;
    case "status":
      return STATUS_RANK.get(row.status) ?? 0;
    case "due":
      return row.dueDate;
    case "score":
      return row.bestScore;
    case "activity":
      return row.lastActivity?.getTime() ?? null;
  }
}

function tupleComparator(locale: Locale, dir: "asc" | "desc") {
  const collator = new Intl.Collator(locale === "id" ? "id-ID" : "en-GB", { sensitivity: "base", numeric: true });
  const sign = dir === "desc" ? -1 : 1;
  return (a: SortTuple, b: SortTuple) => {
    // Empty values last, whichever the direction.
    if (a.key !== b.key) {
      if (a.key === null) return 1;
      if (b.key === null) return -1;
      const c = typeof a.key === "number" && typeof b.key === "number" ? a.key - b.key : collator.compare(String(a.key), String(b.key));
      if (c !== 0) return sign * c;
    }
    return collator.compare(a.name, b.name) || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0) || a.order - b.order;
  };
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export type RecordPage = {
  rows: TrainingRecordRow[];
  totals: RecordTotals;
  page: number;
  pages: number;
};

/**
 * One sorted page and the totals of the whole filtered set, in one streaming pass: each row
 * leaves only a small sort tuple, and only the best `offset + pageSize` tuples are kept (the
 * buffer is trimmed whenever it doubles). The page's rows are then built again for those
 * few people. The pass gives the event loop a turn between chunks, so other requests go on.
 */
export async function trainingRecordPage(
  actor: Actor,
  state: ContentState,
  filters: TrainingRecordFilters,
  view: { sort: ReportSort; dir: "asc" | "desc"; page: number; pageSize: number },
  options: RecordOptions,
): Promise<RecordPage> {
  assertReportAccess(actor);
  const ctx = recordContext(state, filters, options);
  const compare = tupleComparator(options.locale, view.dir);
  const totals = emptyTotals();
  const runPass = async (keep: number) => {
    let buffer: SortTuple[] = [];
    let n = 0;
    for (const row of generateRows(ctx)) {
      addToTotals(totals, row);
      buffer.push({ key: sortKey(row, view.sort), name: row.name, userId: row.userId, order: row.moduleOrder, slug: row.moduleSlug });
      if (buffer.length >= Math.max(2 * keep, 2_000)) buffer = buffer.sort(compare).slice(0, keep);
      if (++n % 2_000 === 0) await yieldToEventLoop();
    }
    return buffer.sort(compare).slice(0, keep);
  };
  let best = await runPass(view.page * view.pageSize);
  const pages = Math.max(1, Math.ceil(totals.rows / view.pageSize));
  const page = Math.min(view.page, pages);
  if (page !== view.page) {
    // Past the last page (a stale link): show the last one.
    Object.assign(totals, emptyTotals());
    best = await runPass(page * view.pageSize);
  }
  const wanted = best.slice((page - 1) * view.pageSize);
  const built = new Map<string, TrainingRecordRow>();
  for (const row of generateRows(ctx, [...new Set(wanted.map((t) => t.userId))])) built.set(`${row.userId} ${row.moduleSlug}`, row);
  const rows = wanted.map((t) => built.get(`${t.userId} ${t.slug}`)).filter((r): r is TrainingRecordRow => r !== undefined);
  return { rows, totals, page, pages };
}
