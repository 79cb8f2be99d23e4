import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { startMailbox, type TestMailbox } from "../setup/smtp";
import { e2eEnabled, expectAccessible, hydrated, launchBrowser, login, newContext, startServer, visit, type TestServer } from "./harness";

// Notifications: HR assigns a module, the learner's notice appears and the email's link opens
// the module; a person who forgot the password resets it from the login page through the
// emailed link. Mail goes through a real SMTP server in this test process.
describe.skipIf(!e2eEnabled)("notifications", () => {
  let server: TestServer;
  let browser: Browser;
  let mailbox: TestMailbox;

  beforeAll(async () => {
    mailbox = await startMailbox();
    [server, browser] = await Promise.all([startServer({ env: { SMTP_URL: mailbox.url, NOTIFY_POLL_MS: "200" } }), launchBrowser()]);
    await server.createUser({ email: "hr@notify.test", name: "Hana HR", role: "hr" });
    await server.createUser({ email: "admin@notify.test", name: "Adi Admin", role: "admin" });
    await server.createUser({ email: "learner@notify.test", name: "Lina Learner", role: "staff", locale: "id" });
    await server.createUser({ email: "forgetful@notify.test", name: "Fajar Forgetful", role: "staff" });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await mailbox?.stop();
  });

  it("HR assigns a module: the learner's notice appears and the email's link opens the module", async () => {
    const hrContext = await newContext(browser);
    const hr = await hrContext.newPage();
    await login(hr, server.url, "hr@notify.test");
    await visit(hr, `${server.url}/hr/assignments`);
    await hr.getByLabel("Module", { exact: true }).selectOption({ label: "Quick module" });
    await hr.getByLabel("One person").check();
    await hr.getByLabel("Person", { exact: true }).fill("learner@notify.test");
    await hr.getByLabel("Due date", { exact: true }).fill(new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10));
    await hr.getByRole("button", { name: "Assign", exact: true }).click();
    await hr.getByRole("status").filter({ hasText: "The module has been assigned." }).waitFor();
    await hrContext.close();

    // The email, in the learner's language (Indonesian).
    const mail = await mailbox.waitFor((m) => m.subject === "Pelatihan baru untuk Anda: Modul singkat");
    const link = mail.text!.match(/https?:\/\/\S+\/learn\/quick-module/)![0];

    const context = await newContext(browser, { locale: "id-ID" });
    const page = await context.newPage();
    await login(page, server.url, "learner@notify.test");
    const notices = page.getByRole("link", { name: "Notifikasi 1 belum dibaca" });
    await notices.waitFor();
    await Promise.all([page.waitForURL(/\/notifications$/), notices.click()]);
    await hydrated(page);
    await page.getByRole("heading", { name: /Pelatihan baru untuk Anda: Modul singkat/ }).waitFor();
    await expectAccessible(page, "notifications");
    await Promise.all([page.waitForURL(/\/notifications/), page.getByRole("button", { name: "Tandai sudah dibaca" }).click()]);
    await page.getByRole("link", { name: "Notifikasi", exact: true }).waitFor();

    // The email's link opens the module.
    await visit(page, link);
    await page.getByRole("heading", { level: 1, name: "Modul singkat" }).waitFor();
    await context.close();
  });

  it("someone who never chose a language signs in from an Indonesian browser: their mail is Indonesian, and opening a notice marks it read", async () => {
    await server.createUser({ email: "browser@notify.test", name: "Bima Browser", role: "staff", locale: null });
    const context = await newContext(browser, { locale: "id-ID" });
    const page = await context.newPage();
    await login(page, server.url, "browser@notify.test");

    const hrContext = await newContext(browser);
    const hr = await hrContext.newPage();
    await login(hr, server.url, "hr@notify.test");
    await visit(hr, `${server.url}/hr/assignments`);
    await hr.getByLabel("Module", { exact: true }).selectOption({ label: "Limited module" });
    await hr.getByLabel("One person").check();
    await hr.getByLabel("Person", { exact: true }).fill("browser@notify.test");
    await hr.getByLabel("Due date", { exact: true }).fill(new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10));
    await hr.getByRole("button", { name: "Assign", exact: true }).click();
    await hr.getByRole("status").filter({ hasText: "The module has been assigned." }).waitFor();
    await hrContext.close();

    // HR's page was English; the mail follows the learner's saved language, signed once.
    const mail = await mailbox.waitFor((m) => m.to !== undefined && JSON.stringify(m.to).includes("browser@notify.test"));
    expect(mail.subject).toBe("Pelatihan baru untuk Anda: Modul terbatas");
    expect(mail.text).toContain("Halo Bima Browser,");
    expect(mail.text).not.toContain("Pustaka Academy, Pustaka Academy");

    await visit(page, `${server.url}/notifications`);
    await Promise.all([page.waitForURL(/\/learn\/limited-module$/), page.getByRole("link", { name: "Buka" }).first().click()]);
    await page.getByRole("link", { name: "Notifikasi", exact: true }).waitFor();
    await visit(page, `${server.url}/notifications`);
    expect(await page.locator(".notice--unread").count()).toBe(0);
    await context.close();
  });

  it("a person resets a forgotten password from the login page through the emailed link", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await visit(page, `${server.url}/login`);
    await Promise.all([page.waitForURL(/\/forgot-password$/), page.getByRole("link", { name: "Forgot your password?" }).click()]);
    await hydrated(page);
    await expectAccessible(page, "forgot password");
    await page.getByLabel("Email").fill("forgetful@notify.test");
    await page.getByRole("button", { name: "Send the link" }).click();
    await page.getByRole("status").filter({ hasText: "If an account exists for that address" }).waitFor();

    const mail = await mailbox.waitFor((m) => m.subject === "Reset your Pustaka Academy password");
    const link = mail.text!.match(/https?:\/\/\S+\/set-password\/\S+/)![0];
    await visit(page, link);
    await page.getByLabel("New password", { exact: true }).fill("a fresh new password");
    await page.getByLabel("Repeat the new password").fill("a fresh new password");
    await Promise.all([page.waitForURL(/\/learn$/), page.getByRole("button", { name: "Save password and log in" }).click()]);
    const changed = await mailbox.waitFor((m) => m.subject === "Your Pustaka Academy password was changed");
    expect(changed.to).toBeTruthy();
    await context.close();

    // The new password works.
    const again = await newContext(browser);
    const page2 = await again.newPage();
    await login(page2, server.url, "forgetful@notify.test", "a fresh new password");
    expect(new URL(page2.url()).pathname).toBe("/learn");
    await again.close();
  });

  it("admins read every message at the outbox", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await login(page, server.url, "admin@notify.test");
    await visit(page, `${server.url}/admin/outbox`);
    await Promise.all([page.waitForURL(/id=/), page.getByRole("table").getByRole("link").first().click()]);
    await hydrated(page);
    await expectAccessible(page, "outbox message");
    expect(await page.locator("pre.mail-text").innerText()).toContain("Pustaka Academy");
    await context.close();
  });

  it("people choose their emails; HR names unit leads", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await login(page, server.url, "admin@notify.test");

    await visit(page, `${server.url}/account`);
    await page.getByRole("checkbox", { name: /Reminders/ }).setChecked(false);
    await page.getByRole("button", { name: "Save email choices" }).click();
    await page.getByRole("status").filter({ hasText: "Your email choices are saved." }).waitFor();
    await visit(page, `${server.url}/account`);
    expect(await page.getByRole("checkbox", { name: /Reminders/ }).isChecked()).toBe(false);

    const unit = server.createOrgUnit("Lead Branch");
    await visit(page, `${server.url}/hr/unit-leads`);
    await page.getByLabel("Org unit").selectOption(unit);
    await page.getByLabel(/^Person/).fill("learner@notify.test");
    await page.getByRole("button", { name: "Add lead" }).click();
    await page.getByRole("cell", { name: "Lina Learner", exact: true }).waitFor();
    await expectAccessible(page, "unit leads");
    await context.close();
  });
});
