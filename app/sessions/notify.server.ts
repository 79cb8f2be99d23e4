// Who hears of a live session's events and with which calendar attachment (ADR 0036). Each
// function runs inside the event's transaction: the message, rendered in the recipient's
// language, commits with the registration or change it reports.
import { eq, inArray } from "drizzle-orm";
import { can } from "~/auth/policy";
import { getConfig } from "~/config.server";
import type { Tx } from "~/db/client.server";
import { liveSessions, users, type Locale } from "~/db/schema";
import { recipientLocale } from "~/i18n/locale.server";
import { enqueueFor } from "~/notifications/enqueue.server";
import type { NotificationData, NotificationKind, SessionNotice } from "~/notifications/kinds";
import { writeCalendar, type CalendarEvent, type CalendarMethod } from "./ics.server";

export type SessionRow = typeof liveSessions.$inferSelect;
type Person = { id: string; email: string; displayName: string; locale: Locale | null; active: boolean; role: (typeof users.$inferSelect)["role"] };

/** The learner's page of a session. */
export const sessionPath = (id: string) => `/sessions/${id}`;
/** The host's page: trainers manage the session; a mentor opens the host page (under /host). */
export const hostPath = (id: string, host: Pick<Person, "role">) =>
  can(host, "sessions.manage") ? `/trainer/sessions/${id}` : `/host/sessions/${id}`;

/** One calendar event per session for every message: a stable UID on the app's host name. */
export function sessionUid(id: string) {
  const host = new URL(getConfig().publicUrl).hostname || "localhost";
  return `live-session-${id}@${host}`;
}

function organizer() {
  const { mail, orgName } = getConfig();
  const match = /<([^>]+)>/.exec(mail.from);
  return { name: orgName, email: (match ? match[1]! : mail.from).trim() };
}

function noticeOf(s: SessionRow, path: string): SessionNotice {
  return {
    title: { en: s.titleEn, id: s.titleId },
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    place: s.place,
    meetingUrl: s.meetingUrl,
    path,
  };
}

/** The invitation (REQUEST) or cancellation (CANCEL) for one recipient, in their language. */
export function calendarFor(s: SessionRow, recipient: Person, host: Person, method: CalendarMethod, now: Date): string {
  const locale = recipientLocale(recipient);
  const path = recipient.id === host.id ? hostPath(s.id, host) : sessionPath(s.id);
  const pageUrl = getConfig().publicUrl + path;
  const description = [locale === "id" ? s.descriptionId : s.descriptionEn, s.meetingUrl ?? "", pageUrl].filter(Boolean).join("\n\n");
  const attendees: CalendarEvent["attendees"] = [{ name: host.displayName, email: host.email, role: "CHAIR" }];
  if (recipient.id !== host.id) attendees.push({ name: recipient.displayName, email: recipient.email, role: "REQ-PARTICIPANT" });
  return writeCalendar({
    method,
    uid: sessionUid(s.id),
    sequence: s.sequence,
    stamp: now,
    start: s.startsAt,
    end: s.endsAt,
    summary: locale === "id" ? s.titleId : s.titleEn,
    description,
    location: s.place ?? s.meetingUrl,
    url: pageUrl,
    organizer: organizer(),
    attendees,
    cancelled: method === "CANCEL",
  });
}

const PERSON_COLUMNS = {
  id: users.id,
  email: users.email,
  displayName: users.displayName,
  locale: users.locale,
  active: users.active,
  role: users.role,
};

async function people(tx: Tx, ids: string[]): Promise<Map<string, Person>> {
  if (ids.length === 0) return new Map();
  const rows = await tx.select(PERSON_COLUMNS).from(users).where(inArray(users.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

type SessionKind = Extract<NotificationKind, `session_${string}`>;
type Extra<K extends SessionKind> = Omit<NotificationData[K], keyof SessionNotice>;

/**
 * Tells each of `userIds` about the session with `kind`; `method` attaches the invitation
 * (REQUEST) or its cancellation (CANCEL). Inactive people get nothing.
 */
export async function notifySession<K extends SessionKind>(
  tx: Tx,
  s: SessionRow,
  userIds: string[],
  kind: K,
  method: CalendarMethod | null,
  now: Date,
  extra?: (userId: string) => Extra<K>,
): Promise<number> {
  const found = await people(tx, [...new Set([...userIds, s.hostId])]);
  const host = found.get(s.hostId);
  let sent = 0;
  for (const id of userIds) {
    const person = found.get(id);
    if (!person || !person.active || !host) continue;
    const path = id === s.hostId ? hostPath(s.id, host) : sessionPath(s.id);
    const data = { ...noticeOf(s, path), ...(extra?.(id) ?? {}) } as NotificationData[K];
    const calendar = method ? { method, ics: calendarFor(s, person, host, method, now) } : undefined;
    await enqueueFor(tx, person, { kind, userId: id, data, calendar }, now);
    sent++;
  }
  return sent;
}

/** The session as it is now in the transaction (after an update). */
export async function sessionRow(tx: Tx, id: string): Promise<SessionRow | undefined> {
  const [row] = await tx.select().from(liveSessions).where(eq(liveSessions.id, id));
  return row;
}
