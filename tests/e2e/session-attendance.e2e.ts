// Live-session attendance on a phone (issue 31): the host (the demo mentor) opens the host page;
// a learner checking in before the window is refused; once the server's clock is in the window
// the host page shows the code and its QR code, the learner checks in with the code read off it,
// and My learning counts the session's JP. Every page is scanned with axe (visit, expectAccessible).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { clickAndWait, e2eEnabled, expectAccessible, launchBrowser, loginByCookie, startServer, visit, type TestServer } from "./harness";

const PHONE = { width: 360, height: 740 };
const MIN = 60_000;
// The server's clock is set to fixed instants, so the year and the window never depend on today.
const START = new Date("2026-06-10T03:00:00Z");

describe.skipIf(!e2eEnabled)("attendance at a live session", () => {
  let server: TestServer;
  let browser: Browser;
  let sessionId: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    await server.setClockOffset(START.getTime() - 20 * MIN - Date.now());
    const mentorId = await server.createUser({ email: "mentor@demo.library", name: "Yusuf Hakim", role: "mentor" });
    const learnerId = await server.createUser({ email: "learner@attendance.test", name: "Sari Learner" });
    await server.createUser({ email: "hr@attendance.test", name: "Hana HR", role: "hr" });
    sessionId = randomUUID();
    const now = server.now().getTime();
    server.db
      .prepare(
        `insert into live_sessions (id, title_en, title_id, description_en, description_id, host_id, starts_at, ends_at, place, capacity, hours, status, sequence, attendance_code, created_at, updated_at)
         values (?, 'Short videos with a local creator', 'Video pendek bersama kreator lokal', 'Workshop', 'Lokakarya', ?, ?, ?, 'Reading room', 20, 2, 'scheduled', 0, 'H4K-9MT', ?, ?)`,
      )
      .run(sessionId, mentorId, START.getTime(), START.getTime() + 2 * 60 * MIN, now, now);
    server.db
      .prepare(
        `insert into live_session_registrations (id, session_id, user_id, status, queued_at, created_at, updated_at) values (?, ?, ?, 'registered', ?, ?, ?)`,
      )
      .run(randomUUID(), sessionId, learnerId, now, now, now);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function phonePage(): Promise<Page> {
    const context = await browser.newContext({ viewport: PHONE, locale: "en-GB" });
    return context.newPage();
  }

  it("refuses a check-in before the window, then takes the code the host shows and counts the JP", async () => {
    const host = await phonePage();
    await loginByCookie(host, server, "mentor@demo.library", "/host/sessions");
    await expectAccessible(host);
    await clickAndWait(host, host.getByRole("link", { name: "Short videos with a local creator" }));
    await expectAccessible(host);
    await expect(host.getByText(/The code appears here when check-in opens/).count()).resolves.toBe(1);
    await expect(host.getByTestId("attendance-code").count()).resolves.toBe(0);
    await expect(host.getByRole("row", { name: /Sari Learner/ }).innerText()).resolves.toContain("Not attended");

    const learner = await phonePage();
    await loginByCookie(learner, server, "learner@attendance.test", `/sessions/${sessionId}/check-in`);
    await expectAccessible(learner);
    await learner.getByLabel("Attendance code").fill("H4K-9MT");
    await clickAndWait(learner, learner.getByRole("button", { name: "Check in" }));
    await expect(learner.getByRole("alert").innerText()).resolves.toMatch(/^Check-in is not open yet\. It opens at /);
    await expectAccessible(learner);

    // Ten minutes before the start: the window (15 minutes before the start to the end) is open.
    await server.advanceClock(10 * MIN);
    await visit(host, `${server.url}/host/sessions/${sessionId}`);
    const code = (await host.getByTestId("attendance-code").innerText()).trim();
    expect(code).toBe("H4K-9MT");
    await expect(host.locator(".attendance-qr svg[role=img]").getAttribute("aria-label")).resolves.toContain(code);

    // The session's page leads a registered person to the check-in while the window is open.
    await visit(learner, `${server.url}/sessions/${sessionId}`);
    await clickAndWait(learner, learner.getByRole("link", { name: "Check in with the host's code" }));
    expect(new URL(learner.url()).pathname).toBe(`/sessions/${sessionId}/check-in`);
    // Typed the way people do: small letters, a space instead of the dash.
    await learner.getByLabel("Attendance code").fill(code.toLowerCase().replace("-", " "));
    await clickAndWait(learner, learner.getByRole("button", { name: "Check in" }));
    await expect(learner.getByRole("status").first().innerText()).resolves.toContain("Your attendance is recorded. This session counts 2 JP");
    await expectAccessible(learner);

    await visit(learner, `${server.url}/learn`);
    await expect(learner.getByTestId("year-hours").innerText()).resolves.toBe("2 of 20 JP earned this year");
    await expect(learner.getByTestId("session-hours").innerText()).resolves.toBe("2 JP of it from live sessions you attended.");

    await visit(host, `${server.url}/host/sessions/${sessionId}`);
    await expect(host.getByRole("row", { name: /Sari Learner/ }).innerText()).resolves.toContain("Attended (checked in at");

    // HR's training record counts the session's JP for the learner and says where they came from.
    const hr = await (await browser.newContext({ locale: "en-GB" })).newPage();
    await loginByCookie(hr, server, "hr@attendance.test", "/hr/report?q=Sari");
    const record = await hr
      .getByRole("row", { name: /Sari Learner/ })
      .first()
      .innerText();
    expect(record).toContain("2 from live sessions");
    await expectAccessible(hr, "training record with session JP");

    // After the session: the learner rates it from the check-in page; the host reads it without a name.
    await server.advanceClock(2 * 60 * MIN + 11 * MIN);
    await visit(learner, `${server.url}/sessions/${sessionId}`);
    await expect(learner.getByRole("region", { name: "Attendance" }).innerText()).resolves.toContain(
      "Your attendance is recorded: 2 learning hours (JP) in your training record.",
    );
    await expect(learner.getByRole("link", { name: "Check in with the host's code" }).count()).resolves.toBe(0);
    await expectAccessible(learner, "session page after attending");
    await visit(learner, `${server.url}/sessions/${sessionId}/check-in`);
    await clickAndWait(learner, learner.getByRole("link", { name: "Give feedback on this session" }));
    await expectAccessible(learner);
    await learner.getByLabel("4").check();
    await learner.getByLabel("Comment (optional)").fill("Clear examples for our branch accounts");
    await clickAndWait(learner, learner.getByRole("button", { name: "Send feedback" }));
    await expect(learner.getByRole("status").first().innerText()).resolves.toBe("Thank you. Your feedback is saved.");
    await expectAccessible(learner);

    await visit(host, `${server.url}/host/sessions/${sessionId}`);
    await expect(host.getByTestId(`feedback-session-${sessionId}`).innerText()).resolves.toBe("Responses: 1. Average rating: 4 of 5.");
    const comments = await host.getByRole("list", { name: "Comments" }).innerText();
    expect(comments).toContain("Clear examples for our branch accounts");
    expect(comments).not.toContain("Sari");
  });
});
