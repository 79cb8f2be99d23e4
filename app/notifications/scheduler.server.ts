// The daily reminder run: due in 7 days, due tomorrow, overdue (then weekly, at most 4 times),
// live sessions tomorrow (app/sessions/reminders.server.ts),
// certificates expiring in 30 and 7 days, and the weekly overdue digests for HR and unit leads.
// Each reminder is recorded per person, item, kind and cycle (unique index) in the same
// transaction as its message, so a rerun, a restart or two workers never send it twice.
import { setImmediate } from "node:timers/promises";
import { and, eq, gt, isNull, lte, or } from "drizzle-orm";
import { can } from "~/auth/policy";
import { getConfig } from "~/config.server";
import { getContent } from "~/content/registry.server";
import { getDb, type Tx } from "~/db/client.server";
import { certificates, orgUnitLeads, orgUnits, reminderRecords, users, type Role } from "~/db/schema";
import { changedRows } from "~/db/sql.server";
import { writeTransaction } from "~/db/transaction.server";
import { withDescendants } from "~/utils/org-tree";
import { dueIndex } from "~/reports/record-due.server";
import { restAfterBatch } from "~/utils/batch-rest.server";
import { clockNow } from "~/utils/clock.server";
import { newId } from "~/utils/ids.server";
import { planPathReminders } from "~/paths/reminders.server";
import { sendSessionReminders } from "~/sessions/reminders.server";
import { enqueueFor, type EnqueueInput } from "./enqueue.server";
import type { DigestRow, NotificationKind, Text } from "./kinds";

const DAY = 86_400_000;
export const OVERDUE_REMINDERS = 4;
/**
 * Reminders written per transaction. Each costs five statements and a rendered message (about
 * 1 ms on the 2-core machine), so a batch holds the write lock, and in this process the event
 * loop, for some 25-40 ms: page requests and other processes' writes get in between (ADR 0030).
 */
export const REMINDER_BATCH = 25;
/** People planned between two turns of the event loop. */
const PLAN_SLICE = 500;
/**
 * The rest after each batch is three times as long as the batch took, at most this: the run then
 * uses at most a quarter of a core and holds SQLite's write lock a quarter of the time, so pages
 * served meanwhile (which also write: lesson progress) keep most of the machine. A daily run that
 * takes four times as long is the price; nobody waits for it (tests/bench: the lesson page during
 * the 10,000-staff run kept 67% of its throughput with twice, the target is 70%). An import,
 * which HR waits for, rests twice as long as each batch (app/people/import.server.ts).
 */
const MAX_PAUSE_MS = 150;
const PAUSE_PER_HELD = 3;

type Person = { id: string; email: string; displayName: string; locale: "en" | "id" | null; active: boolean; role: Role; orgUnitId: string | null };
type Planned = { person: Person; item: string; cycle: string; input: EnqueueInput<NotificationKind> };

/** The calendar day and hour of an instant in a time zone. */
export function localTime(now: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    hourCycle: "h23",
  }).formatToParts(now);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? "00";
  return { date: `${get("year")}-${get("month")}-${get("day")}`, hour: Number(get("hour")) };
}

const daysBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / DAY);
/** The Monday of a day's week: a digest's cycle. */
const weekOf = (date: string) => new Date(Date.parse(date) - ((new Date(date).getUTCDay() + 6) % 7) * DAY).toISOString().slice(0, 10);

export type SchedulerRun = { ran: boolean; today: string; planned: number; sent: number };

export type SchedulerOptions = {
  ignoreHour?: boolean;
  batchSize?: number;
  /**
   * Rest after each batch, in ms, so another process waiting for SQLite's write lock (whose
   * busy handler polls every few ms) finds it free and pages keep the CPU: by default twice as
   * long as the batch held it, at most MAX_PAUSE_MS. 0 only yields a turn of the event loop.
   */
  pauseMs?: number;
  /** Called after each committed batch (progress logs; tests stop a run here as a crash would). */
  afterBatch?: (done: { batch: number; sent: number }) => void | Promise<void>;
};

/**
 * One scheduler pass at `now`. Before the configured REMINDER_HOUR (in TIME_ZONE) it does
 * nothing; from then on it sends what today calls for and has not been sent yet, so running it
 * again (every poll, after a restart, from a second worker) sends nothing new. It writes in
 * short transactions (REMINDER_BATCH) and rests between them; each reminder's record commits
 * with its message, so a run stopped between batches (a crash, a deploy) is finished by the
 * next one without sending anything twice.
 */
export async function runScheduler(now = clockNow(), options: SchedulerOptions = {}): Promise<SchedulerRun> {
  const { ignoreHour = false, batchSize = REMINDER_BATCH, pauseMs, afterBatch } = options;
  const { timeZone, mail } = getConfig();
  const { date: today, hour } = localTime(now, timeZone);
  if (!ignoreHour && hour < mail.reminderHour) return { ran: false, today, planned: 0, sent: 0 };
  const titles = new Map<string, Text>();
  for (const [, mod] of (await getContent()).modules) titles.set(mod.slug, mod.title);
  const plan = [...(await planReminders(now, today, titles)), ...(await planPathReminders(today))];
  let sent = 0;
  for (let i = 0, b = 1; i < plan.length; i += batchSize, b++) {
    const batch = plan.slice(i, i + batchSize);
    const started = performance.now();
    sent += await writeTransaction(async (tx) => {
      let n = 0;
      for (const p of batch) if (await record(tx, p, now)) n++;
      return n;
    });
    const held = performance.now() - started;
    await afterBatch?.({ batch: b, sent });
    await restAfterBatch(held, { perHeld: PAUSE_PER_HELD, maxMs: MAX_PAUSE_MS, fixedMs: pauseMs }, i + batchSize >= plan.length);
  }
  // Live sessions tomorrow: recorded on the registration (remindedAt), in their own batches.
  sent += await sendSessionReminders(now, today);
  return { ran: true, today, planned: plan.length, sent };
}

// The unique index on (user, item, kind, cycle) decides: a reminder another run or another
// worker has already recorded inserts nothing here, and then no message is written either.
async function record(tx: Tx, p: Planned, now: Date): Promise<boolean> {
  const inserted = await tx
    .insert(reminderRecords)
    .values({ id: newId(), userId: p.person.id, item: p.item, kind: p.input.kind, cycle: p.cycle, createdAt: now })
    .onConflictDoNothing({ target: [reminderRecords.userId, reminderRecords.item, reminderRecords.kind, reminderRecords.cycle] });
  if (changedRows(inserted) !== 1) return false;
  await enqueueFor(tx, p.person, p.input, now);
  return true;
}

async function planReminders(now: Date, today: string, titles: Map<string, Text>): Promise<Planned[]> {
  const db = getDb();
  // One query after another with a turn of the event loop between them: on SQLite each runs
  // synchronously, and together (10,000 people, 20,000 certificates) they are the run's longest hold.
  const people = await db
    .select({
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      locale: users.locale,
      active: users.active,
      role: users.role,
      orgUnitId: users.orgUnitId,
    })
    .from(users)
    .where(eq(users.active, true));
  await setImmediate();
  const units = await db.select({ id: orgUnits.id, name: orgUnits.name, parentId: orgUnits.parentId }).from(orgUnits);
  const leads = await db.select().from(orgUnitLeads);
  await setImmediate();
  const validCerts = await db
    .select({ userId: certificates.userId, moduleSlug: certificates.moduleSlug, id: certificates.id, expiresAt: certificates.expiresAt })
    .from(certificates)
    .where(and(isNull(certificates.revokedAt), or(isNull(certificates.expiresAt), gt(certificates.expiresAt, now))));
  await setImmediate();
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const passed = new Set(validCerts.map((c) => `${c.userId}|${c.moduleSlug}`));

  // What each person is expected to take, by the rule My learning and the training record use
  // (dueDatesFor via dueIndex: a unit's assignment reaches its staff, not its HR, trainers or
  // admins). A withdrawn (deleted) assignment is simply not there any more, so its reminders stop.
  const byId = new Map<string, Person>(people.map((p) => [p.id, p]));
  const dueFor = await dueIndex(units);
  const due: { person: Person; moduleSlug: string; dueDate: string }[] = [];
  for (const [n, person] of people.entries()) {
    if (n > 0 && n % PLAN_SLICE === 0) await setImmediate();
    for (const [, a] of dueFor(person)) {
      if (passed.has(`${person.id}|${a.moduleSlug}`)) continue; // completed: no more reminders
      due.push({ person, moduleSlug: a.moduleSlug, dueDate: a.dueDate });
    }
  }

  const plan: Planned[] = [];
  const overdue: (DigestRow & { unitId: string | null })[] = [];
  for (const { person, moduleSlug, dueDate } of due) {
    const module = titles.get(moduleSlug) ?? moduleSlug;
    const left = daysBetween(today, dueDate);
    const item = `module:${moduleSlug}`;
    if (left === 1) plan.push({ person, item, cycle: dueDate, input: { kind: "due_1d", userId: person.id, data: { module, moduleSlug, dueDate } } });
    else if (left > 1 && left <= 7)
      plan.push({ person, item, cycle: dueDate, input: { kind: "due_7d", userId: person.id, data: { module, moduleSlug, dueDate, days: left } } });
    else if (left < 0) {
      overdue.push({ name: person.displayName, unit: unitName.get(person.orgUnitId ?? "") ?? "", module, dueDate, unitId: person.orgUnitId });
      const week = Math.floor((-left - 1) / 7);
      if (week < OVERDUE_REMINDERS)
        plan.push({
          person,
          item,
          cycle: `${dueDate}#${week + 1}`,
          input: { kind: "overdue", userId: person.id, data: { module, moduleSlug, dueDate } },
        });
    }
  }

  // Certificates expiring within 30 days, unless a later certificate of the module replaces them.
  const latest = new Map<string, number>();
  for (const c of validCerts) {
    const key = `${c.userId}|${c.moduleSlug}`;
    const until = c.expiresAt ? c.expiresAt.getTime() : Infinity;
    latest.set(key, Math.max(latest.get(key) ?? 0, until));
  }
  const expiring = await db
    .select({
      id: certificates.id,
      userId: certificates.userId,
      moduleSlug: certificates.moduleSlug,
      moduleTitle: certificates.moduleTitle,
      expiresAt: certificates.expiresAt,
    })
    .from(certificates)
    .where(and(isNull(certificates.revokedAt), gt(certificates.expiresAt, now), lte(certificates.expiresAt, new Date(now.getTime() + 30 * DAY))));
  for (const c of expiring) {
    const person = byId.get(c.userId);
    if (!person || !c.expiresAt || latest.get(`${c.userId}|${c.moduleSlug}`)! > c.expiresAt.getTime()) continue;
    const days = Math.ceil((c.expiresAt.getTime() - now.getTime()) / DAY);
    const kind = days <= 7 ? "cert_expiring_7d" : "cert_expiring_30d";
    const data = { module: titles.get(c.moduleSlug) ?? c.moduleTitle, moduleSlug: c.moduleSlug, expiresAt: c.expiresAt.toISOString(), days };
    plan.push({ person, item: `certificate:${c.id}`, cycle: c.id, input: { kind, userId: person.id, data } });
  }

  // Weekly digests of who is overdue: HR (by the policy) for everyone, each unit lead for the
  // unit and its sub-units. Sent on the first run of the week; nothing when nobody is overdue.
  const week = weekOf(today);
  overdue.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.name.localeCompare(b.name));
  const rows = (list: typeof overdue): DigestRow[] => list.map(({ name, unit, module, dueDate }) => ({ name, unit, module, dueDate }));
  if (overdue.length > 0) {
    for (const person of people.filter((p) => can(p, "notifications.digest"))) {
      plan.push({
        person,
        item: "digest:organisation",
        cycle: week,
        input: { kind: "digest_hr", userId: person.id, data: { rows: rows(overdue).slice(0, 50), total: overdue.length } },
      });
    }
  }
  for (const lead of leads) {
    const person = byId.get(lead.userId);
    if (!person) continue;
    const scope = new Set(withDescendants(lead.orgUnitId, units));
    const mine = overdue.filter((o) => o.unitId && scope.has(o.unitId));
    if (mine.length === 0) continue;
    const unit = unitName.get(lead.orgUnitId) ?? "";
    plan.push({
      person,
      item: `digest:unit:${lead.orgUnitId}`,
      cycle: week,
      input: { kind: "digest_unit", userId: person.id, data: { unit, rows: rows(mine).slice(0, 50), total: mine.length } },
    });
  }
  return plan;
}
