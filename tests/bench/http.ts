// One-off HTTP requests from the orchestrator (node:http, no decompression, so byte counts are
// what travels), plus the client-side asset measurement of a page.
import http from "node:http";
import zlib from "node:zlib";

export type Fetched = {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** The body as received (still gzipped if Content-Encoding says so). */
  body: Buffer;
  /** Seconds to the first byte of the response and to the last byte. */
  ttfb: number;
  seconds: number;
};

export const BROWSER_UA = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36";

export function request(
  url: string,
  {
    method = "GET",
    headers = {},
    body,
    keepBody = true,
    timeoutMs = 60_000,
  }: { method?: string; headers?: Record<string, string>; body?: string; keepBody?: boolean; timeoutMs?: number } = {},
): Promise<Fetched & { bytes: number }> {
  const target = new URL(url);
  if (target.hostname !== "127.0.0.1") throw new Error(`loopback only: ${url}`);
  return new Promise((resolve, reject) => {
    const started = performance.now();
    let ttfb = 0;
    const req = http.request(
      target,
      {
        method,
        agent: false,
        headers: { "user-agent": BROWSER_UA, ...headers, ...(body ? { "content-length": String(Buffer.byteLength(body)) } : {}) },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let bytes = 0;
        res.once("data", () => (ttfb = (performance.now() - started) / 1000));
        res.on("data", (c: Buffer) => {
          bytes += c.length;
          if (keepBody) chunks.push(c);
        });
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
            bytes,
            ttfb: ttfb || (performance.now() - started) / 1000,
            seconds: (performance.now() - started) / 1000,
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`timed out after ${timeoutMs} ms: ${method} ${url}`)));
    req.on("error", reject);
    req.end(body);
  });
}

/** The decoded body of a response. */
export function decoded(r: Fetched): Buffer {
  return r.headers["content-encoding"] === "gzip" ? zlib.gunzipSync(r.body) : r.body;
}

/** Same-origin script and stylesheet URLs a page loads: <script src>, <link rel=modulepreload|stylesheet>, and module imports in inline scripts. */
export function assetUrls(html: string): { js: string[]; css: string[] } {
  const js = new Set<string>();
  const css = new Set<string>();
  const attr = (tag: string, name: string) => new RegExp(`\\b${name}\\s*=\\s*"([^"]*)"`, "i").exec(tag)?.[1] ?? null;
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    const src = attr(tag, "src");
    if (src) js.add(src);
  }
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = (attr(tag, "rel") ?? "").toLowerCase().split(/\s+/);
    const href = attr(tag, "href");
    if (!href) continue;
    if (rel.includes("modulepreload")) js.add(href);
    else if (rel.includes("stylesheet")) css.add(href);
  }
  for (const m of html.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*)"(\/build\/[^"]+\.js)"/g)) js.add(m[1]!);
  const local = (u: string) => u.startsWith("/") && !u.startsWith("//");
  return { js: [...js].filter(local), css: [...css].filter(local) };
}

export type AssetSize = { url: string; kind: "js" | "css"; bytes: number; gzipBytes: number };

/** Fetches each asset as a browser would (Accept-Encoding: gzip); its gzip size is what the server sent, or gzip -9 of it. */
export async function measureAssets(base: string, urls: { js: string[]; css: string[] }): Promise<AssetSize[]> {
  const out: AssetSize[] = [];
  for (const [kind, list] of [
    ["js", urls.js],
    ["css", urls.css],
  ] as const) {
    for (const u of list) {
      const r = await request(new URL(u, base).href, { headers: { "accept-encoding": "gzip" } });
      if (r.status !== 200) throw new Error(`asset ${u} answered ${r.status}`);
      const raw = decoded(r);
      const gzipBytes = r.headers["content-encoding"] === "gzip" ? r.body.length : zlib.gzipSync(raw, { level: 9 }).length;
      out.push({ url: u, kind, bytes: raw.length, gzipBytes });
    }
  }
  return out;
}
