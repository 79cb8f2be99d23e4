// Moving up (issue 28): the demo seeded into a SQLite file as `npm run demo` seeds it, read by HR
// and an admin on a production server; then `scripts/db-copy.ts` copies the file into a fresh
// database of a throwaway PostgreSQL cluster, a production server starts on it, and the same
// users see the same certificates, the same training-record totals and the same CSV, row for
// row. The sessions are copied too, so the cookies from the SQLite server still work.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findPgBinDir, startPgCluster, type PgCluster } from "../setup/pg-cluster";
import { e2eEnabled, startServer, type TestServer } from "./harness";
import { E2E_CONTENT_CACHE, ROOT, SHIPPED_CONTENT } from "./paths";

const POSTGRES = (() => {
  try {
    return findPgBinDir();
  } catch {
    return undefined;
  }
})();
const ON_CI = process.env.CI === "true" || process.env.CI === "1";
if (e2eEnabled && !POSTGRES) {
  const message = "tests/e2e/db-copy.e2e.ts needs PostgreSQL 15+ (Debian package `postgresql`; .ci/run installs it)";
  if (ON_CI) throw new Error(`${message}: not found on this CI machine`);
  console.warn(`${message}: not found, so the db:copy test is skipped on this machine`);
}

const DEMO_PASSWORD = "library-demo";
const READERS = ["hr@demo.library", "admin@demo.library"] as const;
type Reader = (typeof READERS)[number];
type Answer = { status: number; location: string | null; body: string };

async function get(server: TestServer, path: string, cookie: string): Promise<Answer> {
  const res = await fetch(`${server.url}${path}`, { headers: { Cookie: cookie }, redirect: "manual" });
  return { status: res.status, location: res.headers.get("location"), body: await res.text() };
}

async function login(server: TestServer, email: string) {
  const res = await fetch(`${server.url}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD, redirectTo: "/learn" }).toString(),
  });
  expect(res.status, `login of ${email}`).toBe(302);
  const cookie = String(res.headers.get("set-cookie")).split(";")[0]!;
  expect(cookie).toMatch(/^academy_session=\w+$/);
  return cookie;
}

/**
 * The page's main content as text that must match between the servers: what differs by design
 * is dropped (scripts, the per-response CSP nonce and CSRF token, each server's own address).
 */
function mainContent(html: string, server: TestServer) {
  const main = /<main\b[\s\S]*<\/main>/.exec(html)?.[0];
  if (!main) throw new Error(`no <main> in the page:\n${html.slice(0, 500)}`);
  return main
    .replace(/<script\b[\s\S]*?<\/script>/g, "")
    .replace(/\snonce="[^"]*"/g, "")
    .replace(/<input[^>]*name="(csrf|_csrf|csrfToken)"[^>]*>/g, "")
    .replaceAll(server.url, "<origin>");
}

/** The figures in the report's totals list: label -> number shown. */
function reportTotals(html: string) {
  const dl = /<dl class="report-totals[^"]*"[^>]*>([\s\S]*?)<\/dl>/.exec(html)?.[1];
  if (!dl) throw new Error("the report has no totals list");
  const totals: Record<string, number> = {};
  for (const [, term, value] of dl.matchAll(/<dt>([\s\S]*?)<\/dt>\s*<dd>([\s\S]*?)<\/dd>/g)) {
    totals[term!.replace(/<[^>]+>/g, "").trim()] = Number(value!.replace(/<[^>]+>|\D/g, ""));
  }
  return totals;
}

type Reading = { certificatePages: string[]; certificateCount: string; report: string; totals: Record<string, number>; csv: string[] };

/** Everything the comparison covers, as one reader sees it on one server. */
async function read(server: TestServer, cookie: string): Promise<Reading> {
  const certificatePages: string[] = [];
  let certificateCount = "";
  for (let page = 1; page <= 100; page++) {
    const answer = await get(server, `/hr/certificates?page=${page}`, cookie);
    expect(answer.status, `/hr/certificates?page=${page}`).toBe(200);
    certificatePages.push(mainContent(answer.body, server));
    if (page === 1) certificateCount = /<p role="status">([\s\S]*?)<\/p>/.exec(answer.body)?.[1] ?? "";
    if (!answer.body.includes(`page=${page + 1}`)) break;
  }
  const report = await get(server, "/hr/report", cookie);
  expect(report.status).toBe(200);
  const csv = await get(server, "/hr/report.csv", cookie);
  expect(csv.status).toBe(200);
  return {
    certificatePages,
    certificateCount,
    report: mainContent(report.body, server),
    totals: reportTotals(report.body),
    csv: csv.body.split(/\r?\n/),
  };
}

describe.skipIf(!e2eEnabled || !POSTGRES)("db:copy from the demo's SQLite file to PostgreSQL", () => {
  let cluster: PgCluster;
  let sqliteServer: TestServer;
  let pgServer: TestServer | undefined;
  let databaseUrl: string;
  const before = new Map<Reader, Reading>();
  const cookies = new Map<Reader, string>();

  beforeAll(async () => {
    [sqliteServer, cluster] = await Promise.all([startServer({ contentDir: SHIPPED_CONTENT }), startPgCluster()]);
    // The seed runs on the server's database file, exactly as scripts/demo.ts runs it (see demo.e2e.ts).
    Object.assign(process.env, {
      DATABASE_PATH: sqliteServer.dbPath,
      CONTENT_DIR: SHIPPED_CONTENT,
      CONTENT_CACHE_DIR: E2E_CONTENT_CACHE,
      PUBLIC_URL: sqliteServer.url,
      TIME_ZONE: "UTC",
    });
    delete process.env.DATABASE_URL;
    const { getDb, closeDb } = await import("~/db/client.server");
    const { seedDemo } = await import("~/people/demo.server");
    await seedDemo(getDb(), sqliteServer.now(), () => {});
    await closeDb();
    for (const reader of READERS) {
      cookies.set(reader, await login(sqliteServer, reader));
      before.set(reader, await read(sqliteServer, cookies.get(reader)!));
    }
    databaseUrl = await cluster.createDatabase("academy_copy");
  }, 600_000);

  afterAll(async () => {
    await pgServer?.stop();
    await sqliteServer?.stop();
    await cluster?.stop();
  });

  it("reads a demo with certificates and training records on SQLite", () => {
    const hr = before.get("hr@demo.library")!;
    expect(hr.certificateCount).toMatch(/^Certificates found: [1-9]/);
    expect(hr.totals["Rows (person × module)"]).toBeGreaterThan(0);
    expect(hr.totals["Passed"]).toBeGreaterThan(0);
    // One module row per person and module (the demo has hundreds), then each person's path rows.
    const [header, ...rows] = parse(hr.csv.join("\n"), { bom: true }) as string[][];
    const type = header!.indexOf("Row type");
    expect(type).toBeGreaterThanOrEqual(0);
    expect(rows.filter((r) => r[type] === "Module")).toHaveLength(hr.totals["Rows (person × module)"]!);
    expect(rows.filter((r) => r[type] === "Learning path").length).toBeGreaterThan(0);
    expect(rows.filter((r) => r[type] !== "Module" && r[type] !== "Learning path")).toEqual([]);
  });

  it("copies the file with scripts/db-copy.ts, every count checked", async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "scripts/db-copy.ts", "--from", sqliteServer.dbPath, "--to", databaseUrl],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: "" }, maxBuffer: 16 * 1024 * 1024 },
    );
    expect(stdout).toMatch(/every count matches/);
    expect(stdout).toMatch(/\bcertificates\s+[1-9]\d*\s+[1-9]\d*/);
    pgServer = await startServer({ contentDir: SHIPPED_CONTENT, env: { DATABASE_URL: databaseUrl } });
  }, 300_000);

  it("shows HR and the admin the same certificates, report totals and CSV on PostgreSQL, with their old sessions", async () => {
    expect(pgServer, "the PostgreSQL server started").toBeDefined();
    for (const reader of READERS) {
      const after = await read(pgServer!, cookies.get(reader)!);
      const expected = before.get(reader)!;
      expect(after.totals, `${reader}: report totals`).toEqual(expected.totals);
      expect(after.certificateCount, `${reader}: certificate count`).toBe(expected.certificateCount);
      expect(after.csv.length, `${reader}: CSV rows`).toBe(expected.csv.length);
      after.csv.forEach((line, i) => expect(line, `${reader}: CSV line ${i + 1}`).toBe(expected.csv[i]));
      expect(after.certificatePages, `${reader}: certificate list pages`).toEqual(expected.certificatePages);
      expect(after.report, `${reader}: report page`).toBe(expected.report);
    }
  });

  it("lets the same users log in afresh on PostgreSQL and see the same", async () => {
    for (const reader of READERS) {
      const cookie = await login(pgServer!, reader);
      expect(cookie).not.toBe(cookies.get(reader));
      const after = await read(pgServer!, cookie);
      expect(after.totals).toEqual(before.get(reader)!.totals);
      expect(after.csv).toEqual(before.get(reader)!.csv);
    }
  });
});
