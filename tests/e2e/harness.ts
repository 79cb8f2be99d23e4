// The e2e harness: a production server on a free port with its own database, and Debian's
// Chromium driven by playwright-core. Every page a journey visits is scanned with axe-core.
import { fork, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { hash } from "@node-rs/argon2";
import { en } from "~/i18n/en";
import { ARTIFACTS, chromiumPath, E2E_CONTENT_CACHE, E2E_TEMPLATE_DB, FIXTURE_CONTENT, ROOT } from "./paths";

const CATALOG_KEYS = new Set(Object.keys(en));

export const e2eEnabled = process.env.E2E !== "0";
export const PASSWORD = "e2e-password-123";

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

export type TestServer = {
  url: string;
  dbPath: string;
  db: Database.Database;
  stop: () => Promise<void>;
  createUser: (u: {
    email: string;
    name: string;
    role?: string;
    orgUnitId?: string | null;
    locale?: "en" | "id" | null;
    staffNumber?: string;
  }) => Promise<string>;
  createOrgUnit: (name: string, parentId?: string | null) => string;
  /** Moves the server's clock to real time + offsetMs (test clock over IPC); resolves once applied. */
  setClockOffset: (offsetMs: number) => Promise<void>;
  /** Moves the server's clock forward by ms from where it is now. */
  advanceClock: (ms: number) => Promise<void>;
  /** The server's "now" as the test clock sets it. */
  now: () => Date;
  /** A session row for the user (by email), valid for a day of the server's clock; returns its id. */
  createSession: (email: string) => string;
};

let passwordHash: Promise<string> | undefined;

/** Starts `node server.js` (the production build) against a fresh copy of the migrated database. */
export async function startServer({
  contentDir = FIXTURE_CONTENT,
  env = {},
}: { contentDir?: string; env?: Record<string, string> } = {}): Promise<TestServer> {
  const id = randomBytes(4).toString("hex");
  const dbPath = path.join(os.tmpdir(), `academy-e2e-${id}.db`);
  fs.copyFileSync(E2E_TEMPLATE_DB, dbPath);
  const db = new Database(dbPath);
  db.pragma("journal_mode = WAL");
  db.pragma("busy_timeout = 5000");
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = fork(path.join(ROOT, "server.js"), [], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(port),
      PUBLIC_URL: url,
      DATABASE_PATH: dbPath,
      CONTENT_DIR: contentDir,
      CONTENT_CACHE_DIR: E2E_CONTENT_CACHE,
      TIME_ZONE: "UTC",
      // The test clock: advanceClock() below moves the server's time over IPC (server/guards.js).
      ACADEMY_TEST_CLOCK: "1",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  let output = "";
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  await new Promise<void>((resolve, reject) => {
    // Generous: on a loaded 2-core machine the first start (migrations, content cache) can take a while.
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 100_000);
    child.on("message", (m: { ready?: boolean }) => {
      if (m.ready) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on("exit", (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  // Content compiles at start-up; wait until a page that needs it answers.
  await fetch(`${url}/health`);
  let clockOffset = 0;
  const setClockOffset = (offsetMs: number) =>
    new Promise<void>((resolve, reject) => {
      const onMessage = (m: { clockOffsetMs?: number }) => {
        if (m.clockOffsetMs !== offsetMs) return;
        child.off("message", onMessage);
        clockOffset = offsetMs;
        resolve();
      };
      child.on("message", onMessage);
      child.send({ clockOffsetMs: offsetMs }, (error) => error && reject(error));
    });
  return {
    setClockOffset,
    advanceClock: (ms) => setClockOffset(clockOffset + ms),
    now: () => new Date(Date.now() + clockOffset),
    createSession(email) {
      const user = db.prepare("select id from users where email = ?").get(email.toLowerCase()) as { id: string } | undefined;
      if (!user) throw new Error(`createSession: no user ${email}`);
      const sessionId = randomBytes(20).toString("hex");
      const expiresAt = Math.floor((Date.now() + clockOffset) / 1000) + 24 * 3600;
      db.prepare("insert into sessions (id, user_id, expires_at) values (?, ?, ?)").run(sessionId, user.id, expiresAt);
      return sessionId;
    },
    url,
    dbPath,
    db,
    async stop() {
      child.removeAllListeners("exit");
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
      db.close();
      for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(dbPath + suffix, { force: true });
    },
    async createUser({ email, name, role = "staff", orgUnitId = null, locale = "en", staffNumber }) {
      passwordHash ??= hash(PASSWORD);
      const userId = randomBytes(16).toString("base64url");
      const now = Date.now();
      db.prepare(
        `insert into users (id, email, display_name, staff_number, org_unit_id, role, locale, active, password_hash, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`,
      ).run(
        userId,
        email.toLowerCase(),
        name,
        staffNumber ?? `E${randomBytes(3).toString("hex")}`,
        orgUnitId,
        role,
        locale,
        await passwordHash,
        now,
        now,
      );
      return userId;
    },
    createOrgUnit(name, parentId = null) {
      const unitId = randomBytes(16).toString("base64url");
      db.prepare(`insert into org_units (id, name, parent_id, created_at) values (?, ?, ?, ?)`).run(unitId, name, parentId, Date.now());
      return unitId;
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

const noScriptContexts = new WeakSet<BrowserContext>();

export async function newContext(
  browser: Browser,
  options: { javaScriptEnabled?: boolean; width?: number; locale?: string } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    viewport: { width: options.width ?? 1280, height: 900 },
    locale: options.locale ?? "en-GB",
    acceptDownloads: true,
  });
  if (options.javaScriptEnabled === false) noScriptContexts.add(context);
  return context;
}

const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
type AxeViolation = { id: string; impact?: string | null; help: string; helpUrl: string; nodes: { target: unknown[] }[] };

/**
 * Runs axe-core in the page's current document, injecting it once per document. Our pages
 * have no frames, so axe.run on the document is the whole scan; @axe-core/playwright's
 * default mode opened a blank page per scan to merge frame results, which made a scan
 * 1.1 s instead of 0.2 s (docs/decisions/0018-lazy-libraries-and-fast-e2e.md).
 */
async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => typeof (window as { axe?: unknown }).axe === "object");
  if (!loaded) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const results = await axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  }, AXE_TAGS);
}

/**
 * axe needs JavaScript. For a page in a no-JavaScript context, scan the same HTML (scripts
 * removed, styles kept via <base>) in a scratch page with JavaScript, one per browser and
 * reused: a new context per scan cost 0.2-0.5 s.
 */
const scratchPages = new WeakMap<Browser, Promise<Page>>();

async function scratchPage(browser: Browser): Promise<Page> {
  let scratch = scratchPages.get(browser);
  if (!scratch) {
    scratch = browser.newContext().then((context) => context.newPage());
    scratchPages.set(browser, scratch);
  }
  return scratch;
}

async function violationsOf(page: Page): Promise<AxeViolation[]> {
  if (!noScriptContexts.has(page.context())) return axeViolations(page);
  const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, "");
  const scratch = await scratchPage(page.context().browser()!);
  await scratch.setViewportSize(page.viewportSize() ?? { width: 1280, height: 900 });
  const base = new URL(page.url()).origin;
  // setContent writes a new document into the same window, so axe stays injected.
  await scratch.setContent(html.replace(/<head>/i, `<head><base href="${base}/">`), { waitUntil: "load" });
  return axeViolations(scratch);
}

/**
 * Scans the page with axe-core against WCAG 2.1 A and AA and throws on any serious or
 * critical violation, naming the rule, the elements and the help URL.
 */
export async function expectAccessible(page: Page, label = page.url()) {
  // A message key on screen means a string missing from the catalog the page was sent.
  const text = `${await page.title()}\n${await page.locator("body").innerText()}`;
  const rawKeys = [...new Set(text.match(/[A-Za-z]+(?:\.[A-Za-z-]+)+/g) ?? [])].filter((token) => CATALOG_KEYS.has(token));
  if (rawKeys.length > 0) throw new Error(`Untranslated message keys on ${label}: ${rawKeys.join(", ")}`);
  const bad = (await violationsOf(page)).filter((v) => v.impact === "serious" || v.impact === "critical");
  if (bad.length > 0) {
    const report = bad
      .map(
        (v) =>
          `- [${v.impact}] ${v.id}: ${v.help}\n  ${v.helpUrl}\n  ${v.nodes
            .map((n) => n.target.join(" "))
            .slice(0, 5)
            .join("\n  ")}`,
      )
      .join("\n");
    throw new Error(`Accessibility violations on ${label}:\n${report}`);
  }
}

/**
 * With JavaScript on, waits until Remix has hydrated the page, so a test never types into or
 * clicks a form that React is about to take over (a slow, loaded CI machine makes that gap real).
 */
export async function hydrated(page: Page) {
  if (noScriptContexts.has(page.context())) return;
  await page.waitForFunction(
    () =>
      document.readyState === "complete" &&
      (window as { __remixRouter?: { state: { navigation: { state: string } } } }).__remixRouter?.state.navigation.state === "idle",
  );
}

/** Goes to a path, checks the status and scans the page. */
export async function visit(page: Page, url: string, { status = 200 }: { status?: number } = {}) {
  const response = await page.goto(url);
  if (response && response.status() !== status) {
    throw new Error(`GET ${url}: expected ${status}, got ${response.status()}`);
  }
  if (status < 400) await hydrated(page);
  await expectAccessible(page);
  return response;
}

export async function login(page: Page, baseUrl: string, email: string, password = PASSWORD) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel(/email/i).fill(email);
  await page.getByLabel(/^password$|^kata sandi$/i).fill(password);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith("/login")), page.getByRole("button", { name: /log in|masuk/i }).click()]);
  await hydrated(page);
}

/**
 * Logs in without the login form: a session row written straight to the database and its
 * cookie set in the browser context. For journeys where logging in is not what is tested
 * (auth.e2e.ts tests the form). Lands on `path` (default /learn), hydrated.
 */
export async function loginByCookie(page: Page, server: TestServer, email: string, path = "/learn") {
  const sessionId = server.createSession(email);
  await page.context().addCookies([{ name: "academy_session", value: sessionId, url: server.url, httpOnly: true, sameSite: "Lax" }]);
  await page.goto(`${server.url}${path}`);
  await hydrated(page);
}

/** Clicks something that submits a form or follows a link, and waits for the new page. */
export async function clickAndWait(page: Page, locator: ReturnType<Page["getByRole"]>) {
  await Promise.all([page.waitForNavigation(), locator.click()]);
  await page.waitForLoadState();
  await hydrated(page);
}

// Full-page PNGs cost about half a second each on a busy 2-core machine; CI keeps them as
// artifacts (.ci/run sets E2E_SCREENSHOTS=1), a local run only checks the widths.
const SAVE_SCREENSHOTS = process.env.E2E_SCREENSHOTS === "1";

/**
 * Checks that the page does not scroll sideways at phone and desk widths, and with
 * E2E_SCREENSHOTS=1 saves full-page screenshots at both into the artifacts folder.
 */
export async function screenshots(page: Page, name: string) {
  const dir = path.join(ARTIFACTS, "screenshots");
  if (SAVE_SCREENSHOTS) fs.mkdirSync(dir, { recursive: true });
  const original = page.viewportSize();
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (overflow > 1) throw new Error(`${name}: the page scrolls sideways by ${overflow}px at ${width}px wide`);
    if (SAVE_SCREENSHOTS) await page.screenshot({ path: path.join(dir, `${name}-${width}.png`), fullPage: true });
  }
  if (original) await page.setViewportSize(original);
}
