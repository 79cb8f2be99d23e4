// server.js on a real socket (no browser): malformed URLs, body limits, security headers, the
// CSRF origin rule, proxy hops and the test clock's refusal. Issue 18, items 2-4, 6, 8, 9.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { e2eEnabled, PASSWORD, startServer, type TestServer } from "./harness";

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** A raw request, so Host and other headers fetch() refuses to set can be sent. */
function request(
  server: TestServer,
  path: string,
  { method = "GET", headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
) {
  const { port } = new URL(server.url);
  return new Promise<Answer>((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

describe.skipIf(!e2eEnabled)("server.js hardening", () => {
  let server: TestServer;
  let proxied: TestServer;

  beforeAll(async () => {
    [server, proxied] = await Promise.all([startServer(), startServer({ env: { TRUST_PROXY: "1" } })]);
    await server.createUser({ email: "guard@e2e.test", name: "Gita Guard" });
  });

  afterAll(async () => {
    await Promise.all([server?.stop(), proxied?.stop()]);
  });

  it("answers 400 to broken percent-escapes, never 500", async () => {
    for (const path of ["/learn/%E0%A4%A", "/%ZZ", "/learn/%", "/build/%ZZ.js", "/verify/%E0%A4%A"]) {
      const res = await request(server, path);
      expect(res.status, path).toBe(400);
    }
  });

  it("answers 413 to a body over the form limit, before reading it", async () => {
    const big = Buffer.alloc(2 * 1024 * 1024, "a");
    const res = await request(server, "/login", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url },
      body: big,
    });
    expect(res.status).toBe(413);
    // A normal login still works.
    const ok = await request(server, "/login", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url },
      body: form({ email: "guard@e2e.test", password: PASSWORD, redirectTo: "/learn" }),
    });
    expect(ok.status).toBe(302);
    const cookie = String(ok.headers["set-cookie"]);
    expect(cookie).toMatch(/^academy_session=\w+; Path=\/; HttpOnly; SameSite=Lax$/);
  });

  it("sets CSP with a per-request nonce that Remix's inline scripts carry, and nosniff on every response", async () => {
    const first = await request(server, "/login");
    const second = await request(server, "/login");
    const csp = String(first.headers["content-security-policy"]);
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(String(second.headers["content-security-policy"])).not.toContain(nonce);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    // The two video players a lesson's <Video> embeds, and nothing else may be framed.
    expect(csp).toContain("frame-src https://www.youtube-nocookie.com https://player.vimeo.com");
    expect(csp).toContain("object-src 'none'");
    const inline = [...first.body.matchAll(/<script\b([^>]*)>/g)].map((m) => m[1]!).filter((attrs) => !/\bsrc=/.test(attrs));
    expect(inline.length).toBeGreaterThan(0);
    for (const attrs of inline) expect(attrs).toContain(`nonce="${nonce}"`);
    // No HSTS over plain http.
    expect(first.headers["strict-transport-security"]).toBeUndefined();

    const asset = /<script[^>]+src="(\/build\/[^"]+\.js)"/.exec(first.body)?.[1] ?? /href="(\/build\/[^"]+\.css)"/.exec(first.body)?.[1];
    expect(asset).toBeTruthy();
    for (const path of [asset!, "/login.data", "/verify/NOPE", "/favicon.ico", "/no-such-page"]) {
      const res = await request(server, path);
      expect(res.headers["x-content-type-options"], path).toBe("nosniff");
      expect(res.headers["content-security-policy"], path).toBeTruthy();
    }
  });

  it("refuses a POST whose Origin matches a forged Host (DNS rebinding) with 403, nothing written", async () => {
    const res = await request(server, "/set-locale", {
      method: "POST",
      headers: { Host: "evil.example:3333", Origin: "http://evil.example:3333", "Content-Type": "application/x-www-form-urlencoded" },
      body: form({ locale: "id", redirectTo: "/" }),
    });
    expect(res.status).toBe(403);
    // A proxy that drops Host: a good POST still works, it is not a 500.
    const noHostHeader = await request(server, "/set-locale", {
      method: "POST",
      headers: { Host: "", Origin: server.url, "Content-Type": "application/x-www-form-urlencoded" },
      body: form({ locale: "en", redirectTo: "/" }),
    });
    expect(noHostHeader.status).toBe(302);
    const odd = await request(server, "/set-locale", {
      method: "POST",
      headers: { Host: "bad host:xx", Origin: "http://bad host:xx", "Content-Type": "application/x-www-form-urlencoded" },
      body: form({ locale: "en", redirectTo: "/" }),
    });
    expect(odd.status).toBe(403);
  });

  it("behind one proxy, limits /verify by the address the proxy appended, whatever the client wrote", async () => {
    // The limit counts per fixed minute (verify.server.ts): start just after a minute begins, so
    // the 25 requests fall in one window however slowly they run.
    const realNow = Date.now();
    await proxied.setClockOffset(Math.ceil(realNow / 60_000) * 60_000 + 1000 - realNow);
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) {
      const res = await request(proxied, "/verify/NOPE", { headers: { "X-Forwarded-For": `6.6.${i}.6, 203.0.113.9` } });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 20).every((s) => s !== 429)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429, 429, 429, 429]);
    // Another client behind the same proxy is not affected.
    expect((await request(proxied, "/verify/NOPE", { headers: { "X-Forwarded-For": "203.0.113.10" } })).status).not.toBe(429);
  });

  it("refuses to start with the test clock on a public address, and sends HSTS for an https PUBLIC_URL", async () => {
    await expect(startServer({ env: { PUBLIC_URL: "https://academy.example.org" } })).rejects.toThrow(/ACADEMY_TEST_CLOCK=1 is for tests only/);
    const https = await startServer({ env: { PUBLIC_URL: "https://academy.example.org", ACADEMY_TEST_CLOCK: "0" } });
    try {
      const res = await request(https, "/login");
      expect(res.headers["strict-transport-security"]).toMatch(/max-age=31536000/);
      // Origins come from PUBLIC_URL only: the server's own loopback address no longer passes.
      const post = await request(https, "/set-locale", {
        method: "POST",
        headers: { Origin: https.url, "Content-Type": "application/x-www-form-urlencoded" },
        body: form({ locale: "en", redirectTo: "/" }),
      });
      expect(post.status).toBe(403);
      const good = await request(https, "/set-locale", {
        method: "POST",
        headers: { Origin: "https://academy.example.org", "Content-Type": "application/x-www-form-urlencoded" },
        body: form({ locale: "en", redirectTo: "/" }),
      });
      expect(good.status).toBe(302);
    } finally {
      await https.stop();
    }
  });
});
