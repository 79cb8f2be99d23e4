// server.js on a real socket: bodies larger than a small form are not read before the Origin and
// the session are checked, uploads stream to temporary files that are removed whatever happens,
// uploads in flight are capped, a request without Host gets 400, private answers are never
// cached, and cookie headers as proxies really send them keep the session. Issue 25, items 3, 5, 7, 8.
import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { e2eEnabled, startServer, type TestServer } from "./harness";
import { ROOT } from "./paths";

const TASK = "/learn/tasks-only-module/tasks/monthly-report";
const BOUNDARY = "----pustaka-gate-test";
const MB = 1024 * 1024;

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string; ms: number };

/**
 * Sends the headers and at most `send` bytes of a body that claims (or, chunked, may have)
 * `declared` bytes, then waits for the answer without sending the rest: an answer proves the
 * server decided before reading the body.
 */
function partialPost(server: TestServer, urlPath: string, opts: { declared?: number; send: number; headers?: Record<string, string> }) {
  const { port } = new URL(server.url);
  const started = performance.now();
  return new Promise<Answer>((resolve, reject) => {
    const headers: Record<string, string> = {
      "Content-Type": `multipart/form-data; boundary=${BOUNDARY}`,
      ...(opts.declared !== undefined ? { "Content-Length": String(opts.declared) } : { "Transfer-Encoding": "chunked" }),
      ...opts.headers,
    };
    const req = http.request({ host: "127.0.0.1", port, path: urlPath, method: "POST", headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString("utf8"), ms: performance.now() - started });
        req.destroy();
      });
    });
    req.on("error", (error) => (req.destroyed ? undefined : reject(error)));
    req.write(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="upload"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n`);
    if (opts.send > 0) req.write(Buffer.alloc(opts.send, 0x41));
  });
}

function multipartBody(fields: Record<string, string>, file?: { name: string; bytes: Buffer }) {
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  if (file) {
    parts.push(
      Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="upload"; filename="${file.name}"\r\nContent-Type: application/pdf\r\n\r\n`),
    );
    parts.push(file.bytes, Buffer.from("\r\n"));
  }
  parts.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(parts);
}

/** A whole request; `chunked` sends the body without a Content-Length, in 1 MB writes. */
function post(server: TestServer, urlPath: string, body: Buffer, headers: Record<string, string>, chunked = false) {
  const { port } = new URL(server.url);
  const started = performance.now();
  return new Promise<Answer>((resolve, reject) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        path: urlPath,
        method: "POST",
        headers: {
          "Content-Type": `multipart/form-data; boundary=${BOUNDARY}`,
          ...(chunked ? {} : { "Content-Length": String(body.length) }),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString("utf8"), ms: performance.now() - started }),
        );
      },
    );
    req.on("error", reject);
    if (!chunked) return req.end(body);
    let offset = 0;
    const writeMore = () => {
      while (offset < body.length) {
        const chunk = body.subarray(offset, offset + MB);
        offset += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", writeMore);
      }
      req.end();
    };
    writeMore();
  });
}

function get(server: TestServer, urlPath: string, headers: Record<string, string> = {}) {
  const { port } = new URL(server.url);
  return new Promise<Answer>((resolve, reject) => {
    const started = performance.now();
    http
      .get({ host: "127.0.0.1", port, path: urlPath, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString("utf8"), ms: performance.now() - started }),
        );
      })
      .on("error", reject);
  });
}

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

describe.skipIf(!e2eEnabled)("bodies before auth, Host, caching and cookies", () => {
  let server: TestServer;
  let uploads: string;
  let cookie: string;
  let other: string;

  beforeAll(async () => {
    uploads = fs.mkdtempSync(path.join(os.tmpdir(), "academy-gate-uploads-"));
    server = await startServer({ contentDir: path.join(ROOT, "tests/fixtures/practice-content"), env: { UPLOADS_DIR: uploads } });
    await server.createUser({ email: "uma@e2e.test", name: "Uma Upload" });
    await server.createUser({ email: "oki@e2e.test", name: "Oki Other" });
    cookie = `academy_session=${server.createSession("uma@e2e.test")}`;
    other = `academy_session=${server.createSession("oki@e2e.test")}`;
  });

  afterAll(async () => {
    await server?.stop();
    fs.rmSync(uploads, { recursive: true, force: true });
  });

  const incoming = () => (fs.existsSync(path.join(uploads, ".incoming")) ? fs.readdirSync(path.join(uploads, ".incoming")) : []);
  const storedFiles = () => (server.db.prepare("select count(*) as n from submission_files").get() as { n: number }).n;

  it("answers an anonymous 60 MB upload with 401 (task) or 413 (import) after the first megabyte, without reading the rest", async () => {
    const origin = { Origin: server.url };
    const task = await partialPost(server, TASK, { declared: 60 * MB, send: MB, headers: origin });
    expect(task.status).toBe(401);
    const importDeclared = await partialPost(server, "/hr/import", { declared: 60 * MB, send: MB, headers: origin });
    expect(importDeclared.status).toBe(413);
    // Chunked: no length to judge by, so the session decides.
    const importChunked = await partialPost(server, "/hr/import", { send: MB, headers: origin });
    expect(importChunked.status).toBe(401);
    const taskData = await partialPost(server, `${TASK}.data`, { send: MB, headers: origin });
    expect(taskData.status).toBe(401);
    // A cross-site upload is refused on its headers, even with a session.
    const crossSite = await partialPost(server, TASK, { declared: 60 * MB, send: MB, headers: { Origin: "https://evil.example", Cookie: cookie } });
    expect(crossSite.status).toBe(403);
    expect(incoming()).toEqual([]);
  });

  it("takes a logged-in person's upload through a temporary file that is gone afterwards", async () => {
    const before = storedFiles();
    const res = await post(
      server,
      TASK,
      multipartBody({ intent: "save", text: "" }, { name: "report.pdf", bytes: PDF }),
      { Origin: server.url, Cookie: cookie },
      true,
    );
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe(`${TASK}?done=saved`);
    expect(storedFiles()).toBe(before + 1);
    const stored = server.db.prepare("select original_name as name, size from submission_files order by created_at desc limit 1").get() as {
      name: string;
      size: number;
    };
    expect(stored).toEqual({ name: "report.pdf", size: PDF.length });
    expect(incoming()).toEqual([]);
  });

  it("says a file over 10 MB is too large, stores nothing and leaves no temporary file", async () => {
    const before = storedFiles();
    const big = Buffer.concat([PDF, Buffer.alloc(11 * MB, 0x20)]);
    const res = await post(server, TASK, multipartBody({ intent: "save", text: "" }, { name: "huge.pdf", bytes: big }), {
      Origin: server.url,
      Cookie: cookie,
    });
    expect(res.status).toBe(400);
    expect(res.body).toContain("10 MB");
    expect(storedFiles()).toBe(before);
    expect(incoming()).toEqual([]);
  });

  it("answers 413 to a logged-in upload over the request limit, declared or found while streaming, and leaves no temporary file", async () => {
    const declared = await partialPost(server, TASK, { declared: 65 * MB, send: MB, headers: { Origin: server.url, Cookie: cookie } });
    expect(declared.status).toBe(413);
    const body = multipartBody({ intent: "save" }, { name: "endless.pdf", bytes: Buffer.concat([PDF, Buffer.alloc(65 * MB, 0x20)]) });
    const streamed = await post(server, TASK, body, { Origin: server.url, Cookie: cookie }, true).catch((error: Error) => error);
    // The server may close the connection before the client has finished sending; then the
    // client sees a reset instead of the 413 it was sent.
    if (!(streamed instanceof Error)) expect(streamed.status).toBe(413);
    await expect.poll(incoming, { timeout: 5_000 }).toEqual([]);
  });

  it("caps uploads in flight: a third at once from one person gets 429 with Retry-After, others still get through", async () => {
    const headers = { Origin: server.url, Cookie: cookie };
    const sockets: http.ClientRequest[] = [];
    // Two uploads that never finish hold both of this person's slots.
    for (let i = 0; i < 2; i++) {
      const { port } = new URL(server.url);
      const req = http.request({
        host: "127.0.0.1",
        port,
        path: TASK,
        method: "POST",
        headers: { ...headers, "Content-Type": `multipart/form-data; boundary=${BOUNDARY}`, "Content-Length": String(5 * MB) },
      });
      req.on("error", () => undefined);
      req.write(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="upload"; filename="slow.pdf"\r\n\r\n`);
      sockets.push(req);
    }
    await expect.poll(async () => (await partialPost(server, TASK, { declared: 5 * MB, send: 1024, headers })).status, { timeout: 10_000 }).toBe(429);
    const third = await partialPost(server, TASK, { declared: 5 * MB, send: 1024, headers });
    expect(third.status).toBe(429);
    expect(third.headers["retry-after"]).toBe("10");
    // Someone else is not held up by this person's uploads.
    const theirs = await post(
      server,
      TASK,
      multipartBody({ intent: "save", text: "" }, { name: "r.pdf", bytes: PDF }),
      { Origin: server.url, Cookie: other },
      true,
    );
    expect(theirs.status).toBe(302);
    for (const req of sockets) req.destroy();
    // Once the stalled uploads are gone, the person may upload again (chunked: through the gate).
    const again = () => post(server, TASK, multipartBody({ intent: "save", text: "" }), headers, true);
    await expect.poll(async () => (await again()).status, { timeout: 10_000 }).not.toBe(429);
    expect((await again()).status).toBe(302);
    await expect.poll(incoming, { timeout: 5_000 }).toEqual([]);
  });

  it("answers 400 to a request without a Host header", async () => {
    const { port } = new URL(server.url);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(port), "127.0.0.1", () => socket.write("GET /login HTTP/1.0\r\n\r\n"));
      let text = "";
      socket.on("data", (d) => (text += d));
      socket.on("end", () => resolve(text));
      socket.on("error", reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.[01] 400 /);
  });

  it("marks private answers private, no-store and hashed build files immutable", async () => {
    const page = await get(server, "/learn", { Cookie: cookie });
    expect(page.status).toBe(200);
    expect(page.headers["cache-control"]).toBe("private, no-store");
    const data = await get(server, "/learn.data", { Cookie: cookie });
    expect(data.status).toBe(200);
    expect(data.headers["cache-control"]).toBe("private, no-store");
    const login = await get(server, "/login");
    expect(login.headers["cache-control"]).toBe("private, no-store");
    const redirect = await get(server, "/learn");
    expect(redirect.status).toBe(302);
    expect(redirect.headers["cache-control"]).toBe("private, no-store");
    // A download (resource route) of the file handed in above.
    const file = server.db.prepare("select id from submission_files order by created_at limit 1").get() as { id: string };
    const download = await get(server, `/submission-files/${file.id}`, { Cookie: cookie });
    expect(download.status).toBe(200);
    expect(download.headers["cache-control"]).toBe("private, no-store");
    const script = /"(\/build\/[^"]+\.js)"/.exec(page.body)?.[1];
    expect(script).toBeTruthy();
    const built = await get(server, script!);
    expect(built.status).toBe(200);
    expect(built.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
  });

  it("keeps the session with a trailing '; ', spaces, quotes and a repeated name (the first one counts)", async () => {
    const id = cookie.split("=")[1]!;
    const shapes = [
      `${cookie}; `,
      `${cookie};`,
      `theme=dark;  academy_session = ${id} ; `,
      `academy_session="${id}"`,
      `${cookie}; academy_session=stale0000`,
    ];
    for (const header of shapes) {
      const res = await get(server, "/learn", { Cookie: header });
      expect(res.status, header).toBe(200);
      expect(res.body, header).toContain("Uma Upload");
    }
    // The first one counts: a stale cookie sent first is not rescued by a good one after it.
    const staleFirst = await get(server, "/learn", { Cookie: `academy_session=stale0000; ${cookie}` });
    expect(staleFirst.status).toBe(302);
  });
});
