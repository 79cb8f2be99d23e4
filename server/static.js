// Static files from public/ (the client build and favicon), served by server.js before Remix.
// BUILD_PREFIX is the client build's URL folder: /build/, or /dev-build/ under `npm run dev`.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";

const TYPES = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json",
  ".ico": "image/x-icon",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

// Static files are few and small: read once, keep raw and gzipped copies in memory. Only files
// that exist are cached, so the cache is bounded by what is in public/; a miss is looked up
// again each time (a stat), rather than remembered for every name a client makes up.
export function createStaticFiles(PUBLIC_DIR, MODE, BUILD_PREFIX = "/build/") {
  const staticCache = new Map();
  function readStatic(pathname) {
    const cached = staticCache.get(pathname);
    if (cached) return cached;
    const file = path.join(PUBLIC_DIR, pathname);
    if (!file.startsWith(PUBLIC_DIR + path.sep)) return null;
    let entry = null;
    try {
      if (fs.statSync(file).isFile()) {
        const body = fs.readFileSync(file);
        const type = TYPES[path.extname(file)] ?? "application/octet-stream";
        const compressible = /^(text|application\/json)|svg/.test(type);
        entry = {
          body,
          gz: compressible ? zlib.gzipSync(body, { level: 9 }) : null,
          type,
        };
      }
    } catch {
      entry = null;
    }
    if (MODE === "production" && entry) staticCache.set(pathname, entry);
    return entry;
  }

  function serveStatic(req, res, pathname) {
    if (req.method !== "GET" && req.method !== "HEAD") return false;
    if (!pathname.startsWith(BUILD_PREFIX) && !/^\/[\w.-]+$/.test(pathname)) return false;
    const entry = readStatic(pathname);
    if (!entry) return false;
    const gzip = entry.gz && /\bgzip\b/.test(req.headers["accept-encoding"] ?? "");
    const body = gzip ? entry.gz : entry.body;
    res.writeHead(200, {
      "Content-Type": entry.type,
      "Content-Length": body.length,
      // Files of the client build carry a content hash in their names.
      "Cache-Control": pathname.startsWith(BUILD_PREFIX) ? "public, max-age=31536000, immutable" : "public, max-age=3600",
      ...(entry.gz ? { Vary: "Accept-Encoding" } : {}),
      ...(gzip ? { "Content-Encoding": "gzip" } : {}),
    });
    res.end(req.method === "HEAD" ? undefined : body);
    return true;
  }

  return { serve: serveStatic, cacheSize: () => staticCache.size };
}
