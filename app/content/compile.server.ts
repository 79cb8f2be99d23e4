import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { lessonModuleUrl, registerLessonModule, type LessonFactory } from "~/components/mdx/lesson-module";
import { loadMdxBundler, loadRemarkGfm } from "~/utils/lazy-libraries.server";
import type { ContentProblem, LessonTranslation } from "./model";
import { refuseLessonCode, type CodeFinding } from "./lesson-code.server";

// Bump when the compile options change, so stale on-disk cache entries are not reused.
// 2: lessons that hold code (lesson-code.server.ts) no longer compile.
// 3: each lesson is an ES module (ADR 0029), served at /lesson-code/<hash of its bytes>.js.
const COMPILER_VERSION = "3";

/** Counts of how lessons were obtained; tests read them to prove requests never compile. */
export const compileStats = { compiled: 0, fromDisk: 0, fromMemory: 0 };

/**
 * A compiled lesson: the module's source (what /lesson-code/ serves), the hash of those bytes
 * and the URL that names it. Its component is already loaded (loadedLesson(url)).
 */
export type CompiledLesson = { code: string; hash: string; url: string };

const memory = new Map<string, CompiledLesson>();

/** A failure names its first problem, and every problem when the lesson holds code in several places. */
export type CompileResult = ({ ok: true } & CompiledLesson) | { ok: false; problem: ContentProblem; problems: ContentProblem[] };

function cacheFile(cacheDir: string, hash: string) {
  // .mjs: Node imports it as a module whatever package.json the cache folder sits under.
  return path.join(cacheDir, `${COMPILER_VERSION}-${hash}.mjs`);
}

/**
 * mdx-bundler's output is the body of a function that receives React and the JSX runtime by
 * name (`…;return Component;`); wrapped as the default export it is a module that imports
 * nothing and runs without `new Function`.
 */
function toModule(bundled: string) {
  return `export default function lesson(scope){var{React,_jsx_runtime}=scope;${bundled}}\n`;
}

/** A module's name: the hash of its bytes, so any change to them (a compiler's too) is a new URL. */
export function moduleHash(code: string) {
  return createHash("sha256").update(code).digest("base64url").slice(0, 22);
}

/** The module's hash and URL, with its component loaded. */
async function load(file: string, code: string): Promise<CompiledLesson> {
  const hash = moduleHash(code);
  const url = lessonModuleUrl(hash);
  // The same bytes the browser gets, imported by Node from the cache file: a module, not an
  // eval. The hash in the query keeps a rewritten file from meeting Node's cached earlier import.
  const mod = (await import(/* @vite-ignore */ `${pathToFileURL(file).href}?${hash}`)) as { default: LessonFactory };
  registerLessonModule(url, mod);
  return { code, hash, url };
}

type EsbuildMessage = {
  text: string;
  location?: { line: number; column: number } | null;
  detail?: { cause?: { reason?: string; message?: string } };
};

/** The MDX parser's own message and line, rather than esbuild's "Cannot process MDX file". */
function toProblem(t: LessonTranslation, error: unknown): ContentProblem {
  const first = (error as { errors?: EsbuildMessage[] }).errors?.[0];
  const cause = first?.detail?.cause?.reason ?? first?.detail?.cause?.message;
  let text = cause ?? first?.text ?? (error instanceof Error ? error.message : String(error));
  let line: number | null = null;
  const span = /\s*\((\d+):(\d+)(?:-\d+:\d+)?\)\s*$/.exec(text);
  if (span) {
    line = Number(span[1]);
    text = text.slice(0, span.index);
  } else {
    const prefix = /^\s*(\d+):(\d+):\s*/m.exec(text);
    if (prefix) line = Number(prefix[1]);
    else if (first?.location?.line) line = first.location.line;
  }
  const message = text.replace(/^Cannot process MDX file with esbuild:\s*/, "").split("\n")[0]!.replace(/^\s*\d+:\d+:\s*/, "");
  return { file: t.file, line: line ? t.bodyLine + line - 1 : t.bodyLine, message: `the lesson does not compile: ${message}`, severity: "error" };
}

/** Compiles one lesson, or takes it from the memory or on-disk cache (keyed by content hash). */
export async function compileLesson(t: LessonTranslation, cacheDir: string): Promise<CompileResult> {
  const key = t.hash;
  const cached = memory.get(key);
  if (cached) {
    compileStats.fromMemory++;
    return { ok: true, ...cached };
  }
  const file = cacheFile(cacheDir, key);
  try {
    const compiled = await load(file, fs.readFileSync(file, "utf8"));
    memory.set(key, compiled);
    compileStats.fromDisk++;
    return { ok: true, ...compiled };
  } catch {
    // not cached yet (or a cache file that does not load: compiled again and replaced)
  }
  const sink: { findings: CodeFinding[] } = { findings: [] };
  try {
    compileStats.compiled++;
    const [{ bundleMDX }, remarkGfm] = await Promise.all([loadMdxBundler(), loadRemarkGfm()]);
    const result = await bundleMDX({
      source: t.body,
      mdxOptions(options) {
        // The code check first: it must see the tree exactly as the trainer wrote it.
        options.remarkPlugins = [refuseLessonCode(sink), ...(options.remarkPlugins ?? []), remarkGfm];
        return options;
      },
      esbuildOptions(options) {
        options.minify = true;
        // Problems are reported by content:check and the trainers' page, not printed by esbuild.
        options.logLevel = "silent";
        options.target = ["es2020"];
        return options;
      },
    });
    const code = toModule(result.code);
    fs.mkdirSync(cacheDir, { recursive: true });
    // Write then rename, so a crash never leaves half a file that a restart would trust.
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, code);
    fs.renameSync(tmp, file);
    const compiled = await load(file, code);
    memory.set(key, compiled);
    return { ok: true, ...compiled };
  } catch (error) {
    if (sink.findings.length > 0) {
      const problems = sink.findings.map(
        (f): ContentProblem => ({ file: t.file, line: t.bodyLine + f.line - 1, column: f.column, message: f.message, severity: "error" }),
      );
      return { ok: false, problem: problems[0]!, problems };
    }
    const problem = toProblem(t, error);
    return { ok: false, problem, problems: [problem] };
  }
}

/** Runs `fn` over items with at most `limit` at once. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}
