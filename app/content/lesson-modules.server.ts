import zlib from "node:zlib";
import type { CompiledLesson } from "./compile.server";
import { getContent } from "./registry.server";

// Serving compiled lesson modules (/lesson-code/<hash>.js, ADR 0029). The bytes were written and
// loaded when content loaded; a request only looks them up. The name is the hash of the bytes,
// so a module never changes under its URL and browsers keep it for a year.

const NAME = /^([A-Za-z0-9_-]{22})\.js$/;
const YEAR = 31_536_000;
const gzipped = new WeakMap<CompiledLesson, Uint8Array<ArrayBuffer>>();

export type LessonModuleEntry = CompiledLesson & { public: boolean };

/** The module a /lesson-code/ file name names, or null (a made-up or stale name). */
export async function findLessonModule(fileName: string): Promise<LessonModuleEntry | null> {
  const hash = NAME.exec(fileName)?.[1];
  if (!hash) return null;
  return (await getContent()).lessonModules.get(hash) ?? null;
}

/**
 * The module as JavaScript. Published lessons may sit in any cache (they hold nothing a staff
 * member may not read); a draft's module is private to the previewer's browser. Compressed
 * here, once per module, since server.js compresses only pages and data.
 */
export function lessonModuleResponse(request: Request, entry: LessonModuleEntry): Response {
  const gzip = /\bgzip\b/.test(request.headers.get("accept-encoding") ?? "");
  let body: Uint8Array<ArrayBuffer> | string = entry.code;
  if (gzip) {
    body = gzipped.get(entry) ?? new Uint8Array(zlib.gzipSync(entry.code, { level: 9 }));
    gzipped.set(entry, body);
  }
  return new Response(body, {
    headers: {
      "Content-Type": "text/javascript; charset=utf-8",
      "Cache-Control": `${entry.public ? "public" : "private"}, max-age=${YEAR}, immutable`,
      Vary: "Accept-Encoding",
      ...(gzip ? { "Content-Encoding": "gzip" } : {}),
    },
  });
}
