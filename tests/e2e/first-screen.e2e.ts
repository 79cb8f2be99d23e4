// Phone first, measured: at 360 x 740, on a server filled with the demo organisation, the main
// action of each of twelve pages must start inside the first screen. The rule: the action's
// first 44 px (all of it, if it is shorter: a button, a row) lie within 0..740 px from the top
// and within the screen's width, with the page scrolled to the top and nothing opened. A long
// block (a lesson's text, the work under review) passes when it starts on the first screen.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { e2eEnabled, launchBrowser, screenshots, startServer, visit, type TestServer } from "./harness";
import { seedDemo, type DemoPages } from "./demo-data";
import { ARTIFACTS, SHIPPED_CONTENT } from "./paths";

const PHONE = { width: 360, height: 740 };
/** How much of a tall main action must show: one touch target's height. */
const VISIBLE_PART = 44;

type Check = { page: string; action: string; email: string; path: (d: DemoPages) => string };

// Each page marks its main action with data-main-action (a hook for designers too). Before the
// layout changes this test measured the same elements by these selectors, for the issue's
// before/after table (docs/decisions/0025-role-homes-and-first-screen.md).
const CHECKS: Check[] = [
  { page: "My learning", action: "Resume/Start the next module", email: "staff@demo.library", path: () => "/learn" },
  { page: "Lesson", action: "the lesson text's start", email: "staff@demo.library", path: (d) => d.lesson },
  { page: "Quiz", action: "the first question's options", email: "staff@demo.library", path: (d) => d.quiz },
  { page: "Quiz result", action: "the result's next step (back to the module)", email: "staff@demo.library", path: (d) => d.result },
  { page: "Certificate", action: "Download PDF", email: "staff@demo.library", path: () => "/certificates" },
  { page: "Practical task", action: "the hand-in form", email: "", path: (d) => d.task.path },
  { page: "Review queue", action: "the first item's open link", email: "mentor@demo.library", path: () => "/review" },
  { page: "One review", action: "the work under review", email: "mentor@demo.library", path: (d) => d.review },
  { page: "HR dashboard", action: "the first key figure", email: "hr@demo.library", path: () => "/hr/dashboard" },
  { page: "HR training record", action: "the first row (its person)", email: "hr@demo.library", path: () => "/hr/report" },
  { page: "People", action: "the first person", email: "admin@demo.library", path: () => "/admin/users" },
  { page: "Content", action: "the first module (preview and problems)", email: "trainer@demo.library", path: () => "/content" },
  { page: "Live sessions", action: "the first session of the staff member's modules", email: "staff@demo.library", path: () => "/sessions" },
  { page: "Live session", action: "Cancel my registration (the staff member holds a place)", email: "staff@demo.library", path: (d) => d.session },
  { page: "Check-in", action: "Check in", email: "staff@demo.library", path: (d) => `${d.session}/check-in` },
  { page: "Scheduled session", action: "the session's time and counts", email: "trainer@demo.library", path: (d) => `/trainer${d.session}` },
];

type Measure = { top: number; bottom: number; left: number; right: number; sideways: number } | null;

describe.skipIf(!e2eEnabled)("the main action on the first phone screen", () => {
  let server: TestServer;
  let browser: Browser;
  let demo: DemoPages;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ contentDir: SHIPPED_CONTENT }), launchBrowser()]);
    demo = await seedDemo(server);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("shows each page's main action within 360 x 740", async () => {
    const rows: string[] = [];
    const misses: string[] = [];
    for (const check of CHECKS) {
      const email = check.email || demo.task.email;
      const context = await browser.newContext({ viewport: PHONE, locale: "en-GB" });
      await context.addCookies([{ name: "academy_session", value: server.createSession(email), url: server.url, httpOnly: true, sameSite: "Lax" }]);
      const page = await context.newPage();
      await visit(page, `${server.url}${check.path(demo)}`);
      const box: Measure = await page.evaluate(() => {
        window.scrollTo(0, 0);
        const marked = document.querySelectorAll("main [data-main-action]");
        if (marked.length !== 1) return null;
        const el = marked[0]!;
        const r = el.getBoundingClientRect();
        return {
          top: r.top,
          bottom: r.bottom,
          left: r.left,
          right: r.right,
          sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        };
      });
      if (process.env.E2E_SCREENSHOTS === "1") {
        const dir = path.join(ARTIFACTS, "screenshots");
        fs.mkdirSync(dir, { recursive: true });
        await page.screenshot({ path: path.join(dir, `first-screen-${check.page.toLowerCase().replace(/\W+/g, "-")}.png`) });
      }
      await screenshots(page, `first-screen-${check.page.toLowerCase().replace(/\W+/g, "-")}`).catch((e: Error) => misses.push(e.message));
      await context.close();
      if (!box) {
        misses.push(`${check.page}: not exactly one [data-main-action] in main`);
        rows.push(`| ${check.page} | ${check.action} | missing | – | – | no |`);
        continue;
      }
      const needed = box.top + Math.min(box.bottom - box.top, VISIBLE_PART);
      const inside = box.top >= 0 && needed <= PHONE.height && box.left >= 0 && box.right <= PHONE.width + 0.5;
      if (!inside) {
        misses.push(
          `${check.page}: ${check.action} at top ${Math.round(box.top)}, bottom ${Math.round(box.bottom)}, left ${Math.round(box.left)}, right ${Math.round(box.right)}`,
        );
      }
      if (box.sideways > 1) misses.push(`${check.page}: the page scrolls sideways by ${box.sideways}px`);
      rows.push(
        `| ${check.page} | ${check.action} | ${Math.round(box.top)} | ${Math.round(box.bottom)} | ${Math.round(box.left)}..${Math.round(box.right)} | ${inside ? "yes" : "no"} |`,
      );
    }
    const table = ["| page | main action | top px | bottom px | x px | on the first screen |", "|---|---|---|---|---|---|", ...rows].join("\n");
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    fs.writeFileSync(path.join(ARTIFACTS, "first-screen.md"), `${table}\n`);
    console.log(table);
    expect(misses).toEqual([]);
  }, 300_000);
});
