// The day-before reminder of a live session, a pass of the daily reminder run
// (app/notifications/scheduler.server.ts): every registered person of a session that starts
// tomorrow in TIME_ZONE gets one. The registration's remindedAt is set in the transaction of the
// message, only where it is still empty, so a rerun, a restart or a second worker sends nothing
// twice; a change of the session's time empties it again (schedule.server.ts).
import { setImmediate } from "node:timers/promises";
import { and, asc, eq, gte, inArray, isNull, lt } from "drizzle-orm";
import { getConfig } from "~/config.server";
import { getDb } from "~/db/client.server";
import { liveSessionRegistrations as regs, liveSessions } from "~/db/schema";
import { changedRows } from "~/db/sql.server";
import { writeTransaction } from "~/db/transaction.server";
import { addDays, startOfDay } from "~/utils/dates";
import { notifySession, sessionRow } from "./notify.server";

/** Reminders written per transaction, as the scheduler's batches (ADR 0030). */
const BATCH = 25;

/** Sends the reminders due for sessions on the day after `today`; returns how many went. */
export async function sendSessionReminders(now: Date, today: string): Promise<number> {
  const { timeZone } = getConfig();
  const tomorrow = addDays(today, 1);
  const from = startOfDay(tomorrow, timeZone);
  const to = startOfDay(addDays(tomorrow, 1), timeZone);
  const due = await getDb()
    .select({ id: regs.id, userId: regs.userId, sessionId: regs.sessionId })
    .from(regs)
    .innerJoin(liveSessions, eq(liveSessions.id, regs.sessionId))
    .where(
      and(
        eq(regs.status, "registered"),
        isNull(regs.remindedAt),
        eq(liveSessions.status, "scheduled"),
        gte(liveSessions.startsAt, from),
        lt(liveSessions.startsAt, to),
      ),
    )
    .orderBy(asc(liveSessions.startsAt), asc(regs.id));
  let sent = 0;
  for (let i = 0; i < due.length; i += BATCH) {
    const batch = due.slice(i, i + BATCH);
    sent += await writeTransaction(async (tx) => {
      let n = 0;
      for (const r of batch) {
        // Claimed here, inside the lock: another run that got here first left nothing to claim.
        const claimed = await tx
          .update(regs)
          .set({ remindedAt: now })
          .where(and(inArray(regs.id, [r.id]), isNull(regs.remindedAt), eq(regs.status, "registered")));
        if (changedRows(claimed) !== 1) continue;
        const s = await sessionRow(tx, r.sessionId);
        if (!s || s.status !== "scheduled") continue;
        n += await notifySession(tx, s, [r.userId], "session_reminder", null, now);
      }
      return n;
    });
    await setImmediate();
  }
  return sent;
}
