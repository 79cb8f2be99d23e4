// The README's nginx configuration, run for real in front of the production server (issue 25,
// item 5): nginx sends its own Host (the upstream's name), the app has TRUST_PROXY=1 and a
// PUBLIC_URL under another name than either, and a login, a quiz and an upload go through it.
// nginx connects to the app from 127.0.0.2 and the client to nginx from 127.0.0.3, so the test
// can tell which address the app believed.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reservePort } from "../support/oidc-provider";
import { e2eEnabled, PASSWORD, startServer, type TestServer } from "./harness";
import { findNginx, nginxConfigFromReadme } from "./nginx-config";
import { ROOT } from "./paths";

const NGINX = findNginx();
const ON_CI = process.env.CI === "true" || process.env.CI === "1";
if (!NGINX && e2eEnabled) {
  const message = "tests/e2e/proxy.e2e.ts needs nginx (Debian package `nginx`; .ci/run installs it)";
  if (ON_CI) throw new Error(`${message}: not found on this CI machine`);
  console.warn(`${message}: not found, so the reverse-proxy test is skipped on this machine`);
}

const CLIENT_ADDRESS = "127.0.0.3";
const PROXY_ADDRESS = "127.0.0.2";
const PUBLIC_NAME = "academy.proxy.test";
const BOUNDARY = "----pustaka-proxy-test";

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string };

describe.skipIf(!e2eEnabled || !NGINX)("behind nginx, as the README configures it", () => {
  let server: TestServer;
  let nginx: ChildProcess;
  let dir: string;
  let proxyPort: number;
  let uploads: string;
  let cookie = "";

  /** A request to nginx from CLIENT_ADDRESS, as a browser at PUBLIC_NAME would send it. */
  function send(method: string, urlPath: string, { body, headers = {} }: { body?: Buffer | string; headers?: Record<string, string> } = {}) {
    const origin = `http://${PUBLIC_NAME}:${proxyPort}`;
    return new Promise<Answer>((resolve, reject) => {
      const req = http.request(
        {
          host: "127.0.0.1",
          port: proxyPort,
          // A fresh connection per request: Node's keep-alive agent may otherwise reuse a socket
          // nginx has just closed (after a refused body), and the request dies as "socket hang up".
          agent: false,
          localAddress: CLIENT_ADDRESS,
          path: urlPath,
          method,
          headers: {
            Host: `${PUBLIC_NAME}:${proxyPort}`,
            ...(method === "POST" ? { Origin: origin } : {}),
            ...(cookie ? { Cookie: cookie } : {}),
            ...headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
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

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "academy-nginx-"));
    uploads = path.join(dir, "uploads");
    proxyPort = await reservePort();
    server = await startServer({
      contentDir: path.join(ROOT, "tests/fixtures/practice-content"),
      env: {
        TRUST_PROXY: "1",
        PUBLIC_URL: `http://${PUBLIC_NAME}:${proxyPort}`,
        UPLOADS_DIR: uploads,
        // The test clock insists on a loopback PUBLIC_URL; this test does not move the clock.
        ACADEMY_TEST_CLOCK: "0",
      },
    });
    await server.createUser({ email: "piet@e2e.test", name: "Piet Proxy" });
    const conf = path.join(dir, "nginx.conf");
    fs.writeFileSync(
      conf,
      nginxConfigFromReadme({ appPorts: [Number(new URL(server.url).port)], proxyPort, dir, serverName: PUBLIC_NAME, bindAddress: PROXY_ADDRESS }),
    );
    let output = "";
    nginx = spawn(NGINX!, ["-p", dir, "-c", conf, "-g", "daemon off;"], { stdio: ["ignore", "pipe", "pipe"] });
    nginx.stdout?.on("data", (d) => (output += d));
    nginx.stderr?.on("data", (d) => (output += d));
    const exited = new Promise<never>((_, reject) => nginx.once("exit", (code) => reject(new Error(`nginx exited with ${code}: ${output}`))));
    // Ready once it answers through to the app.
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
    await server?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("reads the client's address from nginx's X-Forwarded-For, not the client's own claim", async () => {
    const wrong = await send("POST", "/login", {
      ...form({ email: "piet@e2e.test", password: "not-the-password", redirectTo: "/learn" }),
      headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": "203.0.113.9" },
    });
    expect(wrong.status).toBe(400);
    const keys = (server.db.prepare("select key from login_throttles where key like 'ip:%'").all() as { key: string }[]).map((r) => r.key);
    expect(keys).toEqual([`ip:${CLIENT_ADDRESS}`]);
  });

  it("logs in, takes a quiz and an upload through the proxy, whatever Host nginx sends", async () => {
    const login = await send("POST", "/login", form({ email: "piet@e2e.test", password: PASSWORD, redirectTo: "/learn" }));
    expect(login.status).toBe(302);
    cookie = String(login.headers["set-cookie"]).split(";")[0]!;
    expect(cookie).toMatch(/^academy_session=\w+$/);
    const home = await send("GET", "/learn");
    expect(home.status).toBe(200);
    expect(home.body).toContain("Piet Proxy");

    const lesson = await send("POST", "/learn/practice-module/voice", form({ intent: "complete" }));
    expect(lesson.status).toBe(302);
    const start = await send("POST", "/learn/practice-module/quiz", form({ intent: "start" }));
    expect(start.status).toBe(302);
    const attemptPath = start.headers.location!;
    expect(attemptPath).toMatch(/^\/learn\/practice-module\/quiz\/[\w-]+$/);
    const page = await send("GET", attemptPath);
    const truePosition = /name="q\.tone" value="(\d+)"[^>]*>\s*<span>True<\/span>/.exec(page.body)?.[1];
    expect(truePosition).toBeDefined();
    const submitted = await send("POST", attemptPath, form({ intent: "submit", "q.tone": truePosition! }));
    expect(submitted.status).toBe(302);
    const attemptId = attemptPath.split("/").at(-1);
    expect(server.db.prepare("select passed, submitted_at is not null as done from quiz_attempts where id = ?").get(attemptId)).toEqual({
      passed: 1,
      done: 1,
    });

    const pdf = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
    const body = Buffer.concat([
      Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="intent"\r\n\r\nsave\r\n`),
      Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="upload"; filename="report.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
      pdf,
      Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
      // Padding after the closing boundary makes the body larger than a small form, so it takes
      // the upload path (session checked first, streamed to a temporary file).
      Buffer.alloc(100 * 1024, 0x20),
    ]);
    const upload = await send("POST", "/learn/tasks-only-module/tasks/monthly-report", {
      body,
      headers: { "Content-Type": `multipart/form-data; boundary=${BOUNDARY}` },
    });
    expect(upload.status).toBe(302);
    expect(upload.headers.location).toBe("/learn/tasks-only-module/tasks/monthly-report?done=saved");
    expect(server.db.prepare("select original_name as name, size from submission_files").all()).toEqual([{ name: "report.pdf", size: pdf.length }]);
    expect(fs.readdirSync(path.join(uploads, ".incoming"))).toEqual([]);
  });

  it("refuses an anonymous large upload through the proxy at once, and a cross-site post", async () => {
    const saved = cookie;
    cookie = "";
    try {
      const anonymous = await send("POST", "/learn/tasks-only-module/tasks/monthly-report", {
        // Over the 64 KB a small form may have, small enough that the client has sent it all before
        // the 401 comes back (a refused body is drained for a moment, then the socket is cut).
        body: Buffer.alloc(256 * 1024, 0x41),
        headers: { "Content-Type": `multipart/form-data; boundary=${BOUNDARY}` },
      });
      expect(anonymous.status).toBe(401);
    } finally {
      cookie = saved;
    }
    const crossSite = await send("POST", "/learn/practice-module/quiz", {
      ...form({ intent: "start" }),
      headers: { ...form({}).headers, Origin: "https://evil.example" },
    });
    expect(crossSite.status).toBe(403);
  });
});
