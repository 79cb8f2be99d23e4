// server.js's request guards, without starting a server: proxy hops, body limits, the static
// cache's bound and the test clock's refusal. The e2e file server-hardening.e2e.ts checks the
// same rules on a running server.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { bodyLimitFor, clientAddress, FORM_BODY_LIMIT, forwardedProto, parseTrustProxy, readBody, testClockRefusal } from "../../server/guards.js";
import { createStaticFiles } from "../../server/static.js";

describe("client address behind proxies", () => {
  it("ignores X-Forwarded-For without a trusted proxy", () => {
    expect(clientAddress({ "x-forwarded-for": "6.6.6.6" }, "10.0.0.9", 0)).toBe("10.0.0.9");
  });

  it("takes the address the trusted proxy appended, not what the client wrote", () => {
    // The client sent "X-Forwarded-For: 6.6.6.6"; the proxy appended the address it saw.
    expect(clientAddress({ "x-forwarded-for": "6.6.6.6, 203.0.113.7" }, "10.0.0.2", 1)).toBe("203.0.113.7");
    expect(clientAddress({ "x-forwarded-for": "203.0.113.7" }, "10.0.0.2", 1)).toBe("203.0.113.7");
    // Two proxies: a CDN appended the client, then the load balancer appended the CDN.
    expect(clientAddress({ "x-forwarded-for": "6.6.6.6, 203.0.113.7, 198.51.100.1" }, "10.0.0.2", 2)).toBe("203.0.113.7");
    // Repeated headers are one list.
    expect(clientAddress({ "x-forwarded-for": ["6.6.6.6", "203.0.113.7"] }, "10.0.0.2", 1)).toBe("203.0.113.7");
  });

  it("never lets a spoofed list pick an address the proxy did not add", () => {
    const seen = new Set(Array.from({ length: 50 }, (_, i) => clientAddress({ "x-forwarded-for": `6.6.6.${i}, 203.0.113.7` }, "10.0.0.2", 1)));
    expect([...seen]).toEqual(["203.0.113.7"]);
  });

  it("reads the scheme from the nearest proxy only when one is trusted", () => {
    expect(forwardedProto({ "x-forwarded-proto": "https" }, 0)).toBe("http");
    expect(forwardedProto({ "x-forwarded-proto": "http, https" }, 1)).toBe("https");
    expect(forwardedProto({ "x-forwarded-proto": "javascript" }, 1)).toBe("http");
  });

  it("refuses a TRUST_PROXY that is not a count", () => {
    expect(parseTrustProxy(undefined)).toBe(0);
    expect(parseTrustProxy("1")).toBe(1);
    expect(parseTrustProxy("2")).toBe(2);
    expect(() => parseTrustProxy("true")).toThrow(/number of proxies/);
  });
});

describe("request body limits", () => {
  it("gives forms a small limit and the CSV import its own", () => {
    expect(bodyLimitFor("/login")).toBe(FORM_BODY_LIMIT);
    expect(bodyLimitFor("/hr/import")).toBeGreaterThan(5_000_000);
    expect(bodyLimitFor("/hr/import/links.csv")).toBeGreaterThan(5_000_000);
    expect(bodyLimitFor("/hr/importer")).toBe(FORM_BODY_LIMIT);
    expect(bodyLimitFor("/learn/measuring-impact/tasks/monthly-report")).toBe(64 * 1024 * 1024);
    expect(bodyLimitFor("/learn/measuring-impact/tasks/monthly-report.data")).toBe(64 * 1024 * 1024);
    expect(bodyLimitFor("/learn/measuring-impact/quiz/x")).toBe(FORM_BODY_LIMIT);
  });

  it("stops at the declared length without reading, and while reading an undeclared one", async () => {
    let pulled = 0;
    const endless = new Readable({
      read() {
        pulled++;
        this.push(Buffer.alloc(16 * 1024));
      },
    });
    expect(await readBody(Object.assign(endless, { headers: { "content-length": "100000000" } }), FORM_BODY_LIMIT)).toBeNull();
    expect(pulled).toBe(0);
    expect(await readBody(Object.assign(endless, { headers: {} }), FORM_BODY_LIMIT)).toBeNull();
    expect(pulled).toBeLessThan(10);
    const small = Object.assign(Readable.from([Buffer.from("email=a%40b.c")]), { headers: {} });
    expect((await readBody(small, FORM_BODY_LIMIT))!.toString()).toBe("email=a%40b.c");
  });
});

describe("static files", () => {
  it("caches files that exist and nothing for names that do not", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "academy-static-"));
    fs.mkdirSync(path.join(dir, "build"));
    fs.writeFileSync(path.join(dir, "build", "app-123.js"), "console.log(1)");
    const files = createStaticFiles(dir, "production");
    const res = () => ({ writeHead() {}, end() {} });
    const req = { method: "GET", headers: {} };
    for (let i = 0; i < 2000; i++) expect(files.serve(req, res(), `/build/${"x".repeat(200)}${i}.js`)).toBe(false);
    for (let i = 0; i < 2000; i++) expect(files.serve(req, res(), `/missing-${i}`)).toBe(false);
    expect(files.cacheSize()).toBe(0);
    expect(files.serve(req, res(), "/build/app-123.js")).toBe(true);
    expect(files.cacheSize()).toBe(1);
    fs.rmSync(dir, { recursive: true });
  });
});

describe("the test clock", () => {
  const loopback = { ACADEMY_TEST_CLOCK: "1", PUBLIC_URL: "http://127.0.0.1:4000" };
  it("is off unless asked for", () => {
    expect(testClockRefusal({ env: {}, host: "0.0.0.0", hasIpc: false })).toBeNull();
  });
  it("runs only on loopback, over http, under a forking harness", () => {
    expect(testClockRefusal({ env: loopback, host: "127.0.0.1", hasIpc: true })).toBeNull();
    expect(testClockRefusal({ env: { ...loopback, PUBLIC_URL: "https://academy.example.org" }, host: "127.0.0.1", hasIpc: true })).toMatch(
      /tests only/,
    );
    expect(testClockRefusal({ env: { ...loopback, PUBLIC_URL: "http://127.0.0.1.evil.example" }, host: "127.0.0.1", hasIpc: true })).toMatch(
      /tests only/,
    );
    expect(testClockRefusal({ env: loopback, host: "0.0.0.0", hasIpc: true })).toMatch(/loopback/);
    expect(testClockRefusal({ env: loopback, host: "127.0.0.1", hasIpc: false })).toMatch(/harness/);
  });
});
