// A live session's host page: the sessions an actor hosts, one session's registrants and their
// attendance, and the host's corrections of it (audited). A mentor holds `sessions.host` only for
// the sessions it hosts (scope "hosted-sessions"): every function here goes through
// `requireHostedSession` or `hostedSessionsWhere`, so a mentor never reads another host's session,
// and it reads registrants' names only (no email, unit or anything else about them).
import type { User } from "lucia";
import { and, asc, desc, eq, gte, lt, ne, or, sql } from "drizzle-orm";
import { recordAudit } from "~/audit/record.server";
import { assertCan } from "~/auth/policy.server";
import { scopeOf } from "~/auth/policy";
import { getDb } from "~/db/client.server";
import { liveSessionRegistrations, liveSessions, users } from "~/db/schema";
import { writeTransaction } from "~/db/transaction.server";
import { clockNow } from "~/utils/clock.server";
import { newId } from "~/utils/ids.server";
import { windowState } from "./attendance.server";

type Actor = Pick<User, "id" | "role">;

function notFound(): never {
  throw new Response("Not found", { status: 404 });
}

/** The sessions an actor may host: its own under the mentor scope, every one otherwise. */
function hostedSessionsWhere(actor: Actor) {
  assertCan(actor, "sessions.host");
  return scopeOf(actor.role, "sessions.host") === "hosted-sessions" ? eq(liveSessions.hostId, actor.id) : undefined;
}

/**
 * The session `sessionId` if the actor may host it; otherwise a 404, the same answer as for a
 * session that does not exist, so a mentor cannot learn which other sessions there are.
 */
export async function requireHostedSession(actor: Actor, sessionId: string) {
  const scope = hostedSessionsWhere(actor);
  const [session] = await getDb()
    .select()
    .from(liveSessions)
    .where(scope ? and(eq(liveSessions.id, sessionId), scope) : eq(liveSessions.id, sessionId));
  if (!session) notFound();
  return session;
}

export type HostedSession = Awaited<ReturnType<typeof requireHostedSession>>;

const LIST_LIMIT = 100;

/** The host list: sessions not yet ended (soonest first), then the most recent ended ones. */
export async function listHostedSessions(actor: Actor, now: Date = clockNow()) {
  const scope = hostedSessionsWhere(actor);
  const columns = {
    id: liveSessions.id,
    titleEn: liveSessions.titleEn,
    titleId: liveSessions.titleId,
    startsAt: liveSessions.startsAt,
    endsAt: liveSessions.endsAt,
    status: liveSessions.status,
    hostName: users.displayName,
    registered: sql<number>`(select count(*) from ${liveSessionRegistrations} r where r.session_id = ${liveSessions.id} and r.status = 'registered')`,
    attended: sql<number>`(select count(*) from ${liveSessionRegistrations} r where r.session_id = ${liveSessions.id} and r.attended_at is not null)`,
  };
  const base = () => getDb().select(columns).from(liveSessions).innerJoin(users, eq(users.id, liveSessions.hostId));
  const [upcoming, past] = await Promise.all([
    base()
      .where(and(gte(liveSessions.endsAt, now), scope))
      .orderBy(asc(liveSessions.startsAt), asc(liveSessions.id))
      .limit(LIST_LIMIT),
    base()
      .where(and(lt(liveSessions.endsAt, now), scope))
      .orderBy(desc(liveSessions.startsAt), asc(liveSessions.id))
      .limit(LIST_LIMIT),
  ]);
  const counted = (rows: typeof upcoming) => rows.map((r) => ({ ...r, registered: Number(r.registered), attended: Number(r.attended) }));
  return { upcoming: counted(upcoming), past: counted(past) };
}

/** Registrants (registered and waitlisted; cancelled ones only if the host marked them attended), by name. */
export async function sessionRegistrants(session: HostedSession) {
  const rows = await getDb()
    .select({
      userId: liveSessionRegistrations.userId,
      name: users.displayName,
      status: liveSessionRegistrations.status,
      attendedAt: liveSessionRegistrations.attendedAt,
      source: liveSessionRegistrations.attendanceSource,
    })
    .from(liveSessionRegistrations)
    .innerJoin(users, eq(users.id, liveSessionRegistrations.userId))
    .where(
      and(
        eq(liveSessionRegistrations.sessionId, session.id),
        sql`(${liveSessionRegistrations.status} <> 'cancelled' or ${liveSessionRegistrations.attendedAt} is not null)`,
      ),
    )
    .orderBy(
      sql`case ${liveSessionRegistrations.status} when 'registered' then 0 when 'waitlisted' then 1 else 2 end`,
      asc(users.displayName),
      asc(users.id),
    );
  return rows;
}

/** Corrections open with the attendance window (a host may add someone without a phone) and stay open after. */
export function canCorrect(session: HostedSession, now: Date) {
  return session.status === "scheduled" && windowState(session, now) !== "before";
}

export type CorrectionResult = { ok: true; changed: boolean } | { ok: false; reason: "not-yet" | "not-registrant" };

/**
 * Marks one registrant attended or not, as the host. Audited with who, when and the state before
 * and after; a correction that changes nothing writes nothing.
 */
export async function correctAttendance(
  actor: Actor,
  session: HostedSession,
  input: { userId: string; attended: boolean },
  now: Date = clockNow(),
): Promise<CorrectionResult> {
  if (!canCorrect(session, now)) return { ok: false, reason: "not-yet" };
  return writeTransaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(liveSessionRegistrations)
      .where(and(eq(liveSessionRegistrations.sessionId, session.id), eq(liveSessionRegistrations.userId, input.userId)));
    // A cancelled registration can only be un-marked (it is listed only when marked attended).
    if (!row || (row.status === "cancelled" && input.attended)) return { ok: false, reason: "not-registrant" } as const;
    const was = row.attendedAt !== null;
    if (was === input.attended) return { ok: true, changed: false } as const;
    const attendedAt = input.attended ? now : null;
    await tx
      .update(liveSessionRegistrations)
      .set({ attendedAt, attendanceSource: input.attended ? "host" : null, updatedAt: now })
      .where(eq(liveSessionRegistrations.id, row.id));
    await recordAudit(
      tx,
      {
        actorId: actor.id,
        action: "session.attendance_correct",
        subjectType: "user",
        subjectId: input.userId,
        details: {
          sessionId: session.id,
          userId: input.userId,
          attended: { from: was, to: input.attended },
          attendedAt: { from: row.attendedAt?.toISOString() ?? null, to: attendedAt?.toISOString() ?? null },
        },
      },
      now,
    );
    return { ok: true, changed: true } as const;
  });
}

export type WalkInResult = { ok: true; name: string; changed: boolean } | { ok: false; reason: "not-yet" | "unknown-person" };

/**
 * A walk-in (someone who came without a place: they cannot check in by code, ADR 0037), added
 * by the host by exact email address or staff number: their registration is created, or a
 * cancelled one reopened, marked attended by the host, and audited like a correction. Only an
 * active staff-side account can be added (not a mentor); a host learns nothing but whether the
 * exact address or number it typed belongs to one.
 */
export async function addWalkIn(actor: Actor, session: HostedSession, person: string, now: Date = clockNow()): Promise<WalkInResult> {
  if (!canCorrect(session, now)) return { ok: false, reason: "not-yet" };
  const key = person.trim();
  return writeTransaction(async (tx): Promise<WalkInResult> => {
    const [user] = await tx
      .select({ id: users.id, name: users.displayName })
      .from(users)
      .where(and(eq(users.active, true), ne(users.role, "mentor"), or(eq(users.email, key.toLowerCase()), eq(users.staffNumber, key))))
      .limit(1);
    if (!user) return { ok: false, reason: "unknown-person" };
    const [row] = await tx
      .select()
      .from(liveSessionRegistrations)
      .where(and(eq(liveSessionRegistrations.sessionId, session.id), eq(liveSessionRegistrations.userId, user.id)));
    if (row?.attendedAt) return { ok: true, name: user.name, changed: false };
    if (row) {
      await tx
        .update(liveSessionRegistrations)
        .set({
          attendedAt: now,
          attendanceSource: "host",
          updatedAt: now,
          ...(row.status === "cancelled" ? { status: "registered" as const, cancelledAt: null } : {}),
        })
        .where(eq(liveSessionRegistrations.id, row.id));
    } else {
      await tx.insert(liveSessionRegistrations).values({
        id: newId(),
        sessionId: session.id,
        userId: user.id,
        status: "registered",
        queuedAt: now,
        attendedAt: now,
        attendanceSource: "host",
        createdAt: now,
        updatedAt: now,
      });
    }
    await recordAudit(
      tx,
      {
        actorId: actor.id,
        action: "session.attendance_correct",
        subjectType: "user",
        subjectId: user.id,
        details: {
          sessionId: session.id,
          userId: user.id,
          attended: { from: false, to: true },
          attendedAt: { from: null, to: now.toISOString() },
          walkIn: !row || row.status === "cancelled",
        },
      },
      now,
    );
    return { ok: true, name: user.name, changed: true };
  });
}
