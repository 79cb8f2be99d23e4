// Reading live sessions for the pages: staff's upcoming lists and a session's page, and the
// trainers' list and registrants (ADR 0036).
import { and, asc, count, desc, eq, gt, inArray, lte, or } from "drizzle-orm";
import type { User } from "lucia";
import { assertCan } from "~/auth/policy.server";
import { getConfig } from "~/config.server";
import { pick } from "~/content/model";
import type { ContentState } from "~/content/registry.server";
import { getDb } from "~/db/client.server";
import { lessonProgress, liveSessionModules, liveSessionRegistrations as regs, liveSessions, users, type Locale } from "~/db/schema";
import { assignmentsForUser } from "~/learning/assignments.server";
import { localDayAndTime } from "~/utils/dates";
import { ownRegistration, windowState } from "./attendance.server";
import { isOpen, waitlistPosition } from "./registration.server";
import type { MyRegistration, Registrant, SessionCard, SessionDetail, SessionFormValues } from "./session-types";

type Row = typeof liveSessions.$inferSelect;

async function cardsOf(rows: Row[], state: ContentState, locale: Locale, userId: string | null): Promise<SessionCard[]> {
  if (rows.length === 0) return [];
  const db = getDb();
  const ids = rows.map((r) => r.id);
  const [mods, counts, hosts, mine] = await Promise.all([
    db.select().from(liveSessionModules).where(inArray(liveSessionModules.sessionId, ids)),
    db
      .select({ sessionId: regs.sessionId, status: regs.status, n: count() })
      .from(regs)
      .where(inArray(regs.sessionId, ids))
      .groupBy(regs.sessionId, regs.status),
    db
      .select({ id: users.id, name: users.displayName })
      .from(users)
      .where(inArray(users.id, [...new Set(rows.map((r) => r.hostId))])),
    userId
      ? db
          .select({ sessionId: regs.sessionId, status: regs.status })
          .from(regs)
          .where(and(eq(regs.userId, userId), inArray(regs.sessionId, ids)))
      : Promise.resolve([]),
  ]);
  const hostName = new Map(hosts.map((h) => [h.id, h.name]));
  const mineBy = new Map(mine.map((m) => [m.sessionId, m.status]));
  return rows.map((r) => {
    const n = (status: string) => counts.find((c) => c.sessionId === r.id && c.status === status)?.n ?? 0;
    const my = mineBy.get(r.id);
    return {
      id: r.id,
      title: locale === "id" ? r.titleId : r.titleEn,
      startsAt: r.startsAt.toISOString(),
      endsAt: r.endsAt.toISOString(),
      place: r.place,
      meetingUrl: r.meetingUrl,
      hostName: hostName.get(r.hostId) ?? "",
      modules: mods
        .filter((m) => m.sessionId === r.id)
        .map((m) => (state.modules.get(m.moduleSlug) ? pick(state.modules.get(m.moduleSlug)!.title, locale) : m.moduleSlug)),
      capacity: r.capacity,
      registered: n("registered"),
      waitlisted: n("waitlisted"),
      hours: r.hours,
      status: r.status,
      mine: my === "registered" || my === "waitlisted" ? my : null,
    };
  });
}

/** The modules that are "yours": assigned to you, or started (a lesson opened). */
async function myModules(actor: Pick<User, "id" | "role" | "orgUnitId">): Promise<Set<string>> {
  const [assigned, started] = await Promise.all([
    assignmentsForUser(actor),
    getDb().selectDistinct({ slug: lessonProgress.moduleSlug }).from(lessonProgress).where(eq(lessonProgress.userId, actor.id)),
  ]);
  return new Set([...assigned.keys(), ...started.map((s) => s.slug)]);
}

/** Scheduled and not ended: the sessions that still take registrations (registration.server.ts's isOpen, in SQL). */
const upcoming = (now: Date) => and(eq(liveSessions.status, "scheduled"), gt(liveSessions.endsAt, now));

/** Upcoming sessions (scheduled, not ended), soonest first: those of your modules, and all of them. */
export async function listSessionsForStaff(actor: User, state: ContentState, locale: Locale, now: Date) {
  assertCan(actor, "sessions.join");
  const db = getDb();
  const rows = await db.select().from(liveSessions).where(upcoming(now)).orderBy(asc(liveSessions.startsAt), asc(liveSessions.id)).limit(200);
  const all = await cardsOf(rows, state, locale, actor.id);
  const mods = await myModules(actor);
  const links = rows.length
    ? await db
        .select()
        .from(liveSessionModules)
        .where(
          inArray(
            liveSessionModules.sessionId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  const forMe = new Set(links.filter((l) => mods.has(l.moduleSlug)).map((l) => l.sessionId));
  return { forYou: all.filter((c) => forMe.has(c.id) || c.mine !== null), all };
}

/** One session's page for a person who may join: its details, their registration and place in the queue. */
export async function sessionForStaff(actor: User, id: string, state: ContentState, locale: Locale, now: Date): Promise<SessionDetail | null> {
  assertCan(actor, "sessions.join");
  const [row] = await getDb().select().from(liveSessions).where(eq(liveSessions.id, id));
  if (!row) return null;
  const [card] = await cardsOf([row], state, locale, actor.id);
  const mine: MyRegistration = card!.mine;
  return {
    ...card!,
    description: locale === "id" ? row.descriptionId : row.descriptionEn,
    position: mine === "waitlisted" ? await waitlistPosition(id, actor.id) : null,
    state: row.status === "cancelled" ? "cancelled" : isOpen(row, now) ? "open" : "ended",
    window: windowState(row, now),
    attended: mine === "registered" && (await ownRegistration(actor.id, id))?.attendedAt != null,
  };
}

/** Every session for the trainers' list: upcoming first (soonest first), then past and cancelled (latest first). */
export async function listSessionsForTrainer(actor: User, state: ContentState, locale: Locale, now: Date) {
  assertCan(actor, "sessions.manage");
  const db = getDb();
  const next = await db.select().from(liveSessions).where(upcoming(now)).orderBy(asc(liveSessions.startsAt));
  const past = await db
    .select()
    .from(liveSessions)
    .where(or(eq(liveSessions.status, "cancelled"), lte(liveSessions.endsAt, now)))
    .orderBy(desc(liveSessions.startsAt))
    .limit(100);
  return { upcoming: await cardsOf(next, state, locale, null), past: await cardsOf(past, state, locale, null) };
}

/** A session for the trainer's page: the form's values, registrants and the waitlist in order. */
export async function sessionForTrainer(actor: User, id: string, state: ContentState, locale: Locale, now: Date) {
  assertCan(actor, "sessions.manage");
  const db = getDb();
  const [row] = await db.select().from(liveSessions).where(eq(liveSessions.id, id));
  if (!row) return null;
  const [card] = await cardsOf([row], state, locale, null);
  const people = await db
    .select({ userId: regs.userId, status: regs.status, name: users.displayName, email: users.email, queuedAt: regs.queuedAt, id: regs.id })
    .from(regs)
    .innerJoin(users, eq(users.id, regs.userId))
    .where(and(eq(regs.sessionId, id), inArray(regs.status, ["registered", "waitlisted"])))
    .orderBy(asc(regs.queuedAt), asc(regs.id));
  const { timeZone } = getConfig();
  const start = localDayAndTime(row.startsAt, timeZone);
  const modules = await db.select().from(liveSessionModules).where(eq(liveSessionModules.sessionId, id));
  const values: SessionFormValues = {
    titleEn: row.titleEn,
    titleId: row.titleId,
    descriptionEn: row.descriptionEn,
    descriptionId: row.descriptionId,
    hostId: row.hostId,
    day: start.day,
    startTime: start.time,
    endTime: localDayAndTime(row.endsAt, timeZone).time,
    place: row.place ?? "",
    meetingUrl: row.meetingUrl ?? "",
    capacity: String(row.capacity),
    hours: String(row.hours),
    modules: modules.map((m) => m.moduleSlug),
  };
  const as = (p: (typeof people)[number]): Registrant => ({ userId: p.userId, name: p.name, email: p.email, since: p.queuedAt.toISOString() });
  return {
    session: card!,
    values,
    editable: isOpen(row, now),
    registrants: people.filter((p) => p.status === "registered").map(as),
    waitlist: people.filter((p) => p.status === "waitlisted").map(as),
  };
}
