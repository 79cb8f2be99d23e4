import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import {
  clickAndWait,
  e2eEnabled,
  expectAccessible,
  launchBrowser,
  login,
  newContext,
  screenshots,
  startServer,
  visit,
  type TestServer,
} from "./harness";

describe.skipIf(!e2eEnabled)("accounts, roles and language", () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    await server.createUser({ email: "staff@e2e.test", name: "Sari Staff", role: "staff" });
    await server.createUser({ email: "trainer@e2e.test", name: "Tono Trainer", role: "trainer" });
    await server.createUser({ email: "hr@e2e.test", name: "Hana HR", role: "hr" });
    await server.createUser({ email: "admin@e2e.test", name: "Adi Admin", role: "admin" });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("shows each role only the navigation it may use", async () => {
    const expected: Record<string, { has: string[]; lacks: string[] }> = {
      "staff@e2e.test": { has: ["My learning"], lacks: ["People"] },
      "trainer@e2e.test": { has: ["My learning"], lacks: ["People"] },
      "hr@e2e.test": { has: ["My learning", "People"], lacks: [] },
      "admin@e2e.test": { has: ["My learning", "People"], lacks: [] },
    };
    for (const [email, nav] of Object.entries(expected)) {
      const context = await newContext(browser);
      const page = await context.newPage();
      await login(page, server.url, email);
      await expectAccessible(page);
      const links = await page.getByRole("navigation", { name: "Main" }).getByRole("link").allInnerTexts();
      for (const item of nav.has) expect(links, email).toContain(item);
      for (const item of nav.lacks) expect(links, email).not.toContain(item);
      await context.close();
    }
  });

  it("refuses a staff user an admin page with a friendly 403", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await login(page, server.url, "staff@e2e.test");
    await visit(page, `${server.url}/admin/users`, { status: 403 });
    await expect(page.getByRole("heading", { level: 1 }).innerText()).resolves.toBe("You do not have access to this page");
    await context.close();
  });

  it("shows a translated 404 for an unknown URL", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await visit(page, `${server.url}/no/such/page`, { status: 404 });
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Page not found");
    await context.close();
  });

  it("says the email or password is wrong, and keeps the email", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await visit(page, `${server.url}/login`);
    await screenshots(page, "login");
    await page.getByLabel("Email address").fill("staff@e2e.test");
    await page.getByLabel("Password").fill("not the password");
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page.getByRole("alert").innerText()).resolves.toContain("The email address or the password is wrong.");
    expect(await page.getByLabel("Email address").inputValue()).toBe("staff@e2e.test");
    await expectAccessible(page);
    await context.close();
  });

  it("switches language without JavaScript, and logs out", async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await login(page, server.url, "staff@e2e.test");
    await clickAndWait(page, page.getByRole("button", { name: "Bahasa Indonesia" }));
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Pembelajaran saya");
    expect(await page.locator("html").getAttribute("lang")).toBe("id");
    await expectAccessible(page);
    await clickAndWait(page, page.getByRole("button", { name: "English" }));
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("My learning");
    await clickAndWait(page, page.getByRole("button", { name: "Log out" }));
    expect(new URL(page.url()).pathname).toBe("/login");
    await visit(page, `${server.url}/learn`);
    expect(new URL(page.url()).pathname).toBe("/login");
    await context.close();
  });

  it("refuses a POST with a foreign Origin", async () => {
    const response = await fetch(`${server.url}/login`, {
      method: "POST",
      headers: { Origin: "https://evil.example", "Content-Type": "application/x-www-form-urlencoded" },
      body: "email=staff%40e2e.test&password=x",
    });
    expect(response.status).toBe(403);
  });
});
