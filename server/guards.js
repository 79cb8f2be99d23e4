// What server.js does to every request before Remix sees it: the client's address behind a
// configured number of proxies, request body limits, security headers and the test-only clock.
// Plain JavaScript (server.js runs without a build step); unit-tested in tests/unit/server-guards.test.ts.
import { randomBytes } from "node:crypto";
import helmet from "helmet";

/**
 * TRUST_PROXY is the number of reverse proxies in front of the server (0: none). "1" keeps its
 * old meaning, one proxy. Anything else is a configuration error, not a silent 0.
 */
export function parseTrustProxy(value) {
  if (value === undefined || value === "") return 0;
  if (!/^\d{1,2}$/.test(value)) throw new Error(`TRUST_PROXY must be the number of proxies in front of the server (0, 1, 2, …), not "${value}"`);
  return Number(value);
}

function listOf(header) {
  const joined = Array.isArray(header) ? header.join(",") : (header ?? "");
  return joined
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * The client's address. Each proxy appends the address it received the request from to
 * X-Forwarded-For, so with `hops` trusted proxies the last `hops` addresses of the chain
 * (X-Forwarded-For, then the socket's peer) are ours, and the one before them is the client as
 * the outermost trusted proxy saw it. Entries further left were written by the client and are
 * never believed (docs/decisions/0011-proxy-trust.md).
 */
export function clientAddress(headers, socketAddress, hops) {
  const chain = [...(hops > 0 ? listOf(headers["x-forwarded-for"]) : []), socketAddress ?? "unknown"];
  return chain[Math.max(0, chain.length - 1 - hops)];
}

/** The scheme the nearest trusted proxy saw; the last value, since a proxy appends. */
export function forwardedProto(headers, hops) {
  if (hops === 0) return "http";
  const proto = listOf(headers["x-forwarded-proto"]).at(-1);
  return proto === "https" ? "https" : "http";
}

// Forms here are a few fields; 64 KB is many times the largest (a 40-question quiz submit is
// under 2 KB). Uploads get their own limit: the CSV import takes a 5 MB file (IMPORT_MAX_BYTES),
// and its apply step and links download post up to 6 MB of text back as a urlencoded field,
// which percent-encoding can triple. A route that accepts a bigger body adds a line here.
export const FORM_BODY_LIMIT = 64 * 1024;
// A practical task's hand-in carries up to three 10 MB pictures and a 10 MB file
// (app/practice/multipart.server.ts checks each part and caps the whole at 64 MB). A body over
// FORM_BODY_LIMIT is read only from someone logged in, as a stream (server/uploads.js).
export const BODY_LIMITS = [
  { path: "/hr/import", limit: 32 * 1024 * 1024 },
  { pattern: /^\/learn\/[^/]+\/tasks\/[^/]+(?:\.data)?$/, limit: 64 * 1024 * 1024 },
];

export function bodyLimitFor(pathname) {
  const matches = (l) =>
    l.pattern ? l.pattern.test(pathname) : pathname === l.path || pathname.startsWith(`${l.path}/`) || pathname.startsWith(`${l.path}.`);
  return BODY_LIMITS.find(matches)?.limit ?? FORM_BODY_LIMIT;
}

/**
 * Reads a request body up to `limit` bytes. Returns null as soon as it is known to be larger
 * (from Content-Length, or while reading), without reading the rest.
 */
export async function readBody(req, limit) {
  const declared = Number(req.headers["content-length"] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) return null;
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > limit) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

export function newNonce() {
  return randomBytes(16).toString("base64");
}

/**
 * Security headers for every response (pages, .data, static files, errors), from helmet.
 * The CSP allows scripts only from this origin or carrying the request's nonce (Remix's inline
 * scripts get it through <Scripts nonce>). No 'unsafe-eval': compiled lessons are ES modules
 * from this origin (/lesson-code/, ADR 0029), not strings turned into code. Styles allow inline
 * `style` attributes (progress bars, chart colours).
 * HSTS only when the public address is https. See docs/decisions/0010-security-headers.md.
 */
export function securityHeaders({ https, dev }) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'", (_req, res) => `'nonce-${res.locals.cspNonce}'`],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": dev ? ["'self'", "ws:"] : ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        // A lesson's <Video> loads its player only when the learner presses play, from these two.
        "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        ...(https ? { "upgrade-insecure-requests": [] } : {}),
      },
    },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: false } : false,
    referrerPolicy: { policy: "same-origin" },
    xFrameOptions: { action: "deny" },
    crossOriginEmbedderPolicy: false,
  });
}

/** Runs the helmet middleware on a bare node:http response (it only sets headers). */
export function applyHeaders(middleware, req, res) {
  return new Promise((resolve, reject) => middleware(req, res, (error) => (error ? reject(error) : resolve())));
}

const LOOPBACK_URL = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\/?$/;
const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "::1"]);

/**
 * The test clock (ACADEMY_TEST_CLOCK=1) lets the process that forked the server move its clock
 * over IPC. Refused unless the server is only reachable on loopback, over plain http, and was
 * started by a parent process: a real deployment has a public address, so it cannot start with
 * the flag by mistake (docs/decisions/0013-test-clock.md). Returns the reason it is refused, or null.
 */
export function testClockRefusal({ env, host, hasIpc }) {
  if (env.ACADEMY_TEST_CLOCK !== "1") return null;
  const publicUrl = env.PUBLIC_URL ?? `http://${host}`;
  if (!LOOPBACK_HOSTS.has(host) || !LOOPBACK_URL.test(publicUrl)) {
    return "ACADEMY_TEST_CLOCK=1 is for tests only: HOST and PUBLIC_URL must be loopback addresses over http";
  }
  if (!hasIpc) return "ACADEMY_TEST_CLOCK=1 is for tests only: the server must be started by a test harness (fork with IPC)";
  return null;
}
