// Live sessions (issue 31): scheduling rules, capacity and the waitlist promoted in order, a
// race of registrations that never exceeds capacity, and the mail each event sends, delivered
// through a real SMTP server with its .ics parsed by ical.js.
import ICAL from "ical.js";
import { and, eq } from "drizzle-orm";
import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetConfig } from "~/config.server";
import { getContent } from "~/content/registry.server";
import { getDb } from "~/db/client.server";
import { auditEvents, liveSessionModules, liveSessionRegistrations, liveSessions, outboxMessages, users } from "~/db/schema";
import { createMailer, drainOutbox, type Mailer } from "~/outbox/worker.server";
import { parseForm } from "~/schemas/form";
import { LIVE_SESSION_ARRAY_FIELDS, LiveSessionSchema, type LiveSessionInput } from "~/schemas/sessions";
import { cancelRegistration, registerForSession, waitlistPosition } from "~/sessions/registration.server";
import { cancelSession, createSession, updateSession } from "~/sessions/schedule.server";
import { createTestUser } from "../setup/factories";
import { expectDistinctBackends, race } from "../setup/race";
import { startMailbox, type TestMailbox } from "../setup/smtp";

// Monday 7 January 2030, 09:00 in Jakarta; the session is a week later, 09:00-11:00 local.
const T0 = new Date("2030-01-07T02:00:00Z");
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const START = "2030-01-14T02:00:00.000Z";

let mailbox: TestMailbox;
let mailer: Mailer;
beforeAll(async () => {
  // The organisation's zone is Jakarta here (UTC+7 all year), so local and UTC differ.
  process.env.TIME_ZONE = "Asia/Jakarta";
  resetConfig();
  mailbox = await startMailbox();
  mailer = createMailer(mailbox.url);
});
afterAll(async () => {
  process.env.TIME_ZONE = "UTC";
  resetConfig();
  mailer.transport.close();
  await mailbox.stop();
});
beforeEach(async () => {
  await drainOutbox(mailer, at(60 * 24 * 365));
  await getDb().delete(outboxMessages);
  mailbox.clear();
});

async function trainerAndMentor() {
  return { trainer: await createTestUser({ role: "trainer" }), mentor: await createTestUser({ role: "mentor", displayName: "Rina, Kominfo; host" }) };
}

function input(hostId: string, over: Partial<LiveSessionInput> = {}): LiveSessionInput {
  return {
    titleEn: "Reels clinic, part 1",
    titleId: "Klinik Reels, bagian 1",
    descriptionEn: "Bring a phone.\nWe film; you edit.",
    descriptionId: "Bawa ponsel.",
    hostId,
    day: "2030-01-14",
    startTime: "09:00",
    endTime: "11:00",
    place: "Hall 2, Riverside branch",
    meetingUrl: "https://meet.example.org/reels",
    capacity: 2,
    hours: 2,
    modules: ["quick-module"],
    ...over,
  };
}

async function schedule(over: Partial<LiveSessionInput> = {}) {
  const { trainer, mentor } = await trainerAndMentor();
  const result = await createSession(trainer, input(mentor.id, over), await getContent(), T0);
  if (!result.ok) throw new Error(`schedule failed: ${result.field} ${result.message}`);
  return { trainer, mentor, id: result.id };
}

const statusOf = async (sessionId: string, userId: string) =>
  (
    await getDb()
      .select({ status: liveSessionRegistrations.status })
      .from(liveSessionRegistrations)
      .where(and(eq(liveSessionRegistrations.sessionId, sessionId), eq(liveSessionRegistrations.userId, userId)))
  )[0]?.status;

function form(values: Record<string, string | string[]>) {
  const f = new FormData();
  for (const [k, v] of Object.entries(values)) for (const x of Array.isArray(v) ? v : [v]) f.append(k, x);
  return f;
}

const FORM = {
  titleEn: "Reels clinic",
  titleId: "Klinik Reels",
  descriptionEn: "",
  descriptionId: "",
  hostId: "x",
  day: "2030-01-14",
  startTime: "09:00",
  endTime: "11:00",
  place: "Hall 2",
  meetingUrl: "",
  capacity: "20",
  hours: "1.5",
  modules: ["quick-module"],
};

/** The calendar part of a received mail, parsed. */
function calendarOf(mail: ParsedMail) {
  const part = mail.attachments.find((a) => a.contentType.startsWith("text/calendar"));
  if (!part) return null;
  const root = new ICAL.Component(ICAL.parse(part.content.toString("utf8")));
  const event = root.getFirstSubcomponent("vevent")!;
  return {
    method: root.getFirstPropertyValue("method"),
    uid: event.getFirstPropertyValue("uid"),
    sequence: event.getFirstPropertyValue("sequence"),
    start: (event.getFirstPropertyValue("dtstart") as ICAL.Time).toJSDate().toISOString(),
    end: (event.getFirstPropertyValue("dtend") as ICAL.Time).toJSDate().toISOString(),
    status: event.getFirstPropertyValue("status"),
    summary: event.getFirstPropertyValue("summary"),
    location: event.getFirstPropertyValue("location"),
    description: event.getFirstPropertyValue("description"),
    attendees: event.getAllProperties("attendee").map((p) => String(p.getFirstValue())),
    organizer: String(event.getFirstPropertyValue("organizer")),
    /** The METHOD parameter of the part's Content-Type, which mail clients read before the body. */
    partMethod: (part.headers.get("content-type") as { params?: { method?: string } } | undefined)?.params?.method,
  };
}

describe("scheduling", () => {
  it("the form schema names the field of each mistake", () => {
    const cases: [Record<string, string | string[]>, Record<string, string>][] = [
      [{ startTime: "25:00" }, { startTime: "validation.sessionTime" }],
      [{ startTime: "11:00", endTime: "09:00" }, { endTime: "validation.sessionEndBeforeStart" }],
      [{ startTime: "09:00", endTime: "09:00" }, { endTime: "validation.sessionEndBeforeStart" }],
      [{ day: "2030-02-30" }, { day: "validation.date" }],
      [{ meetingUrl: "http://meet.example.org/x" }, { meetingUrl: "validation.httpsUrl" }],
      [{ meetingUrl: "javascript:alert(1)" }, { meetingUrl: "validation.httpsUrl" }],
      [{ place: "", meetingUrl: "" }, { place: "validation.sessionPlaceOrLink" }],
      [{ capacity: "0" }, { capacity: "validation.sessionCapacity" }],
      [{ capacity: "ten" }, { capacity: "validation.sessionCapacity" }],
      [{ hours: "1.25" }, { hours: "validation.sessionHours" }],
      [{ hours: "9" }, { hours: "validation.sessionHours" }],
      [{ modules: [] }, { modules: "validation.sessionModules" }],
      [{ titleId: "" }, { titleId: "validation.required" }],
    ];
    for (const [change, errors] of cases) {
      const parsed = parseForm(LiveSessionSchema, form({ ...FORM, ...change }), LIVE_SESSION_ARRAY_FIELDS);
      expect(parsed.success, JSON.stringify(change)).toBe(false);
      if (!parsed.success) expect(parsed.errors, JSON.stringify(change)).toEqual(errors);
    }
    const ok = parseForm(LiveSessionSchema, form({ ...FORM, hours: "1,5" }), LIVE_SESSION_ARRAY_FIELDS);
    expect(ok.success && ok.data.hours).toBe(1.5);
  });

  it("stores the local time as a UTC instant, a random attendance code, the modules and an audit event", async () => {
    const { id, trainer, mentor } = await schedule();
    const { id: other } = await schedule();
    const [row] = await getDb().select().from(liveSessions).where(eq(liveSessions.id, id));
    expect(row!.startsAt.toISOString()).toBe(START);
    expect(row!.endsAt.toISOString()).toBe("2030-01-14T04:00:00.000Z");
    expect(row!.hostId).toBe(mentor.id);
    expect(row!.sequence).toBe(0);
    expect(row!.attendanceCode).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ2-9]{8}$/);
    const [second] = await getDb().select().from(liveSessions).where(eq(liveSessions.id, other));
    expect(second!.attendanceCode).not.toBe(row!.attendanceCode);
    expect((await getDb().select().from(liveSessionModules).where(eq(liveSessionModules.sessionId, id))).map((m) => m.moduleSlug)).toEqual([
      "quick-module",
    ]);
    const [audit] = await getDb()
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.subjectId, id), eq(auditEvents.action, "live_session.schedule")));
    expect(audit!.actorId).toBe(trainer.id);
  });

  it("refuses an unknown or draft module, a host who may not host, an inactive host and a start in the past", async () => {
    const { trainer, mentor } = await trainerAndMentor();
    const state = await getContent();
    const staff = await createTestUser();
    const hr = await createTestUser({ role: "hr" });
    const gone = await createTestUser({ role: "mentor", active: false });
    const expectations: [LiveSessionInput, string, string][] = [
      [input(mentor.id, { modules: ["no-such-module"] }), "modules", "validation.sessionUnknownModule"],
      [input(mentor.id, { modules: ["draft-module"] }), "modules", "validation.sessionUnknownModule"],
      [input(staff.id), "hostId", "validation.sessionHost"],
      [input(hr.id), "hostId", "validation.sessionHost"],
      [input(gone.id), "hostId", "validation.sessionHost"],
      [input("no-such-person"), "hostId", "validation.sessionHost"],
      [input(mentor.id, { day: "2030-01-07", startTime: "08:00", endTime: "10:00" }), "startTime", "validation.sessionStartPast"],
    ];
    for (const [bad, field, message] of expectations) expect(await createSession(trainer, bad, state, T0)).toEqual({ ok: false, field, message });
    expect(await getDb().select().from(liveSessions)).toHaveLength(await getDb().$count(liveSessions));
    // A trainer may host too.
    expect((await createSession(trainer, input(trainer.id), state, T0)).ok).toBe(true);
  });
});

describe("registration, capacity and the waitlist", () => {
  it("fills the places, queues the rest in order and promotes the first in line when someone cancels", async () => {
    const { id } = await schedule({ capacity: 2 });
    const [a, b, c, d] = await Promise.all([1, 2, 3, 4].map(() => createTestUser()));
    expect(await registerForSession(a!, id, at(1))).toEqual({ ok: true, status: "registered" });
    expect(await registerForSession(b!, id, at(2))).toEqual({ ok: true, status: "registered" });
    expect(await registerForSession(c!, id, at(3))).toEqual({ ok: true, status: "waitlisted", position: 1 });
    expect(await registerForSession(d!, id, at(4))).toEqual({ ok: true, status: "waitlisted", position: 2 });
    // Registering again changes nothing.
    expect(await registerForSession(d!, id, at(5))).toEqual({ ok: true, status: "waitlisted", position: 2 });

    const cancelled = await cancelRegistration(b!, id, at(6));
    expect(cancelled).toEqual({ ok: true, was: "registered", promoted: [c!.id] });
    expect(await statusOf(id, b!.id)).toBe("cancelled");
    expect(await statusOf(id, c!.id)).toBe("registered");
    expect(await waitlistPosition(id, d!.id)).toBe(1);
    // B comes back: at the back of the queue, behind D.
    expect(await registerForSession(b!, id, at(7))).toEqual({ ok: true, status: "waitlisted", position: 2 });
    // Someone waiting leaves: nobody is promoted, the queue closes up.
    expect(await cancelRegistration(d!, id, at(8))).toEqual({ ok: true, was: "waitlisted", promoted: [] });
    expect(await waitlistPosition(id, b!.id)).toBe(1);
    expect(await cancelRegistration(d!, id, at(9))).toEqual({ ok: false, reason: "not-registered" });
  });

  it("a raised capacity promotes from the waitlist in the same change", async () => {
    const { id, trainer, mentor } = await schedule({ capacity: 1 });
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => createTestUser()));
    for (const [n, p] of [a!, b!, c!].entries()) await registerForSession(p, id, at(n + 1));
    expect(await updateSession(trainer, id, input(mentor.id, { capacity: 2 }), await getContent(), at(10))).toEqual({ ok: true, id });
    expect([await statusOf(id, a!.id), await statusOf(id, b!.id), await statusOf(id, c!.id)]).toEqual(["registered", "registered", "waitlisted"]);
    const kinds = (await getDb().select().from(outboxMessages).where(eq(outboxMessages.userId, b!.id))).map((m) => m.kind);
    expect(kinds).toContain("session_promoted");
    // A capacity change alone is not a calendar change: no new sequence, nothing to A.
    const [row] = await getDb().select().from(liveSessions).where(eq(liveSessions.id, id));
    expect(row!.sequence).toBe(0);
    expect((await getDb().select().from(outboxMessages).where(eq(outboxMessages.userId, a!.id))).map((m) => m.kind)).toEqual(["session_registered"]);
  });

  it("refuses a cancelled or ended session", async () => {
    const { id, trainer } = await schedule();
    const person = await createTestUser();
    expect(await registerForSession(person, id, new Date("2030-01-14T04:00:00Z"))).toEqual({ ok: false, reason: "closed" });
    expect(await registerForSession(person, "no-such-session", at(1))).toEqual({ ok: false, reason: "not-found" });
    expect(await cancelSession(trainer, id, at(1))).toBe(true);
    expect(await cancelSession(trainer, id, at(2))).toBe(false);
    expect(await registerForSession(person, id, at(3))).toEqual({ ok: false, reason: "closed" });
    expect(await statusOf(id, person.id)).toBeUndefined();
  });

  it("never lets registrations at once exceed the capacity", async () => {
    const { id } = await schedule({ capacity: 2 });
    const people = await Promise.all([1, 2, 3, 4, 5, 6].map(() => createTestUser()));
    const outcome = await race(people.map((p, n) => () => registerForSession(p, id, at(n + 1))));
    expectDistinctBackends(outcome, (ok, message) => expect(ok, message).toBe(true));
    const results = outcome.results.map((r) => (r.status === "fulfilled" ? r.value : { error: String(r.reason) }));
    expect(results.filter((r) => "status" in r && r.status === "registered")).toHaveLength(2);
    const positions = results.flatMap((r) => ("position" in r ? [r.position] : [])).sort();
    expect(positions).toEqual([1, 2, 3, 4]);
    const rows = await getDb().select().from(liveSessionRegistrations).where(eq(liveSessionRegistrations.sessionId, id));
    expect(rows.filter((r) => r.status === "registered")).toHaveLength(2);
    expect(rows.filter((r) => r.status === "waitlisted")).toHaveLength(4);
  });
});

describe("mail and the .ics", () => {
  it("registration, waitlist, promotion, change and cancellation mails carry the right calendar", async () => {
    const { id, trainer, mentor } = await schedule({ capacity: 1 });
    const a = await createTestUser({ locale: "en" });
    const b = await createTestUser({ locale: "id" });
    await registerForSession(a, id, at(1));
    await registerForSession(b, id, at(2));
    await drainOutbox(mailer, at(3));
    const uid = `live-session-${id}@academy.test`;

    const host = calendarOf(mailbox.to(mentor.email)[0]!)!;
    expect(host).toMatchObject({ method: "REQUEST", uid, sequence: 0, start: START, status: "CONFIRMED" });
    expect(mailbox.to(mentor.email)[0]!.subject).toBe("You are hosting: Reels clinic, part 1");

    const [registered] = mailbox.to(a.email);
    expect(registered!.subject).toBe("You are registered: Reels clinic, part 1");
    expect(registered!.text).toContain("When: Mon, 14 Jan 2030, 09:00–11:00 (Asia/Jakarta)");
    expect(registered!.text).toContain("Hall 2, Riverside branch");
    const ics = calendarOf(registered!)!;
    expect(ics).toMatchObject({
      method: "REQUEST",
      uid,
      sequence: 0,
      start: START,
      end: "2030-01-14T04:00:00.000Z",
      summary: "Reels clinic, part 1",
      location: "Hall 2, Riverside branch",
    });
    expect(ics.partMethod).toMatch(/^request$/i);
    expect(ics.description).toContain("Bring a phone.\nWe film; you edit.");
    expect(ics.attendees).toEqual([`mailto:${mentor.email}`, `mailto:${a.email}`]);

    const [waiting] = mailbox.to(b.email);
    expect(waiting!.subject).toBe("Masuk daftar tunggu: Klinik Reels, bagian 1");
    expect(calendarOf(waiting!)).toBeNull();

    // A cancels: A's calendar loses the event, B is promoted and gets the invitation.
    mailbox.clear();
    await cancelRegistration(a, id, at(10));
    await drainOutbox(mailer, at(11));
    expect(calendarOf(mailbox.to(a.email)[0]!)).toMatchObject({ method: "CANCEL", uid, sequence: 0 });
    const promoted = mailbox.to(b.email)[0]!;
    expect(promoted.subject).toBe("Anda mendapat tempat: Klinik Reels, bagian 1");
    expect(calendarOf(promoted)).toMatchObject({ method: "REQUEST", uid, sequence: 0, start: START, summary: "Klinik Reels, bagian 1" });

    // The time moves an hour: sequence 1, a new invitation to B and the host.
    mailbox.clear();
    const moved = input(mentor.id, { capacity: 1, startTime: "10:00", endTime: "12:00" });
    expect((await updateSession(trainer, id, moved, await getContent(), at(20)))?.ok).toBe(true);
    await drainOutbox(mailer, at(21));
    expect(calendarOf(mailbox.to(b.email)[0]!)).toMatchObject({ method: "REQUEST", uid, sequence: 1, start: "2030-01-14T03:00:00.000Z" });
    expect(mailbox.to(b.email)[0]!.subject).toBe("Ada perubahan: Klinik Reels, bagian 1");
    expect(calendarOf(mailbox.to(mentor.email)[0]!)).toMatchObject({ method: "REQUEST", sequence: 1 });
    expect(mailbox.to(a.email)).toHaveLength(0);

    // Cancelled: everyone registered or waiting, and the host, get a CANCEL with the next sequence.
    const c = await createTestUser();
    await registerForSession(c, id, at(30));
    await drainOutbox(mailer, at(30));
    mailbox.clear();
    expect(await cancelSession(trainer, id, at(31))).toBe(true);
    await drainOutbox(mailer, at(32));
    for (const person of [b, c, mentor]) {
      expect(calendarOf(mailbox.to(person.email)[0]!), person.email).toMatchObject({ method: "CANCEL", uid, sequence: 2, status: "CANCELLED" });
    }
    expect(mailbox.to(a.email)).toHaveLength(0);
    const audits = (await getDb().select().from(auditEvents).where(eq(auditEvents.subjectId, id))).map((e) => e.action).sort();
    expect(audits).toEqual(["live_session.cancel", "live_session.change", "live_session.schedule"]);
  });

  it("a change of host cancels the event in the old host's calendar and invites the new one", async () => {
    const { id, trainer, mentor } = await schedule();
    const other = await createTestUser({ role: "mentor" });
    expect((await updateSession(trainer, id, input(other.id), await getContent(), at(5)))?.ok).toBe(true);
    const rows = await getDb().select().from(outboxMessages);
    expect(rows.find((r) => r.userId === mentor.id && r.kind === "session_cancelled")?.calendarMethod).toBe("CANCEL");
    expect(rows.find((r) => r.userId === other.id && r.kind === "session_hosting")?.calendarMethod).toBe("REQUEST");
  });
});

describe("the day-before reminder", () => {
  it("goes once to each registered person of tomorrow's sessions, not to those waiting or to later sessions", async () => {
    const { runScheduler } = await import("~/notifications/scheduler.server");
    const { id } = await schedule({ capacity: 1 });
    const { id: later } = await schedule({ day: "2030-01-15" });
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => createTestUser()));
    await registerForSession(a!, id, at(1));
    await registerForSession(b!, id, at(2));
    await registerForSession(c!, later, at(3));
    const mine = new Set([a!.id, b!.id, c!.id]);
    const reminders = async () =>
      (await getDb().select().from(outboxMessages).where(eq(outboxMessages.kind, "session_reminder")))
        .map((m) => m.userId!)
        .filter((u) => mine.has(u));
    // Sunday 13 January, 08:00 in Jakarta: the session is tomorrow.
    const sunday = new Date("2030-01-13T01:00:00Z");
    await runScheduler(new Date("2030-01-12T01:00:00Z"), { ignoreHour: true });
    expect(await reminders()).toEqual([]);
    await runScheduler(sunday, { ignoreHour: true });
    expect(await reminders()).toEqual([a!.id]);
    await runScheduler(new Date(sunday.getTime() + 3_600_000), { ignoreHour: true });
    expect(await reminders()).toEqual([a!.id]);
    const [row] = await getDb()
      .select()
      .from(liveSessionRegistrations)
      .where(and(eq(liveSessionRegistrations.sessionId, id), eq(liveSessionRegistrations.userId, a!.id)));
    expect(row!.remindedAt?.toISOString()).toBe(sunday.toISOString());
    await drainOutbox(mailer, sunday);
    const mail = mailbox.to(a!.email).find((m) => m.subject === "Tomorrow: Reels clinic, part 1")!;
    expect(mail.text).toContain("tomorrow");
    expect(mail.text).toContain("https://meet.example.org/reels");
    expect(calendarOf(mail)).toBeNull();
    expect((await getDb().select().from(users).where(eq(users.id, a!.id))).length).toBe(1);
  });
});
