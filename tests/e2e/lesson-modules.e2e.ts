// Compiled lessons are content-hashed ES modules, not strings evaluated in the browser
// (issue 29, ADR 0029): the CSP has no 'unsafe-eval' on lesson and preview pages, a published
// lesson's module is public and cached for a year and holds no quiz answers, a draft's module
// is only for those who may preview, and in Chromium the lesson hydrates without a CSP
// violation or console error, and stays interactive.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadContent } from "~/content/load.server";
import { e2eEnabled, hydrated, launchBrowser, loginByCookie, newContext, startServer, type TestServer } from "./harness";
import { FIXTURE_CONTENT } from "./paths";
import type { Browser } from "playwright-core";

const LESSON = "/learn/quick-module/first-lesson";
const PREVIEW = "/content/quick-module/first-lesson";
const DRAFT_PREVIEW = "/content/draft-module/draft-lesson";

function scriptSrc(csp: string | null) {
  return (csp ?? "").split(";").find((d) => d.trim().startsWith("script-src")) ?? "";
}

const moduleUrl = (html: string) => /<link rel="modulepreload" href="(\/lesson-code\/[A-Za-z0-9_-]+\.js)" data-lesson-module=""/.exec(html)?.[1];

describe.skipIf(!e2eEnabled)("lesson modules", () => {
  let server: TestServer;
  let browser: Browser;
  let staff: string;
  let trainer: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    await server.createUser({ email: "reader@e2e.test", name: "Rani Reader" });
    await server.createUser({ email: "author@e2e.test", name: "Tono Trainer", role: "trainer" });
    staff = `academy_session=${server.createSession("reader@e2e.test")}`;
    trainer = `academy_session=${server.createSession("author@e2e.test")}`;
  });

  afterAll(async () => {
    await Promise.all([browser?.close(), server?.stop()]);
  });

  const get = (path: string, cookie = "", headers: Record<string, string> = {}) => fetch(server.url + path, { headers: { cookie, ...headers } });

  it("sends lesson and preview pages without 'unsafe-eval', with the lesson's text in the HTML", async () => {
    for (const [path, cookie] of [
      [LESSON, staff],
      [PREVIEW, trainer],
      [DRAFT_PREVIEW, trainer],
    ] as const) {
      const res = await get(path, cookie);
      expect(res.status, path).toBe(200);
      const csp = res.headers.get("content-security-policy");
      expect(scriptSrc(csp), path).toMatch(/^script-src 'self' 'nonce-[A-Za-z0-9+/=]+'$/);
      expect(csp, path).not.toContain("unsafe-eval");
      const html = await res.text();
      expect(moduleUrl(html), path).toBeTruthy();
      // Server-rendered: the lesson reads without JavaScript.
      expect(html, path).toContain(path === DRAFT_PREVIEW ? "Work in progress." : "One good post a week beats five rushed ones.");
    }
    // The route data names the module; it no longer carries the compiled code.
    const data = await (await get(`${LESSON}.data`, staff)).text();
    expect(data).toMatch(/\/lesson-code\/[A-Za-z0-9_-]{22}\.js/);
    expect(data).not.toContain("_jsx_runtime");
  });

  it("serves a published lesson's module to anyone, cached for a year, without quiz answers", async () => {
    const url = moduleUrl(await (await get(LESSON, staff)).text())!;
    const res = await get(url, "", { "accept-encoding": "gzip" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(res.headers.get("content-encoding")).toBe("gzip");
    const code = await res.text();
    expect(code).toMatch(/^export default function lesson\(/);
    expect(code).toContain("One good post a week beats five rushed ones.");
    expect(code).not.toMatch(/new Function|\beval\(/);
    // The same lesson page in the trainer's preview names the same module.
    expect(moduleUrl(await (await get(PREVIEW, trainer)).text())).toBe(url);

    // Nothing of any quiz is in any published lesson's module: no correct option, no feedback, no explanation.
    const content = loadContent(path.join(FIXTURE_CONTENT));
    const secrets = [...content.modules.values()].flatMap((m) =>
      (m.quiz?.questions ?? []).flatMap((q) => [
        ...Object.values(q.explanation ?? {}),
        ...q.options.flatMap((o) => [...(o.correct ? Object.values(o.text) : []), ...Object.values(o.feedback ?? {})]),
      ]),
    );
    expect(secrets.length).toBeGreaterThan(3);
    let checked = 0;
    for (const mod of content.modules.values()) {
      if (mod.status !== "published") continue;
      for (const lesson of mod.lessons) {
        for (const lang of Object.keys(lesson.translations)) {
          const page = await get(`/learn/${mod.slug}/${lesson.slug}?lang=${lang}`, staff);
          const href = moduleUrl(await page.text());
          if (!href) continue;
          const body = await (await get(href)).text();
          for (const secret of secrets) expect(body, `${href} (${mod.slug}/${lesson.slug})`).not.toContain(String(secret));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(3);
  });

  it("serves a draft lesson's module only to those who may preview, and privately", async () => {
    const url = moduleUrl(await (await get(DRAFT_PREVIEW, trainer)).text())!;
    const own = await get(url, trainer);
    expect(own.status).toBe(200);
    expect(own.headers.get("cache-control")).toBe("private, max-age=31536000, immutable");
    expect(await own.text()).toContain("Work in progress.");
    for (const cookie of ["", staff]) {
      const res = await get(url, cookie);
      expect(res.status).toBe(404);
      expect(await res.text()).not.toContain("Work in progress.");
    }
    expect((await get("/lesson-code/AAAAAAAAAAAAAAAAAAAAAA.js")).status).toBe(404);
    expect((await get("/lesson-code/..%2F..%2Fpackage.json")).status).toBe(404);
  });

  it("hydrates a lesson in Chromium with no CSP violation or console error, and its links navigate in the app", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const problems: string[] = [];
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => {
        const list = ((window as unknown as { __csp?: string[] }).__csp ??= []);
        list.push(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
    const moduleRequests: string[] = [];
    page.on("request", (r) => {
      if (r.url().includes("/lesson-code/")) moduleRequests.push(new URL(r.url()).pathname);
    });

    await loginByCookie(page, server, "reader@e2e.test", LESSON);
    expect(await page.getByText("One good post a week beats five rushed ones.").isVisible()).toBe(true);
    expect(moduleRequests).toHaveLength(1);
    // Hydrated: a client-side link inside the lesson navigates without loading a new document.
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    await page.getByRole("link", { name: "second lesson", exact: true }).click();
    await page.waitForURL((u) => u.pathname === "/learn/quick-module/second-lesson");
    await page.getByText("This lesson exists in English only.").waitFor();
    await hydrated(page);
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    expect(moduleRequests).toHaveLength(2);
    // Back to the first lesson: its module is already loaded, nothing more is fetched.
    await page.goBack();
    await page.getByText("One good post a week beats five rushed ones.").waitFor();
    expect(moduleRequests).toHaveLength(2);
    // The page's form is React's after hydration: marking the lesson complete moves on in the app.
    await page.getByRole("button", { name: "Mark as complete" }).click();
    await page.waitForURL((u) => u.pathname === "/learn/quick-module/second-lesson");
    await page.getByText("This lesson exists in English only.").waitFor();
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);

    expect(await page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it("previews a draft lesson in Chromium without a CSP violation", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(m.text());
    });
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) =>
        console.error(`CSP: ${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber} ${e.sample}`),
      );
    });
    await loginByCookie(page, server, "author@e2e.test", DRAFT_PREVIEW);
    expect(await page.getByText("Work in progress.").isVisible()).toBe(true);
    // Client-side navigation back to the module's page and into the lesson again.
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    await page.getByRole("link", { name: "← Draft module" }).click();
    await page.waitForURL((u) => u.pathname === "/content/draft-module");
    await page.getByRole("link", { name: /English.*Draft lesson/ }).click();
    await page.waitForURL((u) => u.pathname === DRAFT_PREVIEW);
    await page.getByText("Work in progress.").waitFor();
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });
});
