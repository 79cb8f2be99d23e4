// Scheduling live sessions (trainers, admins): create, change, cancel (ADR 0036). Start and end
// come from the form as a day and wall-clock times in TIME_ZONE and are stored as UTC instants.
// A change of time, place or link raises the session's sequence and sends every registered
// person and the host an updated invitation; a cancellation sends everyone a CANCEL.
import { randomInt } from "node:crypto";
import { and, asc, eq, inArray, ne } from "drizzle-orm";
import type { User } from "lucia";
import { recordAudit } from "~/audit/record.server";
import { can, rolesWith } from "~/auth/policy";
import { assertCan } from "~/auth/policy.server";
import { getConfig } from "~/config.server";
import type { ContentState } from "~/content/registry.server";
import { getDb, type Tx } from "~/db/client.server";
import { liveSessionModules, liveSessionRegistrations as regs, liveSessions, users } from "~/db/schema";
import { writeTransaction } from "~/db/transaction.server";
import type { MessageKey } from "~/i18n/translate";
import type { LiveSessionInput } from "~/schemas/sessions";
import { clockNow } from "~/utils/clock.server";
import { zonedInstant } from "~/utils/dates";
import { newId } from "~/utils/ids.server";
import { notifySession, sessionRow } from "./notify.server";
import { isOpen, promoteWaitlist } from "./registration.server";

/** No 0/O, 1/I/L: a code read off a projector is typed without guessing. 31 symbols, 8 of them: about 8.5 × 10¹¹ codes (39.6 bits). */
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const ATTENDANCE_CODE_LENGTH = 8;

/** The attendance code: crypto randomness, never derived from the session. */
export function newAttendanceCode() {
  let code = "";
  for (let i = 0; i < ATTENDANCE_CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

export type HostOption = { id: string; displayName: string; email: string; role: "mentor" | "trainer" | "admin" };

/** Who may host: active people whose role holds sessions.host (mentors, trainers, admins). */
export async function hostCandidates(): Promise<HostOption[]> {
  const rows = await getDb()
    .select({ id: users.id, displayName: users.displayName, email: users.email, role: users.role })
    .from(users)
    .where(and(eq(users.active, true), inArray(users.role, [...rolesWith("sessions.host")])))
    .orderBy(asc(users.displayName));
  return rows as HostOption[];
}

export type ScheduleResult = { ok: true; id: string } | { ok: false; field: string; message: MessageKey };

type Checked = { startsAt: Date; endsAt: Date; modules: string[] };

async function check(
  tx: Tx,
  input: LiveSessionInput,
  state: ContentState,
  now: Date,
  startMayBePast: boolean,
): Promise<Checked | Exclude<ScheduleResult, { ok: true }>> {
  const { timeZone } = getConfig();
  const startsAt = zonedInstant(input.day, input.startTime, timeZone);
  const endsAt = zonedInstant(input.day, input.endTime, timeZone);
  if (endsAt <= startsAt) return { ok: false, field: "endTime", message: "validation.sessionEndBeforeStart" };
  if (!startMayBePast && startsAt <= now) return { ok: false, field: "startTime", message: "validation.sessionStartPast" };
  const modules = [...new Set(input.modules)];
  if (modules.some((slug) => state.modules.get(slug)?.status !== "published"))
    return { ok: false, field: "modules", message: "validation.sessionUnknownModule" };
  const [host] = await tx.select({ role: users.role, active: users.active }).from(users).where(eq(users.id, input.hostId));
  if (!host || !host.active || !can(host, "sessions.host")) return { ok: false, field: "hostId", message: "validation.sessionHost" };
  return { startsAt, endsAt, modules };
}

const fieldsOf = (input: LiveSessionInput, c: Checked) => ({
  titleEn: input.titleEn,
  titleId: input.titleId,
  descriptionEn: input.descriptionEn,
  descriptionId: input.descriptionId,
  hostId: input.hostId,
  startsAt: c.startsAt,
  endsAt: c.endsAt,
  place: input.place || null,
  meetingUrl: input.meetingUrl || null,
  capacity: input.capacity,
  hours: input.hours,
});

export async function createSession(actor: User, input: LiveSessionInput, state: ContentState, now = clockNow()): Promise<ScheduleResult> {
  assertCan(actor, "sessions.manage");
  return writeTransaction(async (tx): Promise<ScheduleResult> => {
    const checked = await check(tx, input, state, now, false);
    if ("ok" in checked) return checked;
    const id = newId();
    const fields = fieldsOf(input, checked);
    await tx.insert(liveSessions).values({ id, ...fields, attendanceCode: newAttendanceCode(), createdBy: actor.id, createdAt: now, updatedAt: now });
    await tx.insert(liveSessionModules).values(checked.modules.map((moduleSlug) => ({ sessionId: id, moduleSlug })));
    const s = (await sessionRow(tx, id))!;
    await notifySession(tx, s, [s.hostId], "session_hosting", "REQUEST", now, () => ({ change: "scheduled" as const }));
    await recordAudit(
      tx,
      {
        actorId: actor.id,
        action: "live_session.schedule",
        subjectType: "live_session",
        subjectId: id,
        details: {
          title: input.titleEn,
          startsAt: checked.startsAt.toISOString(),
          hostId: input.hostId,
          capacity: input.capacity,
          modules: checked.modules,
        },
      },
      now,
    );
    return { ok: true, id };
  });
}

export async function updateSession(
  actor: User,
  id: string,
  input: LiveSessionInput,
  state: ContentState,
  now = clockNow(),
): Promise<ScheduleResult | null> {
  assertCan(actor, "sessions.manage");
  return writeTransaction(async (tx): Promise<ScheduleResult | null> => {
    const before = await sessionRow(tx, id);
    if (!before) return null;
    if (!isOpen(before, now)) return { ok: false, field: "form", message: "sessions.trainer.notEditable" };
    const checked = await check(tx, input, state, now, true);
    if ("ok" in checked) return checked;
    const fields = fieldsOf(input, checked);
    const timeChanged = fields.startsAt.getTime() !== before.startsAt.getTime() || fields.endsAt.getTime() !== before.endsAt.getTime();
    // A session already under way keeps its start; a new start must be in the future.
    if (timeChanged && fields.startsAt <= now) return { ok: false, field: "startTime", message: "validation.sessionStartPast" };
    const calendarChanged = timeChanged || fields.place !== before.place || fields.meetingUrl !== before.meetingUrl;
    const hostChanged = fields.hostId !== before.hostId;
    const sequence = before.sequence + (calendarChanged || hostChanged ? 1 : 0);
    await tx
      .update(liveSessions)
      .set({ ...fields, sequence, updatedAt: now })
      .where(eq(liveSessions.id, id));
    await tx.delete(liveSessionModules).where(eq(liveSessionModules.sessionId, id));
    await tx.insert(liveSessionModules).values(checked.modules.map((moduleSlug) => ({ sessionId: id, moduleSlug })));
    // The reminder is for the day before the session's (new) day.
    if (timeChanged) await tx.update(regs).set({ remindedAt: null }).where(eq(regs.sessionId, id));
    const s = (await sessionRow(tx, id))!;
    if (calendarChanged) {
      const registered = await tx
        .select({ userId: regs.userId })
        .from(regs)
        .where(and(eq(regs.sessionId, id), eq(regs.status, "registered")));
      await notifySession(
        tx,
        s,
        registered.map((r) => r.userId).filter((u) => u !== s.hostId),
        "session_changed",
        "REQUEST",
        now,
      );
    }
    if (hostChanged) {
      await notifySession(tx, s, [s.hostId], "session_hosting", "REQUEST", now, () => ({ change: "scheduled" as const }));
      // The previous host's calendar loses the event.
      await notifySession(tx, { ...s, hostId: before.hostId }, [before.hostId], "session_cancelled", "CANCEL", now);
    } else if (calendarChanged) {
      await notifySession(tx, s, [s.hostId], "session_hosting", "REQUEST", now, () => ({ change: "changed" as const }));
    }
    const promoted = await promoteWaitlist(tx, s, now);
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    const was = { ...before, startsAt: before.startsAt.toISOString(), endsAt: before.endsAt.toISOString() } as Record<string, unknown>;
    const now_ = { ...fields, startsAt: fields.startsAt.toISOString(), endsAt: fields.endsAt.toISOString() } as Record<string, unknown>;
    for (const key of Object.keys(now_)) if (was[key] !== now_[key]) changes[key] = { from: was[key], to: now_[key] };
    await recordAudit(
      tx,
      {
        actorId: actor.id,
        action: "live_session.change",
        subjectType: "live_session",
        subjectId: id,
        details: { ...changes, sequence, promoted: promoted.length },
      },
      now,
    );
    return { ok: true, id };
  });
}

/** Cancels a session: everyone registered or waiting and the host get a CANCEL. False when there is nothing to cancel. */
export async function cancelSession(actor: User, id: string, now = clockNow()): Promise<boolean> {
  assertCan(actor, "sessions.manage");
  return writeTransaction(async (tx) => {
    const before = await sessionRow(tx, id);
    if (!before || !isOpen(before, now)) return false;
    await tx
      .update(liveSessions)
      .set({ status: "cancelled", cancelledAt: now, sequence: before.sequence + 1, updatedAt: now })
      .where(eq(liveSessions.id, id));
    const s = (await sessionRow(tx, id))!;
    const people = await tx
      .select({ userId: regs.userId })
      .from(regs)
      .where(and(eq(regs.sessionId, id), ne(regs.status, "cancelled")));
    const ids = [...new Set([...people.map((p) => p.userId), s.hostId])];
    await notifySession(tx, s, ids, "session_cancelled", "CANCEL", now);
    await recordAudit(
      tx,
      {
        actorId: actor.id,
        action: "live_session.cancel",
        subjectType: "live_session",
        subjectId: id,
        details: { title: s.titleEn, notified: ids.length },
      },
      now,
    );
    return true;
  });
}
