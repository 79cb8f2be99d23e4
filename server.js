// The HTTP server: node:http in front of the Remix request handler, with static files.
// A minimal adapter instead of Express or remix-serve: fewer layers per request (see
// docs/decisions/0005-own-http-adapter.md), a default bind to 127.0.0.1, and no per-request
// logging unless LOG_REQUESTS=1.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import url from "node:url";
import zlib from "node:zlib";
import { createRequestHandler, writeReadableStreamToWritable } from "@remix-run/node";
import {
  applyHeaders,
  bodyLimitFor,
  clientAddress,
  FORM_BODY_LIMIT,
  forwardedProto,
  newNonce,
  parseTrustProxy,
  readBody,
  securityHeaders,
  testClockRefusal,
} from "./server/guards.js";
import { createStaticFiles } from "./server/static.js";
import { createUploadSlots, declaredLength, discardRest, limitedBodyStream, mayBeLarge, UPLOAD_RETRY_AFTER } from "./server/uploads.js";
import { buildPaths } from "./server/build-paths.js";
import { createGroupedHandler } from "./server/route-groups.js";

const dev = process.argv.includes("--dev");
if (dev) process.env.NODE_ENV ??= "development";
const MODE = process.env.NODE_ENV === "production" ? "production" : "development";
const HOST = process.env.HOST || "127.0.0.1";
const PORT = Number(process.env.PORT ?? 3000);
const TRUST_PROXY = parseTrustProxy(process.env.TRUST_PROXY);
// Set when the operator names the public address; then it is the only origin POSTs may come
// from and the origin of every Request Remix sees (a Host header is the client's to choose).
const PUBLIC_ORIGIN = process.env.PUBLIC_URL ? new URL(process.env.PUBLIC_URL).origin : null;
const HEADERS = securityHeaders({ https: PUBLIC_ORIGIN?.startsWith("https:") ?? false, dev });

const clockRefused = testClockRefusal({ env: process.env, host: HOST, hasIpc: Boolean(process.send) });
if (clockRefused) {
  console.error(clockRefused);
  process.exit(1);
}
const TEST_CLOCK = process.env.ACADEMY_TEST_CLOCK === "1";
const LOG_REQUESTS = process.env.LOG_REQUESTS === "1";
// A development build lives apart from the production one (server/build-paths.js).
const BUILD = buildPaths(dev ? "development" : "production");
const BUILD_PATH = path.resolve(BUILD.serverBuildPath);
const PUBLIC_DIR = path.resolve("public");

let build = await import(url.pathToFileURL(BUILD_PATH).href);
if (!dev && build.mode !== "production") {
  // A development build would answer 500 ("jsxDEV is not a function") under NODE_ENV=production.
  console.error(`${BUILD_PATH} is a ${build.mode} build: run \`npm run build\` first.`);
  process.exit(1);
}
let handler = createGroupedHandler(build, MODE, createRequestHandler);

const staticFiles = createStaticFiles(PUBLIC_DIR, MODE, BUILD.publicPath);
const serveStatic = staticFiles.serve;
const uploadSlots = createUploadSlots();

function requestOrigin(req) {
  if (PUBLIC_ORIGIN) return PUBLIC_ORIGIN;
  const fallback = `http://${HOST}:${PORT}`;
  try {
    return new URL(`${forwardedProto(req.headers, TRUST_PROXY)}://${req.headers.host ?? ""}`).origin;
  } catch {
    return fallback;
  }
}

function toRequest(req, res, body) {
  const origin = requestOrigin(req);
  const controller = new AbortController();
  // Aborted only when the client went away before the response was sent: aborting every finished
  // request made a DOMException (with its stack) per request for nothing.
  res.on("close", () => {
    if (!res.writableFinished) controller.abort();
  });
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(key, v);
    else headers.set(key, value);
  }
  // Remix compares an action's Origin with X-Forwarded-Host or Host and throws (a 500) when they
  // differ. A proxy sets its own Host, and preflight() has already checked Origin against
  // PUBLIC_URL, so Remix sees the host of the origin the request is taken to be for.
  headers.delete("x-forwarded-host");
  headers.set("host", new URL(origin).host);
  const init = { method: req.method, headers, signal: controller.signal };
  if (body) init.body = body;
  if (body instanceof ReadableStream) init.duplex = "half";
  return new Request(new URL(req.url, origin), init);
}

// Pages and route data are compressed for slow connections; downloads (CSV, XLSX, PDF, ZIP)
// and images are sent as they are.
const COMPRESSIBLE = /^(text\/html|text\/x-script|application\/json|text\/plain)/;

// A body that is complete within BUFFER_MS (every page here: the app defers no data) is gzipped
// in one call on the threadpool and sent with a Content-Length. For a 49 KB page, a gzip stream
// flushed per chunk cost the event loop 0.5 ms against 0.1-0.2 ms for one call, and a third
// more CPU in all (tests/bench, docs/benchmarks.md). The limit is generous because under load
// a page's chunks are interleaved with other requests' work: with 25 ms, two responses in three
// missed it at 50 concurrent requests. A body still streaming after BUFFER_MS, or larger than
// BUFFER_MAX, is compressed as it streams, as before; a route that starts deferring data
// (Suspense, Await) would see its shell up to BUFFER_MS later: lower this for it then.
const GZIP_LEVEL = 5;
const BUFFER_MS = 1_000;
const BUFFER_MAX = 8 * 1024 * 1024;
const TIMEOUT = Symbol("timeout");
const gzipAsync = (bytes) =>
  new Promise((resolve, reject) => zlib.gzip(bytes, { level: GZIP_LEVEL }, (error, out) => (error ? reject(error) : resolve(out))));

async function sendResponse(req, res, response, extra = {}) {
  const headers = { ...extra };
  for (const [key, value] of response.headers) {
    if (key === "set-cookie") continue;
    headers[key] = value;
  }
  headers["cache-control"] = cacheControl(headers["cache-control"]);
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers["set-cookie"] = cookies;
  const gzip =
    response.body &&
    req.method !== "HEAD" &&
    !headers["content-encoding"] &&
    COMPRESSIBLE.test(headers["content-type"] ?? "") &&
    /\bgzip\b/.test(req.headers["accept-encoding"] ?? "");
  if (!gzip) {
    res.writeHead(response.status, response.statusText || undefined, headers);
    if (!response.body) return res.end();
    return writeReadableStreamToWritable(response.body, res);
  }
  headers["content-encoding"] = "gzip";
  headers["vary"] = headers["vary"] ? `${headers["vary"]}, Accept-Encoding` : "Accept-Encoding";
  delete headers["content-length"];

  const reader = response.body.getReader();
  const chunks = [];
  let size = 0;
  let pending = reader.read();
  let timer;
  const timeout = new Promise((resolve) => (timer = setTimeout(resolve, BUFFER_MS, TIMEOUT)));
  try {
    for (;;) {
      const next = await Promise.race([pending, timeout]);
      if (next === TIMEOUT) break;
      if (next.done) {
        const body = await gzipAsync(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size));
        headers["content-length"] = String(body.length);
        res.writeHead(response.status, response.statusText || undefined, headers);
        return res.end(body);
      }
      chunks.push(next.value);
      size += next.value.length;
      pending = reader.read();
      if (size > BUFFER_MAX) break;
    }
  } finally {
    clearTimeout(timer);
  }

  res.writeHead(response.status, response.statusText || undefined, headers);
  const zipper = zlib.createGzip({ level: GZIP_LEVEL });
  zipper.pipe(res);
  try {
    for (const chunk of chunks) zipper.write(chunk);
    zipper.flush(zlib.constants.Z_SYNC_FLUSH);
    for (;;) {
      const { done, value } = await pending;
      if (done) break;
      zipper.write(value);
      // A sync flush (not a full one) per chunk: streamed HTML still reaches the browser as
      // it is rendered, and the compression dictionary is kept.
      zipper.flush(zlib.constants.Z_SYNC_FLUSH);
      pending = reader.read();
    }
    zipper.end();
  } catch (error) {
    zipper.destroy(error);
    throw error;
  }
}

/**
 * Every answer from Remix may depend on the session (the header shows who is logged in), so it
 * is never stored by a shared cache or kept for the back button: `private, no-store` unless the
 * route chose a private policy itself (lesson images: private and immutable). Hashed build files
 * never reach here (server/static.js caches them for a year).
 */
function cacheControl(value) {
  if (value && /\bprivate\b/.test(value)) return value;
  // Compiled lesson modules (app/routes/lesson-code.$file.tsx): the URL is the hash of the
  // bytes and a published lesson holds nothing private, so any cache may keep it (ADR 0029).
  if (value && /^public, max-age=\d+, immutable$/.test(value)) return value;
  return "private, no-store";
}

function plain(res, status, text, extra = {}) {
  res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", ...extra });
  res.end(text);
}

function decodePath(rawUrl) {
  try {
    return decodeURIComponent(new URL(rawUrl, "http://x").pathname);
  } catch {
    return null;
  }
}

const server = http.createServer(async (req, res) => {
  const started = LOG_REQUESTS ? performance.now() : 0;
  try {
    res.locals = { cspNonce: newNonce() };
    await applyHeaders(HEADERS, req, res);
    // A broken percent-escape is the client's mistake: 400, not a 500 from deep inside Remix.
    const pathname = decodePath(req.url);
    if (pathname === null) return plain(res, 400, "Bad Request: malformed URL");
    if (serveStatic(req, res, pathname)) return;
    // HTTP/1.0 allows a request without Host; there is then no site it can be for.
    if (!req.headers.host) return plain(res, 400, "Bad Request: Host header required", { Connection: "close" });
    const context = { clientIp: clientAddress(req.headers, req.socket.remoteAddress, TRUST_PROXY), cspNonce: res.locals.cspNonce };
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    // A refusal is sent before the body is read; the rest is then dropped, never kept (discardRest).
    const refuse = (status, text, extra = {}) => {
      plain(res, status, text, extra);
      discardRest(req);
    };
    // The Origin check needs only the headers: no body is read for a cross-site request.
    const refused = build.entry.module.preflight?.(toRequest(req, res, undefined));
    if (refused) {
      await sendResponse(req, res, refused);
      if (hasBody) discardRest(req);
      return;
    }
    let body;
    let streamed = null;
    if (hasBody) {
      const limit = bodyLimitFor(pathname);
      const declared = declaredLength(req.headers);
      if (declared !== null && declared > limit) return refuse(413, "Payload Too Large");
      if (limit > FORM_BODY_LIMIT && mayBeLarge(req.headers, FORM_BODY_LIMIT)) {
        // More than a small form only from someone logged in, and only a few at a time.
        const userId = await build.entry.module.sessionUserId?.(toRequest(req, res, undefined));
        if (!userId) return refuse(401, "Unauthorized: log in before uploading");
        const release = uploadSlots.take(userId);
        if (!release) return refuse(429, "Too Many Requests: uploads already under way", { "Retry-After": String(UPLOAD_RETRY_AFTER) });
        res.on("close", release);
        streamed = { over: false, complete: false };
        body = limitedBodyStream(req, limit, streamed);
      } else {
        body = await readBody(req, Math.min(limit, FORM_BODY_LIMIT));
        if (body === null) return refuse(413, "Payload Too Large");
      }
    }
    const request = toRequest(req, res, body);
    const response = await handler(request, context);
    if (streamed?.over) {
      await response.body?.cancel();
      return refuse(413, "Payload Too Large");
    }
    await sendResponse(req, res, response);
    if (streamed && !streamed.complete) discardRest(req);
  } catch (error) {
    console.error(error);
    if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
    res.end("Internal Server Error");
  } finally {
    if (LOG_REQUESTS) console.log(`${req.method} ${req.url} ${res.statusCode} ${(performance.now() - started).toFixed(1)} ms`);
  }
});

let worker = null;
server.keepAliveTimeout = 65_000;
// PostgreSQL migrates before the first request (SQLite migrates when its file is opened); app
// servers starting together take turns (app/db/client.server.ts).
try {
  await build.entry.module.prepareDatabase?.();
} catch (error) {
  console.error(`The database is not ready: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}
server.listen(PORT, HOST, async () => {
  const address = server.address();
  const shownHost = HOST === "0.0.0.0" ? "127.0.0.1" : HOST;
  console.log(`Pustaka Academy (${MODE}) listening on http://${shownHost}:${address.port}`);
  if (process.send) process.send({ ready: true, port: address.port });
  // Notifications: the outbox worker and daily reminders run in this process (NOTIFY_WORKER=0: apart).
  worker = build.entry.module.startBackgroundWorker?.() ?? null;
  prune();
  if (dev) {
    const { broadcastDevReady } = await import("@remix-run/node");
    await broadcastDevReady(build);
  }
});

// Expired sessions, spent login counters and idle limiter keys are dropped at start-up and then
// on a schedule; each run is bounded (app/auth/prune.server.ts).
function prune() {
  Promise.resolve()
    .then(() => build.entry.module.pruneStale?.())
    .catch((error) => console.error(error));
}
setInterval(prune, build.entry.module.PRUNE_INTERVAL_MS ?? 600_000).unref();

if (TEST_CLOCK) {
  // Test-only (see testClockRefusal above): the harness sets the clock offset and waits for the echo.
  process.on("message", (message) => {
    if (typeof message?.clockOffsetMs !== "number") return;
    build.entry.module.setClockOffset(message.clockOffsetMs);
    process.send({ clockOffsetMs: message.clockOffsetMs });
  });
}

if (dev) {
  // `remix dev --manual` rebuilds into the dev build folder; pick the new build up without a restart.
  let timer;
  fs.watch(path.dirname(BUILD_PATH), () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      build = await import(`${url.pathToFileURL(BUILD_PATH).href}?t=${Date.now()}`);
      handler = createGroupedHandler(build, MODE, createRequestHandler);
      const { broadcastDevReady } = await import("@remix-run/node");
      await broadcastDevReady(build);
    }, 100);
  });
}

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    void worker?.stop();
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 2_000).unref();
  });
}
