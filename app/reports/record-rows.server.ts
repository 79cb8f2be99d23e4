// The training record: one row per person × published module, with the status the learner's
// own page shows (moduleStatus), produced as a generator that reads people in chunks so the
// whole record (10,000 people × 8 modules) is never in memory. The page, the CSV, the XLSX and
// the dashboard all read these rows, so none of them can disagree with another.
import { setImmediate } from "node:timers/promises";
import { certificateStatus, type Certificate } from "~/certificates/issue.server";
import { pick, type ContentModule } from "~/content/model";
import { visibleModules, type ContentState } from "~/content/registry.server";
import type { Locale, Role } from "~/db/schema";
import { isOverdue } from "~/learning/assignments.server";
import { moduleStatus, type ModuleStatusName } from "~/learning/status.server";
import { listOrgUnits, withDescendants } from "~/people/org-units.server";
import { clockNow } from "~/utils/clock.server";
import { dayFormatter, todayIn } from "~/utils/dates";
import { loadChunk, selectUsers, type Bucket, type UserRecord } from "./record-chunk.server";
import { dueIndex, type DueFor } from "./record-due.server";
import { practiceStatusOf, type PracticeStatus } from "./practice-status";
import { chunkYearHours, hoursSettings, rowHours, type HoursSettings, type RowHours } from "./record-hours.server";
import { getConfig } from "~/config.server";
import { assertReportAccess, needsDueDate, rowMatches, type ReportActor, type TrainingRecordFilters } from "./record-filters.server";

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
  /** The module's practical tasks together; null when the module has none. */
  practice: PracticeStatus | null;
  tasksApproved: number;
  tasksTotal: number;
} & RowHours;

export type RecordOptions = {
  locale: Locale;
  timeZone: string;
  now?: Date;
  chunkSize?: number;
  /** Lesson hours (JP) a person should earn in a year; TRAINING_HOURS_TARGET by default. */
  hoursTarget?: number;
};

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
  dueFor: DueFor;
  chunkSize: number;
  hours: HoursSettings;
};

export async function recordContext(state: ContentState, filters: TrainingRecordFilters, options: RecordOptions): Promise<RecordContext> {
  const now = options.now ?? clockNow();
  const units = await listOrgUnits();
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
    dueFor: await dueIndex(units),
    chunkSize: options.chunkSize ?? REPORT_CHUNK_SIZE,
    hours: hoursSettings(filters.hoursYear, options.hoursTarget ?? getConfig().trainingHoursTarget, options.timeZone, now),
  };
}

/** The version of the latest attempt or certificate (an attempt's start, a certificate's issue). */
function latestVersion(mod: ContentModule, b: Bucket) {
  let at = -Infinity;
  let version = { major: mod.majorVersion, hash: mod.contentHash };
  const consider = (when: Date, major: number, hash: string) => {
    if (when.getTime() > at) {
      at = when.getTime();
      version = { major, hash };
    }
  };
  for (const a of b.attempts) consider(a.startedAt, a.moduleMajorVersion, a.moduleContentHash);
  for (const c of b.certs) consider(c.issuedAt, c.moduleMajorVersion, c.moduleContentHash);
  return version;
}

function lastActivityOf(b: Bucket): Date | null {
  let max = -Infinity;
  for (const p of b.progress) max = Math.max(max, p.lastSeenAt.getTime());
  for (const a of b.attempts) max = Math.max(max, (a.submittedAt ?? a.startedAt).getTime());
  for (const c of b.certs) max = Math.max(max, c.issuedAt.getTime());
  return max === -Infinity ? null : new Date(max);
}

const EMPTY: Bucket = { progress: [], attempts: [], certs: [], tasks: [] };

function buildRow(
  ctx: RecordContext,
  user: UserRecord,
  mod: ContentModule,
  data: Bucket,
  due: string | undefined,
  hours: RowHours,
): TrainingRecordRow {
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
  const version = latestVersion(mod, data);
  const practice =
    mod.tasks.length > 0
      ? practiceStatusOf(
          mod.tasks.map((task) => task.slug),
          data.tasks,
          ctx.now,
        )
      : null;
  return {
    userId: user.id,
    staffNumber: user.staffNumber,
    name: user.name,
    email: user.email,
    orgUnitId: user.orgUnitId,
    orgUnit: user.orgUnitId ? (ctx.unitNames.get(user.orgUnitId) ?? null) : null,
    role: user.role,
    active: user.active,
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
    lastActivity: lastActivityOf(data),
    passedOn: cert?.issuedAt ?? null,
    certificateCode: cert?.code ?? null,
    certificateExpiresOn: cert?.expiresAt ?? null,
    dueDate: due ?? null,
    overdue: due ? isOverdue(due, s.status === "passed", ctx.today) : false,
    practice: practice?.status ?? null,
    tasksApproved: practice?.tasksApproved ?? 0,
    tasksTotal: practice?.tasksTotal ?? 0,
    ...hours,
  };
}

/**
 * The rows of one chunk of people, built in one go: the chunk's progress, attempts and
 * certificates become garbage as soon as this returns, while still young, so the garbage
 * collector drops them cheaply instead of promoting them (which, measured, doubled the
 * memory a whole export took).
 */
export async function chunkRows(ctx: RecordContext, chunk: UserRecord[], slugs: ReadonlySet<string>): Promise<TrainingRecordRow[]> {
  const f = ctx.filters;
  const dueRequired = needsDueDate(f);
  const ids = chunk.map((u) => u.id);
  const data = await loadChunk(ids, slugs);
  const yearHours = await chunkYearHours(ids, ctx.hours, ctx.timeZone);
  const out: TrainingRecordRow[] = [];
  for (const user of chunk) {
    const hours = rowHours(yearHours, user.id, ctx.hours);
    if (f.underTargetOnly && !hours.underTarget) continue;
    const dues = ctx.dueFor(user);
    const mine = data.get(user.id);
    for (const mod of ctx.modules) {
      const due = dues.get(mod.slug)?.dueDate;
      if (dueRequired && due === undefined) continue;
      const row = buildRow(ctx, user, mod, mine?.get(mod.slug) ?? EMPTY, due, hours);
      if (rowMatches(row, f, ctx.dayOf)) out.push(row);
    }
  }
  return out;
}

/** The people the record is about (org unit, search, active), in name order. */
export function recordPeople(ctx: RecordContext, onlyUserIds?: string[]): Promise<UserRecord[]> {
  return selectUsers({
    unitIds: ctx.unitIds,
    onlyUserIds,
    includeInactive: ctx.filters.includeInactive === true,
    search: ctx.filters.search,
  });
}

export async function* generateRows(ctx: RecordContext, onlyUserIds?: string[]): AsyncGenerator<TrainingRecordRow, void, undefined> {
  if (ctx.modules.length === 0) return;
  const people = await recordPeople(ctx, onlyUserIds);
  const slugs = new Set(ctx.modules.map((m) => m.slug));
  for (let start = 0; start < people.length; start += ctx.chunkSize) {
    // SQLite answers synchronously, so without this a whole export would run as one chain of
    // microtasks and hold the event loop (every other request) until its last row.
    if (start > 0) await setImmediate();
    yield* await chunkRows(ctx, people.slice(start, start + ctx.chunkSize), slugs);
  }
}

/**
 * Every row of the training record that passes the filters, people in name order and modules
 * in course order, read REPORT_CHUNK_SIZE people at a time. The role check runs now, not when
 * the first row is asked for.
 */
export function trainingRecordRows(
  actor: ReportActor,
  state: ContentState,
  filters: TrainingRecordFilters,
  options: RecordOptions,
): AsyncGenerator<TrainingRecordRow, void, undefined> {
  assertReportAccess(actor);
  return (async function* () {
    yield* generateRows(await recordContext(state, filters, options));
  })();
}
