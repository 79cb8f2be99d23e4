// Live sessions end to end (issue 31): a trainer schedules a session hosted by the demo mentor in
// the browser; two learners register on their phones for its one place, the second goes on the
// waitlist; the first cancels and the second is promoted; the invitations and the cancellation
// arrive through a real SMTP server and their .ics parts parse with ical.js; the mentor sees the
// session and its registrant on the host page. The library's zone is Asia/Jakarta, so 09:00 on
// the form is 02:00 UTC in every calendar file.
import ICAL from "ical.js";
import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { startMailbox, type TestMailbox } from "../setup/smtp";
import { clickAndWait, e2eEnabled, expectAccessible, launchBrowser, loginByCookie, startServer, visit, type TestServer } from "./harness";

const PHONE = { width: 360, height: 740 };
// The server's clock is a fixed Monday morning, so the session's day never depends on today.
const NOW = new Date("2026-06-01T01:00:00Z");

function calendarOf(mail: ParsedMail) {
  const part = mail.attachments.find((a) => a.contentType.startsWith("text/calendar"));
  expect(part, `a calendar part in "${mail.subject}"`).toBeDefined();
  const root = new ICAL.Component(ICAL.parse(part!.content.toString("utf8")));
  const event = root.getFirstSubcomponent("vevent")!;
  return {
    method: root.getFirstPropertyValue("method"),
    uid: String(event.getFirstPropertyValue("uid")),
    sequence: Number(event.getFirstPropertyValue("sequence")),
    status: event.getFirstPropertyValue("status"),
    summary: event.getFirstPropertyValue("summary"),
    location: event.getFirstPropertyValue("location"),
    start: (event.getFirstPropertyValue("dtstart") as ICAL.Time).toJSDate().toISOString(),
    end: (event.getFirstPropertyValue("dtend") as ICAL.Time).toJSDate().toISOString(),
  };
}

describe.skipIf(!e2eEnabled)("live sessions: schedule, register, waitlist, promotion, calendar mail", () => {
  let server: TestServer;
  let browser: Browser;
  let mailbox: TestMailbox;

  beforeAll(async () => {
    mailbox = await startMailbox();
    [server, browser] = await Promise.all([
      startServer({ env: { SMTP_URL: mailbox.url, NOTIFY_POLL_MS: "200", TIME_ZONE: "Asia/Jakarta" } }),
      launchBrowser(),
    ]);
    await server.setClockOffset(NOW.getTime() - Date.now());
    await server.createUser({ email: "trainer@sessions.test", name: "Tari Trainer", role: "trainer" });
    await server.createUser({ email: "mentor@demo.library", name: "Yusuf Hakim", role: "mentor" });
    await server.createUser({ email: "first@sessions.test", name: "Fitri First" });
    await server.createUser({ email: "second@sessions.test", name: "Sandi Second" });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await mailbox?.stop();
  });

  async function phone(email: string, path: string): Promise<Page> {
    const page = await (await browser.newContext({ viewport: PHONE, locale: "en-GB" })).newPage();
    await loginByCookie(page, server, email, path);
    return page;
  }

  const mailTo = (email: string, subject: string) => mailbox.waitFor((m) => m.subject === subject && JSON.stringify(m.to).includes(email));

  it("runs from scheduling to a promoted waitlist, with calendar files that parse", async () => {
    // The trainer schedules it; a mistake first, so the form shows which field is wrong and keeps the rest.
    const trainer = await (await browser.newContext({ locale: "en-GB" })).newPage();
    await loginByCookie(trainer, server, "trainer@sessions.test", "/trainer/sessions/new");
    await expectAccessible(trainer);
    await trainer.getByLabel("Title (English)").fill("Short videos with a local creator");
    await trainer.getByLabel("Title (Bahasa Indonesia)").fill("Video pendek bersama kreator lokal");
    await trainer.getByLabel("Description (English)").fill("Bring a phone and one idea for a reel about your branch.");
    await trainer.getByLabel("Description (Bahasa Indonesia)").fill("Bawa ponsel dan satu ide reel tentang cabang Anda.");
    const hostOption = trainer.locator("select[name=hostId] option", { hasText: "Yusuf Hakim (mentor" });
    await trainer.getByLabel("Host").selectOption((await hostOption.getAttribute("value"))!);
    await trainer.getByLabel("Day").fill("2026-06-08");
    await trainer.getByLabel("Starts at").fill("09:00");
    await trainer.getByLabel("Ends at").fill("08:00");
    await trainer.getByLabel("Place", { exact: true }).fill("Reading room, Central library");
    await trainer.getByLabel("Places", { exact: true }).fill("1");
    await trainer.getByLabel("Learning hours (JP)").fill("2");
    await trainer.getByRole("checkbox", { name: "Quick module" }).check();
    await clickAndWait(trainer, trainer.getByRole("button", { name: "Schedule" }));
    await expect(trainer.getByLabel("Ends at").getAttribute("aria-invalid")).resolves.toBe("true");
    await expect(trainer.getByLabel("Title (English)").inputValue()).resolves.toBe("Short videos with a local creator");
    await expectAccessible(trainer, "session form with an error");
    await trainer.getByLabel("Ends at").fill("11:00");
    await clickAndWait(trainer, trainer.getByRole("button", { name: "Schedule" }));
    await expect(trainer.getByRole("status").first().innerText()).resolves.toContain("The session is scheduled");
    const sessionId = new URL(trainer.url()).pathname.split("/").pop()!;
    const stored = server.db.prepare("select host_id, starts_at, ends_at, capacity, hours from live_sessions where id = ?").get(sessionId) as {
      host_id: string;
      starts_at: number;
      ends_at: number;
      capacity: number;
      hours: number;
    };
    const mentorId = (server.db.prepare("select id from users where email = 'mentor@demo.library'").get() as { id: string }).id;
    expect(stored).toEqual({
      host_id: mentorId,
      starts_at: Date.parse("2026-06-08T02:00:00Z"),
      ends_at: Date.parse("2026-06-08T04:00:00Z"),
      capacity: 1,
      hours: 2,
    });

    // The host's invitation.
    const hosting = calendarOf(await mailTo("mentor@demo.library", "You are hosting: Short videos with a local creator"));
    expect(hosting).toMatchObject({ method: "REQUEST", start: "2026-06-08T02:00:00.000Z", end: "2026-06-08T04:00:00.000Z" });

    // The first learner takes the one place.
    const first = await phone("first@sessions.test", "/sessions");
    await expectAccessible(first);
    await clickAndWait(first, first.getByRole("link", { name: /Short videos with a local creator/ }).first());
    await expectAccessible(first);
    await clickAndWait(first, first.getByRole("button", { name: "Register" }));
    await expect(first.getByRole("status").first().innerText()).resolves.toContain("You are registered.");
    const invite = calendarOf(await mailTo("first@sessions.test", "You are registered: Short videos with a local creator"));
    expect(invite).toMatchObject({
      method: "REQUEST",
      status: "CONFIRMED",
      summary: "Short videos with a local creator",
      location: "Reading room, Central library",
      start: "2026-06-08T02:00:00.000Z",
      end: "2026-06-08T04:00:00.000Z",
    });

    // The second finds it full and joins the waitlist.
    const second = await phone("second@sessions.test", `/sessions/${sessionId}`);
    await expect(second.getByText("Full: registering puts you on the waitlist").count()).resolves.toBe(1);
    await clickAndWait(second, second.getByRole("button", { name: "Join the waitlist" }));
    await expect(second.getByRole("status").first().innerText()).resolves.toContain("you are on the waitlist, number 1");
    await expectAccessible(second, "session page on the waitlist");
    await mailTo("second@sessions.test", "On the waitlist: Short videos with a local creator");

    // The first cancels: the place goes to the second, each told by mail with the right calendar method.
    await clickAndWait(first, first.getByRole("button", { name: "Cancel my registration" }));
    await expect(first.getByRole("status").first().innerText()).resolves.toContain("Your registration is cancelled.");
    const cancelled = calendarOf(await mailTo("first@sessions.test", "Registration cancelled: Short videos with a local creator"));
    expect(cancelled).toMatchObject({ method: "CANCEL", uid: invite.uid });
    const promoted = calendarOf(await mailTo("second@sessions.test", "A place is yours: Short videos with a local creator"));
    expect(promoted).toMatchObject({ method: "REQUEST", uid: invite.uid, start: "2026-06-08T02:00:00.000Z" });

    await visit(second, `${server.url}/sessions/${sessionId}`);
    await expect(second.locator("p.lead").innerText()).resolves.toBe("You are registered.");
    const rows = server.db
      .prepare("select u.email, r.status from live_session_registrations r join users u on u.id = r.user_id where r.session_id = ? order by u.email")
      .all(sessionId);
    expect(rows).toEqual([
      { email: "first@sessions.test", status: "cancelled" },
      { email: "second@sessions.test", status: "registered" },
    ]);

    // The trainer's page and the mentor's host page agree.
    await visit(trainer, `${server.url}/trainer/sessions/${sessionId}`);
    const registered = await trainer.getByRole("table").first().innerText();
    expect(registered).toContain("Sandi Second");
    expect(registered).not.toContain("Fitri First");
    const mentor = await phone("mentor@demo.library", "/host/sessions");
    await expectAccessible(mentor);
    await clickAndWait(mentor, mentor.getByRole("link", { name: "Short videos with a local creator" }));
    await expect(mentor.getByRole("row", { name: /Sandi Second/ }).count()).resolves.toBe(1);
    await expect(mentor.getByRole("row", { name: /Fitri First/ }).count()).resolves.toBe(0);
    // A mentor does not manage sessions.
    await visit(mentor, `${server.url}/trainer/sessions`, { status: 403 });
  });
});
