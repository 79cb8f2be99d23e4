// Two app servers on one PostgreSQL behind the README's nginx (issue 28): the servers start
// together on an empty database (their migrations take turns), nginx alternates requests between
// them, and the test shows that a login on one is valid on the other, a file handed in through
// one opens through the other, a quiz submitted to both at once is graded once, and each
// reminder is mailed once while both servers' workers run.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { hash } from "@node-rs/argon2";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findPgBinDir, startPgCluster, type PgCluster } from "../setup/pg-cluster";
import { startMailbox, type TestMailbox } from "../setup/smtp";
import { reservePort } from "../support/oidc-provider";
import { e2eEnabled, PASSWORD, startServer, type TestServer } from "./harness";
import { findNginx, nginxConfigFromReadme } from "./nginx-config";
import { ROOT } from "./paths";

const NGINX = findNginx();
const POSTGRES = (() => {
  try {
    return findPgBinDir();
  } catch {
    return undefined;
  }
})();
const ON_CI = process.env.CI === "true" || process.env.CI === "1";
if (e2eEnabled && (!NGINX || !POSTGRES)) {
  const message = "tests/e2e/two-servers.e2e.ts needs nginx and PostgreSQL 15+ (Debian packages `nginx` and `postgresql`; .ci/run installs them)";
  if (ON_CI) throw new Error(`${message}: not found on this CI machine`);
  console.warn(`${message}: not found, so the two-server test is skipped on this machine`);
}

const PUBLIC_NAME = "academy.cluster.test";
const BOUNDARY = "----pustaka-two-servers";
const STAFF = 4;

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

describe.skipIf(!e2eEnabled || !NGINX || !POSTGRES)("two app servers on one PostgreSQL behind nginx", () => {
  let cluster: PgCluster;
  let client: pg.Client;
  let servers: TestServer[] = [];
  let nginx: ChildProcess;
  let mailbox: TestMailbox;
  let dir: string;
  let proxyPort: number;
  let publicOrigin: string;
  let startBoth: () => Promise<TestServer[]>;

  /** A request to one server directly (`via` its URL) or, by default, through nginx. */
  function send(
    method: string,
    urlPath: string,
    { body, headers = {}, cookie, via }: { body?: Buffer | string; headers?: Record<string, string>; cookie?: string; via?: TestServer } = {},
  ) {
    const target = via ? new URL(via.url) : new URL(`http://127.0.0.1:${proxyPort}`);
    return new Promise<Answer>((resolve, reject) => {
      const req = http.request(
        {
          host: target.hostname,
          port: Number(target.port),
          agent: false,
          path: urlPath,
          method,
          headers: {
            Host: via ? target.host : `${PUBLIC_NAME}:${proxyPort}`,
            ...(method === "POST" ? { Origin: publicOrigin } : {}),
            ...(cookie ? { Cookie: cookie } : {}),
            ...headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  }
  const form = (fields: Record<string, string>) => ({
    body: new URLSearchParams(fields).toString(),
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  });
  const rows = async <T>(text: string, values: unknown[] = []) => (await client.query(text, values)).rows as T[];

  async function createStaff(email: string, name: string) {
    const id = randomBytes(16).toString("base64url");
    const now = Date.now();
    await client.query(
      `insert into users (id, email, display_name, staff_number, role, locale, active, password_hash, created_at, updated_at)
       values ($1, $2, $3, $4, 'staff', 'en', true, $5, $6, $6)`,
      [id, email, name, `S${randomBytes(3).toString("hex")}`, await hash(PASSWORD), now],
    );
    return id;
  }

  async function login(email: string, via: TestServer) {
    const answer = await send("POST", "/login", { ...form({ email, password: PASSWORD, redirectTo: "/learn" }), via });
    expect(answer.status).toBe(302);
    const cookie = String(answer.headers["set-cookie"]).split(";")[0]!;
    expect(cookie).toMatch(/^academy_session=\w+$/);
    return cookie;
  }

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "academy-two-servers-"));
    fs.chmodSync(dir, 0o755);
    cluster = await startPgCluster();
    const databaseUrl = await cluster.createDatabase("academy_two");
    client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    mailbox = await startMailbox();
    proxyPort = await reservePort();
    publicOrigin = `http://${PUBLIC_NAME}:${proxyPort}`;
    const env = {
      DATABASE_URL: databaseUrl,
      // The shared volume both servers keep uploads on (ADR 0026).
      UPLOADS_DIR: path.join(dir, "uploads"),
      TRUST_PROXY: "1",
      PUBLIC_URL: publicOrigin,
      // The test clock insists on a loopback PUBLIC_URL; this test does not move the clock.
      ACADEMY_TEST_CLOCK: "0",
      SMTP_URL: mailbox.url,
      MAIL_FROM: "academy@cluster.test",
      REMINDER_HOUR: "0",
      NOTIFY_POLL_MS: "100",
    };
    const contentDir = path.join(ROOT, "tests/fixtures/practice-content");
    // Both at once on an empty database: the migrations must take turns, not collide.
    startBoth = () => Promise.all([startServer({ contentDir, env }), startServer({ contentDir, env })]);
    servers = await startBoth();

    const conf = path.join(dir, "nginx.conf");
    const ports = servers.map((s) => Number(new URL(s.url).port));
    fs.writeFileSync(conf, nginxConfigFromReadme({ appPorts: ports, proxyPort, dir, serverName: PUBLIC_NAME, logUpstream: true }));
    let output = "";
    nginx = spawn(NGINX!, ["-p", dir, "-c", conf, "-g", "daemon off;"], { stdio: ["ignore", "pipe", "pipe"] });
    nginx.stdout?.on("data", (d) => (output += d));
    nginx.stderr?.on("data", (d) => (output += d));
    const exited = new Promise<never>((_, reject) => nginx.once("exit", (code) => reject(new Error(`nginx exited with ${code}: ${output}`))));
    const ready = (async () => {
      for (;;) {
        try {
          if ((await send("GET", "/health")).status === 200) return;
        } catch {
          // not listening yet
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    await Promise.race([ready, exited]);
  });

  afterAll(async () => {
    if (nginx && nginx.exitCode === null) {
      nginx.kill("SIGQUIT");
      await new Promise((r) => nginx.once("exit", r));
    }
    await Promise.all(servers.map((s) => s.stop()));
    await client?.end();
    await mailbox?.stop();
    await cluster?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("migrated the empty database once, with both servers starting together", async () => {
    const [applied] = await rows<{ n: number }>("select count(*)::int as n from drizzle.__drizzle_migrations");
    const migrations = fs.readdirSync(path.join(ROOT, "drizzle-pg")).filter((f) => f.endsWith(".sql"));
    expect(applied!.n).toBe(migrations.length);
  });

  it("alternates requests between the servers, and a login on one is valid on the other", async () => {
    await createStaff("ana@cluster.test", "Ana Dua Server");
    const [a, b] = servers as [TestServer, TestServer];
    const cookie = await login("ana@cluster.test", a);
    const onB = await send("GET", "/learn", { cookie, via: b });
    expect(onB.status).toBe(200);
    expect(onB.body.toString()).toContain("Ana Dua Server");

    // Through nginx: every page answers for the same session, and both servers served some.
    fs.writeFileSync(path.join(dir, "access.log"), "");
    for (let i = 0; i < 6; i++) {
      const page = await send("GET", "/learn", { cookie });
      expect(page.status).toBe(200);
      expect(page.body.toString()).toContain("Ana Dua Server");
    }
    const upstreams = fs
      .readFileSync(path.join(dir, "access.log"), "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => line.split(" ")[0]);
    expect(new Set(upstreams)).toEqual(new Set(servers.map((s) => new URL(s.url).host)));
  });

  it("opens a file handed in through one server through the other", async () => {
    await createStaff("budi@cluster.test", "Budi Berkas");
    const [a, b] = servers as [TestServer, TestServer];
    const cookie = await login("budi@cluster.test", b);
    const pdf = Buffer.from(`%PDF-1.4\n% ${randomBytes(8).toString("hex")}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
    const body = Buffer.concat([
      Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="intent"\r\n\r\nsave\r\n`),
      Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="upload"; filename="laporan.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
      pdf,
      Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
    ]);
    const upload = await send("POST", "/learn/tasks-only-module/tasks/monthly-report", {
      body,
      cookie,
      via: a,
      headers: { "Content-Type": `multipart/form-data; boundary=${BOUNDARY}` },
    });
    expect(upload.status).toBe(302);
    const [file] = await rows<{ id: string; size: number }>(
      `select f.id, f.size from submission_files f join task_submissions s on s.id = f.submission_id
       join users u on u.id = s.user_id where u.email = 'budi@cluster.test'`,
    );
    expect(file?.size).toBe(pdf.length);
    const opened = await send("GET", `/submission-files/${file!.id}`, { cookie, via: b });
    expect(opened.status).toBe(200);
    expect(Buffer.compare(opened.body, pdf)).toBe(0);
  });

  it("grades a quiz submitted to both servers at once exactly once", async () => {
    await createStaff("citra@cluster.test", "Citra Cepat");
    const [a, b] = servers as [TestServer, TestServer];
    const cookie = await login("citra@cluster.test", a);
    expect((await send("POST", "/learn/practice-module/voice", { ...form({ intent: "complete" }), cookie, via: b })).status).toBe(302);
    const start = await send("POST", "/learn/practice-module/quiz", { ...form({ intent: "start" }), cookie, via: a });
    expect(start.status).toBe(302);
    const attemptPath = start.headers.location!;
    const page = (await send("GET", attemptPath, { cookie, via: b })).body.toString();
    const truePosition = /name="q\.tone" value="(\d+)"[^>]*>\s*<span>True<\/span>/.exec(page)?.[1];
    expect(truePosition).toBeDefined();
    const submit = (via: TestServer) => send("POST", attemptPath, { ...form({ intent: "submit", "q.tone": truePosition! }), cookie, via });
    const answers = await Promise.all([submit(a), submit(b)]);
    expect(answers.map((r) => r.status)).toEqual([302, 302]);
    const attempts = await rows<{ passed: boolean; submitted: boolean }>(
      `select q.passed, q.submitted_at is not null as submitted from quiz_attempts q join users u on u.id = q.user_id where u.email = 'citra@cluster.test'`,
    );
    expect(attempts).toEqual([{ passed: true, submitted: true }]);
    const certificates = await rows<{ n: number }>(
      `select count(*)::int as n from certificates c join users u on u.id = c.user_id where u.email = 'citra@cluster.test'`,
    );
    expect(certificates[0]!.n).toBeLessThanOrEqual(1);
  });

  it("mails each reminder once while both servers' workers run", async () => {
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const emails: string[] = [];
    for (let i = 0; i < STAFF; i++) {
      const email = `pengingat${i}@cluster.test`;
      emails.push(email);
      const id = await createStaff(email, `Pengingat ${i}`);
      await client.query(
        `insert into assignments (id, module_slug, target_type, target_user_id, due_date, created_at) values ($1, 'practice-module', 'user', $2, $3, $4)`,
        [randomBytes(16).toString("base64url"), id, tomorrow, Date.now()],
      );
    }
    // Each server's worker ran the day's reminders when it started; a rolling restart (as for an
    // upgrade) starts two workers at once on a day that now calls for these reminders.
    await Promise.all(servers.map((s) => s.stop()));
    servers = await startBoth();
    // Both workers poll every 100 ms; wait until every reminder has gone out.
    for (const email of emails) await mailbox.waitFor((m) => JSON.stringify(m.to ?? "").includes(email), 60_000);
    // A second copy would be sent before its message is marked sent: once the outbox is drained,
    // every send has happened.
    await waitUntil(async () => (await rows<{ n: number }>("select count(*)::int as n from outbox_messages where status <> 'sent'"))[0]!.n === 0);
    for (const email of emails) expect(mailbox.to(email)).toHaveLength(1);
    const [records] = await rows<{ n: number }>(
      `select count(*)::int as n from reminder_records r join users u on u.id = r.user_id where u.email like 'pengingat%'`,
    );
    expect(records!.n).toBe(STAFF);
  });
});

async function waitUntil(condition: () => Promise<boolean>, timeoutMs = 60_000) {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error("timed out waiting for the outbox to drain");
    await new Promise((r) => setTimeout(r, 100));
  }
}
