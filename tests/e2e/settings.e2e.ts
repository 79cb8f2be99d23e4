import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { e2eEnabled, expectAccessible, launchBrowser, login, screenshots, startServer, type TestServer } from "./harness";

describe.skipIf(!e2eEnabled)("the user's own settings", () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    await server.createUser({ email: "dark@e2e.test", name: "Dara Dark", locale: "id" });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("has a dark theme with the same contrast, honours reduced motion, and fits at 200% zoom", async () => {
    const context = await browser.newContext({ colorScheme: "dark", reducedMotion: "reduce", viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await login(page, server.url, "dark@e2e.test");
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe("rgb(20, 19, 18)");
    await expectAccessible(page, "My learning (dark)");
    await screenshots(page, "my-learning-dark");
    await page.goto(`${server.url}/learn/quick-module/first-lesson`);
    await expectAccessible(page, "lesson (dark)");
    const duration = await page.evaluate(() => getComputedStyle(document.querySelector(".button")!).transitionDuration);
    expect(Number.parseFloat(duration)).toBeLessThanOrEqual(0.01);
    // 200% text zoom on a 1280px screen lays out like a 640px-wide window.
    await page.setViewportSize({ width: 640, height: 900 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await context.close();
  });

  it("picks Bahasa Indonesia from the browser's Accept-Language before login", async () => {
    const context = await browser.newContext({ locale: "id-ID" });
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);
    expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Masuk");
    expect(await page.title()).toBe("Masuk · Pustaka Academy");
    await expectAccessible(page);
    await context.close();
  });
});
