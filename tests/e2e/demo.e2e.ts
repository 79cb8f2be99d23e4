// What a visitor sees after `npm run demo`: the demo seed run against a production server's
// database, then the demo mentor's review queue, a staff member's certificates and HR's
// overdue figure, logged in with the demo accounts from the README.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { clickAndWait, e2eEnabled, expectAccessible, launchBrowser, login, newContext, startServer, visit, type TestServer } from "./harness";
import { E2E_CONTENT_CACHE, SHIPPED_CONTENT } from "./paths";

const DEMO_PASSWORD = "library-demo";

describe.skipIf(!e2eEnabled)("the demo", () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ contentDir: SHIPPED_CONTENT }), launchBrowser()]);
    // The seed runs here, on the server's database file, exactly as scripts/demo.ts runs it.
    Object.assign(process.env, {
      DATABASE_PATH: server.dbPath,
      CONTENT_DIR: SHIPPED_CONTENT,
      CONTENT_CACHE_DIR: E2E_CONTENT_CACHE,
      PUBLIC_URL: server.url,
      TIME_ZONE: "UTC",
    });
    const { getDb, closeDb } = await import("~/db/client.server");
    const { seedDemo } = await import("~/people/demo.server");
    await seedDemo(getDb(), server.now(), () => {});
    await closeDb();
    page = await (await newContext(browser)).newPage();
    // The shipped course compiles in the server and in the seed: minutes on a busy 2-core machine.
  }, 420_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("shows the demo mentor a review queue with work waiting", async () => {
    await login(page, server.url, "mentor@demo.library", DEMO_PASSWORD);
    await visit(page, `${server.url}/review`);
    // The queue lists each waiting hand-in as a row with a link to review it.
    const rows = page.getByRole("row").filter({ has: page.getByRole("link") });
    expect(await rows.count()).toBeGreaterThanOrEqual(2);
    await expectAccessible(page);
    // The upcoming live session the demo mentor hosts, with its registrants by name.
    await visit(page, `${server.url}/host/sessions`);
    await clickAndWait(page, page.getByRole("link", { name: "Short videos for the library: a Reels workshop" }));
    expect(new URL(page.url()).pathname).toMatch(/^\/host\/sessions\/[^/]+$/);
    expect(await page.getByRole("row", { name: /Not attended/ }).count()).toBeGreaterThanOrEqual(2);
    await expectAccessible(page);
  });

  it("shows the demo staff member their certificates, and HR the overdue figure", async () => {
    const staff = await (await newContext(browser)).newPage();
    await login(staff, server.url, "staff@demo.library", DEMO_PASSWORD);
    await visit(staff, `${server.url}/certificates`);
    expect(await staff.getByRole("link", { name: "Download PDF" }).count()).toBeGreaterThanOrEqual(2);
    // The demo staff member is registered for the upcoming session.
    await visit(staff, `${server.url}/sessions`);
    await clickAndWait(staff, staff.getByRole("link", { name: /Short videos for the library: a Reels workshop/ }).first());
    expect(new URL(staff.url()).pathname).toMatch(/^\/sessions\/[^/]+$/);
    expect(await staff.locator("p.lead").innerText()).toBe("You are registered.");
    const hr = await (await newContext(browser)).newPage();
    await login(hr, server.url, "hr@demo.library", DEMO_PASSWORD);
    await visit(hr, `${server.url}/hr/dashboard`);
    const overdue = hr
      .locator("dt", { hasText: /^Overdue$/ })
      .first()
      .locator("xpath=following-sibling::dd[1]");
    expect(Number((await overdue.innerText()).replace(/\D/g, ""))).toBeGreaterThan(0);
  });
});
