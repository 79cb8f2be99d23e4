// Phone first: at 360 x 740 every role's main pages (its navigation, plus a lesson) show the
// page's own heading on the first screen, because the navigation and the lesson outline fold
// into <details> disclosures that open without JavaScript.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { navItemsFor } from "~/components/nav";
import type { Role } from "~/db/roles";
import { e2eEnabled, launchBrowser, login, startServer, visit, type TestServer } from "./harness";

const PHONE = { width: 360, height: 740 };
const LESSON = "/learn/quick-module/first-lesson";

describe.skipIf(!e2eEnabled)("on a phone", () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    for (const role of ["staff", "trainer", "hr", "admin"] as const) {
      await server.createUser({ email: `${role}@phone.test`, name: `Phone ${role}`, role });
    }
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function headingBottom(page: Page) {
    return page.evaluate(() => {
      window.scrollTo(0, 0);
      const h1 = document.querySelector("main h1");
      return h1 ? h1.getBoundingClientRect().bottom : Number.POSITIVE_INFINITY;
    });
  }

  for (const role of ["staff", "trainer", "hr", "admin"] as Role[]) {
    it(`shows ${role} each main page's heading on the first 360 x 740 screen`, async () => {
      const context = await browser.newContext({ viewport: PHONE, locale: "en-GB" });
      const page = await context.newPage();
      await login(page, server.url, `${role}@phone.test`);
      const paths = [...navItemsFor(role).map((i) => i.to), ...(role === "staff" ? [LESSON] : [])];
      for (const path of paths) {
        await visit(page, `${server.url}${path}`);
        const bottom = await headingBottom(page);
        expect(bottom, `${role} ${path}: the h1 ends at ${bottom}px`).toBeLessThanOrEqual(PHONE.height);
        // The full list is folded away: no navigation link shows until the menu is opened.
        expect(await page.locator(".main-nav a:visible").count(), path).toBe(0);
      }
      await context.close();
    });
  }

  it("opens the menu and the lesson outline without JavaScript", async () => {
    const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByLabel(/email/i).fill("hr@phone.test");
    await page.getByLabel(/^password$/i).fill("e2e-password-123");
    await Promise.all([page.waitForURL((u) => !u.pathname.startsWith("/login")), page.getByRole("button", { name: /log in/i }).click()]);
    await page.goto(`${server.url}${LESSON}`);
    const menu = page.getByRole("navigation", { name: "Main" });
    await menu.getByText("Menu", { exact: true }).click();
    await expect.poll(() => menu.getByRole("link", { name: "Training record" }).isVisible()).toBe(true);
    const outline = page.getByRole("navigation", { name: "Lessons in this module" });
    expect(await outline.getByRole("link", { name: "First lesson" }).isVisible()).toBe(false);
    await outline.getByText("Lessons in this module", { exact: true }).click();
    await expect.poll(() => outline.getByRole("link", { name: "First lesson" }).isVisible()).toBe(true);
    // On a desk-wide screen both lists are open as before, with no disclosure to open.
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(await page.locator("details.main-nav__menu").isVisible()).toBe(false);
    expect(await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Training record" }).isVisible()).toBe(true);
    await context.close();
  });
});
