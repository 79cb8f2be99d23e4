// `npm run bench`: how fast and how lean Pustaka Academy is, measured in one run against baselines:
// the floor (a bare Remix app, tests/bench/bare-app/, built here and served by our server.js; every
// page is reported as a share of it, tests/bench/floor.ts) and the raw node:http ceiling.
//
//   npm run bench               full run: 10,000 staff, 10 s per load run; writes docs/benchmarks.md
//                               and tests/bench/results.json (previous one kept as results.previous.json)
//   npm run bench -- --smoke    tiny run for CI (400 staff, 2 s per load run); writes tests/bench/.out/
//   npm run bench -- --profile  also profile the server (node --cpu-prof) under every page's load and the HR reports
//   npm run bench -- --keep     keep the temporary folder (database, build, logs, profiles)
//   npm run bench -- --smoke --before   a smoke run with the before/after leg (which full runs always have)
//   npm run bench -- --report-only   re-write the report from results.json (after editing tests/bench/notes.md)
//
// Exit codes: 0 ran (smoke: whatever the targets say); 1 the harness broke; 3 a full run missed a target.
// Everything runs on 127.0.0.1, in a temporary folder under os.tmpdir(), and every child process
// is ended by its own pid at the end.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import url from "node:url";
import Database from "better-sqlite3";
import { loadContent } from "../../app/content/load.server";
import type { ContentModule } from "../../app/content/model";
import { assetUrls, BROWSER_UA, decoded, measureAssets, request } from "./http";
import {
  BENCH_DIR,
  cpuSeconds,
  freePort,
  machineBusySeconds,
  othersCpuCores,
  ROOT,
  rssMB,
  runJsonChild,
  runLoad,
  sampleRss,
  startAppServer,
  startHelloServer,
  stopAllChildren,
  stopChild,
  tail,
  type Server,
} from "./procs";
import { importDuringLoad } from "./import-leg";
import { beforeAfterLeg, buildBefore, BEFORE_COMMIT, postgresLeg, type LegContext } from "./legs";
import { summarizeProfile } from "./profile";
import { evaluateTargets, exitCodeFor, renderMarkdown } from "./report";
import { createOpenAttempts, createSessions, MIGRATIONS_DIR, seedDatabase } from "./seed";
import { roundShares, withShares } from "./floor";
import type { BareApp, LoadItem, LoadJob, PracticeRun, ProfileSummary, Results, Throughput, Timed, Unavailable } from "./types";

const argv = process.argv.slice(2);
const SMOKE = argv.includes("--smoke");
const FORCE_PROFILE = argv.includes("--profile");
const KEEP = argv.includes("--keep");
const REPORT_ONLY = argv.includes("--report-only");
/** The before/after leg in a smoke run too (it is part of every full run): to try the leg quickly. */
const WITH_BEFORE = argv.includes("--before");

const CONFIG = SMOKE
  ? {
      staff: 400,
      branches: 5,
      connections: 50,
      warmup: 1,
      duration: 2,
      rounds: 1,
      quietWaitSeconds: 0,
      openAttempts: 2_800,
      profileAttempts: 400,
      loadUsers: 200,
      profileSeconds: 2,
      watchdogMinutes: 8,
      importRows: 1_000,
    }
  : {
      staff: 10_000,
      branches: 50,
      connections: 50,
      warmup: 3,
      duration: 10,
      rounds: 2,
      quietWaitSeconds: 20,
      openAttempts: 36_000,
      profileAttempts: 8_000,
      loadUsers: 2_000,
      profileSeconds: 6,
      watchdogMinutes: 30,
      // The most one file may hold (IMPORT_MAX_ROWS): its apply outlasts the lesson load's window.
      importRows: 20_000,
    };
const IMPORT_ROWS = CONFIG.importRows;

const CONTENT_DIR = path.join(ROOT, "content");
const OUT_DIR = SMOKE ? path.join(BENCH_DIR, ".out") : BENCH_DIR;
const REPORT_FILE = SMOKE ? path.join(OUT_DIR, "benchmarks.md") : path.join(ROOT, "docs", "benchmarks.md");
const NOTES_FILE = path.join(BENCH_DIR, "notes.md");

function log(message: string) {
  process.stdout.write(`[bench] ${message}\n`);
}

async function step<T>(name: string, fn: () => Promise<T> | T): Promise<T> {
  const started = performance.now();
  log(`${name}…`);
  const value = await fn();
  log(`${name}: done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return value;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A build root in the temporary folder: `npx remix build` there writes build/ and public/build/
 * without touching the working tree's (colleagues' end-to-end runs use those), and server.js
 * runs with it as its working directory. The app's source is used in place.
 */
function prepareBuildRoot(dir: string) {
  fs.mkdirSync(dir, { recursive: true });
  const tsconfig = JSON.parse(fs.readFileSync(path.join(ROOT, "tsconfig.json"), "utf8")) as {
    include?: string[];
    compilerOptions: Record<string, unknown>;
  };
  tsconfig.compilerOptions.paths = { "~/*": [path.join(ROOT, "app", "*")] };
  tsconfig.include = [path.join(ROOT, "app", "**", "*.ts"), path.join(ROOT, "app", "**", "*.tsx"), path.join(ROOT, "remix.env.d.ts")];
  fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
  fs.writeFileSync(
    path.join(dir, "remix.config.js"),
    `import base from ${JSON.stringify(url.pathToFileURL(path.join(ROOT, "remix.config.js")).href)};\nexport default { ...base, appDirectory: ${JSON.stringify(path.join(ROOT, "app"))} };\n`,
  );
  for (const name of ["node_modules", "package.json", "drizzle", "drizzle-pg"]) fs.symlinkSync(path.join(ROOT, name), path.join(dir, name));
  const publicBuild = path.join(ROOT, "public", "build");
  fs.cpSync(path.join(ROOT, "public"), path.join(dir, "public"), {
    recursive: true,
    filter: (src) => src !== publicBuild && !src.startsWith(publicBuild + path.sep),
  });
}

/**
 * The floor's build root: tests/bench/bare-app/ copied into the temporary folder with the
 * project's node_modules and package.json linked, and its one SQLite file with its one row.
 */
function prepareBareRoot(dir: string): string {
  fs.cpSync(path.join(BENCH_DIR, "bare-app"), dir, { recursive: true });
  for (const name of ["node_modules", "package.json"]) fs.symlinkSync(path.join(ROOT, name), path.join(dir, name));
  const dbFile = path.join(dir, "bare.db");
  const db = new Database(dbFile);
  try {
    db.exec("create table pages (id integer primary key, title text not null)");
    db.prepare("insert into pages (id, title) values (1, ?)").run("Bare Remix page");
  } finally {
    db.close();
  }
  return dbFile;
}

async function build(dir: string): Promise<number> {
  const started = performance.now();
  const child = spawn("npx", ["--no-install", "remix", "build"], {
    cwd: dir,
    env: { ...process.env, NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr.on("data", (d: Buffer) => (output += d.toString()));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), 5 * 60_000);
    child.once("exit", (c) => {
      clearTimeout(timer);
      resolve(c);
    });
  });
  if (code !== 0 || !fs.existsSync(path.join(dir, "build", "index.js"))) {
    throw new Error(`remix build failed (exit ${code}):\n${output.slice(-4000)}`);
  }
  return (performance.now() - started) / 1000;
}

function courseModules(contentDir: string): ContentModule[] {
  const index = loadContent(contentDir);
  const errors = index.problems.filter((p) => p.severity === "error");
  if (errors.length > 0) throw new Error(`the content has errors:\n${errors.map((p) => `${p.file}:${p.line}: ${p.message}`).join("\n")}`);
  return index.courses
    .flatMap((c) => c.moduleSlugs.map((s) => index.modules.get(s)!))
    .filter((m) => m.status === "published" && m.quiz && m.lessons.length > 0);
}

/** Seeds `dbPath` from `contentDir`'s course: staff, progress, certificates, sessions and open attempts. */
async function seedFor(dbPath: string, contentDir: string) {
  const modules = courseModules(contentDir);
  const firstModule = modules.find((m) => m.slug === "why-social-media") ?? modules[0]!;
  const lessonPath = `/learn/${firstModule.slug}/${firstModule.lessons[0]!.slug}`;
  const db = new Database(dbPath);
  try {
    const seeded = await seedDatabase(db, { staff: CONFIG.staff, branches: CONFIG.branches, modules, migrationsDir: MIGRATIONS_DIR });
    const users = seeded.users;
    const step = Math.max(1, Math.floor(users.length / CONFIG.loadUsers));
    const loadUsers = users.filter((_, i) => i % step === 0).slice(0, CONFIG.loadUsers);
    const attemptsWanted = CONFIG.openAttempts + CONFIG.profileAttempts;
    const quizUsers = users.slice(0, Math.min(users.length, Math.ceil(attemptsWanted / modules.length)));
    const pdfCert = seeded.validCertificates[0];
    if (!pdfCert) throw new Error("seed: no valid certificate to download or verify");
    const cookies = createSessions(db, [...loadUsers.map((u) => u.id), ...quizUsers.map((u) => u.id), seeded.adminId, pdfCert.userId]);
    const attempts = createOpenAttempts(db, modules, quizUsers, attemptsWanted, (id) => cookies.get(id)!);
    const profileCount = Math.min(CONFIG.profileAttempts, Math.floor(attempts.length / 4));
    db.pragma("wal_checkpoint(TRUNCATE)");
    return {
      modules,
      lessonPath,
      seeded,
      loadCookies: loadUsers.map((u) => cookies.get(u.id)!),
      adminCookie: cookies.get(seeded.adminId)!,
      pdfCert,
      pdfCookie: cookies.get(pdfCert.userId)!,
      quizItems: attempts.slice(0, attempts.length - profileCount),
      profileQuizItems: attempts.slice(attempts.length - profileCount),
      verifyCodes: seeded.validCertificates.slice(0, 1000).map((c) => c.code),
    };
  } finally {
    db.close();
  }
}

function listCache(dir: string): string[] {
  try {
    return fs.readdirSync(dir).sort();
  } catch {
    return [];
  }
}

type CompileRun = { seconds: number; lessons: number; modules: number; errors: string[]; compiled: number; fromDisk: number };

async function timeCompile(cacheDir: string): Promise<CompileRun> {
  const r = await runJsonChild<CompileRun>(path.join(BENCH_DIR, "compile-worker.ts"), [CONTENT_DIR, cacheDir], { timeoutMs: 5 * 60_000 });
  if (r.errors.length > 0) throw new Error(`content compile reported errors:\n${r.errors.join("\n")}`);
  return r;
}

async function main() {
  const startedAll = performance.now();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "academy-bench-"));
  const logsDir = path.join(work, "logs");
  fs.mkdirSync(logsDir);
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    await stopAllChildren();
    if (KEEP) log(`kept ${work}`);
    else fs.rmSync(work, { recursive: true, force: true });
  };
  const onSignal = () => {
    void cleanup().then(() => process.exit(130));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  // Bounded: whatever hangs, the run ends.
  const watchdog = setTimeout(() => {
    console.error(`[bench] the run took longer than ${CONFIG.watchdogMinutes} minutes: stopping`);
    void cleanup().then(() => process.exit(1));
  }, CONFIG.watchdogMinutes * 60_000);
  watchdog.unref();

  try {
    return await runAll(work, logsDir, startedAll);
  } catch (error) {
    const logs = listCache(logsDir)
      .map((f) => `--- ${f}\n${tail(path.join(logsDir, f), 20)}`)
      .join("\n");
    throw new Error(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n${logs}`);
  } finally {
    clearTimeout(watchdog);
    await cleanup();
  }
}

async function runAll(work: string, logsDir: string, startedAll: number): Promise<number> {
  const machine = {
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model.trim() ?? "unknown",
    node: process.version,
    platform: `${os.type()} ${os.release()} ${os.arch()}`,
    memoryGB: Math.round(os.totalmem() / 1024 ** 3),
    loadAverageAtStart: os.loadavg(),
  };
  const source = gitSource();
  log(`${SMOKE ? "smoke" : "full"} run on ${machine.cores} cores, Node ${machine.node}; working in ${work}`);

  // 1. Build and seed.
  const buildRoot = path.join(work, "root");
  prepareBuildRoot(buildRoot);
  const buildSeconds = await step("production build (npx remix build)", () => build(buildRoot));
  // The floor (issue 29): a bare Remix app, built the same way, served by the same server.js.
  const bareRoot = path.join(work, "bare");
  const bareDb = prepareBareRoot(bareRoot);
  const bareBuildSeconds = await step("build the bare Remix app (the floor)", () => build(bareRoot));
  const loadAverages: { at: string; load: number[] }[] = [{ at: "start", load: os.loadavg() }];
  // The before leg (full run only): the commit before issue 29's work, built here.
  const beforeBuild =
    SMOKE && !WITH_BEFORE
      ? null
      : await step(`build ${BEFORE_COMMIT} (before issue 29's work)`, () =>
          buildBefore(work).catch((error: unknown) => ({ error: error instanceof Error ? error.message : String(error) })),
        );
  const dbPath = path.join(work, "academy.db");
  const prepared = await step(`seed ${CONFIG.staff.toLocaleString("en-US")} staff`, () => seedFor(dbPath, CONTENT_DIR));
  const { seeded, lessonPath, modules } = prepared;
  // Copies for the PostgreSQL and before/after legs start from this state, before any load ran.
  const pristineDb = path.join(work, "seeded.db");
  fs.copyFileSync(dbPath, pristineDb);
  log(
    `seeded ${seeded.staff} staff, ${seeded.lessonProgress} lesson_progress, ${seeded.quizAttempts} attempts, ${seeded.certificates} certificates, ${seeded.assignments} assignments in ${seeded.seconds.toFixed(1)} s`,
  );

  // 2. Content compile, cold then warm, each in a fresh process.
  const cacheDir = path.join(work, "content-cache");
  const cold = await step("content compile, cold", () => timeCompile(cacheDir));
  const warm = await step("content compile, warm", () => timeCompile(cacheDir));

  // 3. The server, started with the warm cache.
  const port = await freePort();
  const serverOptions = { buildRoot, port, databasePath: dbPath, contentDir: CONTENT_DIR, contentCacheDir: cacheDir };
  let server: Server = await step("start the server (warm cache)", () =>
    startAppServer({ ...serverOptions, logFile: path.join(logsDir, "server.log") }),
  );
  const forkedAt = performance.now() - server.readySeconds * 1000;
  const base = server.url;
  let firstLesson = await request(base + lessonPath, { headers: { cookie: prepared.loadCookies[0]! } });
  for (let i = 0; i < 120 && firstLesson.status !== 200; i++) {
    await sleep(250);
    firstLesson = await request(base + lessonPath, { headers: { cookie: prepared.loadCookies[0]! } });
  }
  if (firstLesson.status !== 200)
    throw new Error(`GET ${lessonPath} answered ${firstLesson.status} ${JSON.stringify(firstLesson.headers?.location ?? "")}`);
  const startupFirstLessonSeconds = (performance.now() - forkedAt) / 1000;
  await request(`${base}/health`);
  await sleep(1000);
  const idleRssMB = rssMB(server.pid) ?? NaN;
  log(`ready in ${server.readySeconds.toFixed(2)} s, first lesson at ${startupFirstLessonSeconds.toFixed(2)} s, idle RSS ${idleRssMB.toFixed(0)} MB`);

  // 4. Client side of a lesson page.
  const client = await step("client side of a lesson page", async () => {
    const page = await request(base + lessonPath, {
      headers: { cookie: prepared.loadCookies[1] ?? prepared.loadCookies[0]!, "accept-encoding": "gzip" },
    });
    if (page.status !== 200) throw new Error(`GET ${lessonPath} answered ${page.status}`);
    const html = decoded(page);
    const files = await measureAssets(base, assetUrls(html.toString("utf8")));
    const sum = (kind: "js" | "css", key: "bytes" | "gzipBytes") => files.filter((f) => f.kind === kind).reduce((n, f) => n + f[key], 0);
    const htmlGzipBytes = page.headers["content-encoding"] === "gzip" ? page.body.length : html.length;
    if (sum("js", "bytes") === 0) throw new Error("found no JavaScript on the lesson page: the asset parser needs a look");
    return {
      htmlBytes: html.length,
      htmlGzipBytes,
      jsBytes: sum("js", "bytes"),
      jsGzipBytes: sum("js", "gzipBytes"),
      cssBytes: sum("css", "bytes"),
      cssGzipBytes: sum("css", "gzipBytes"),
      totalTransferBytes: htmlGzipBytes + sum("js", "gzipBytes") + sum("css", "gzipBytes"),
      files,
    };
  });

  // 5. Throughput.
  const jobsDir = path.join(work, "jobs");
  fs.mkdirSync(jobsDir);
  const pageHeaders = {
    "user-agent": BROWSER_UA,
    accept: "text/html,application/xhtml+xml",
    "accept-encoding": "gzip",
    "accept-language": "en-GB,en;q=0.9",
  };
  const job = (title: string, target: string, items: LoadItem[], extra: Partial<LoadJob> = {}): LoadJob => ({
    title,
    url: target,
    method: "GET",
    connections: CONFIG.connections,
    warmupSeconds: CONFIG.warmup,
    durationSeconds: CONFIG.duration,
    headers: pageHeaders,
    mode: "cycle",
    items,
    ...extra,
  });
  const throughput: Record<string, Throughput> = {};
  let ceiling: number | null = null;
  // The bare page's req/s once its rounds are done: later runs (quiz, verify, the legs) are given as a share of it too.
  let bareRps: number | null = null;
  /**
   * On a shared machine, waits (bounded) until other processes use less than half a core, so a
   * colleague's test run does not land in the middle of a measurement.
   */
  const waitForQuiet = async (pid: number): Promise<{ waited: number; others: number | null }> => {
    if (CONFIG.quietWaitSeconds === 0) return { waited: 0, others: null };
    const started = performance.now();
    let others = await othersCpuCores([pid], 1000);
    for (let i = 0; i < CONFIG.quietWaitSeconds / 2 && others !== null && others > 0.5; i++) {
      if (i === 0) log(`other processes are using ${others.toFixed(1)} cores: waiting up to ${CONFIG.quietWaitSeconds} s for a quieter machine`);
      await sleep(1000);
      others = await othersCpuCores([pid], 1000);
    }
    return { waited: (performance.now() - started) / 1000 - 1, others };
  };

  const measureOnce = async (key: string, pid: number, j: LoadJob) => {
    const quiet = await waitForQuiet(pid);
    let cpuStart: number | null = null;
    let cpuEnd: number | null = null;
    let busyStart: number | null = null;
    let busyEnd: number | null = null;
    let measuredAt = 0;
    let measuredSeconds = 0;
    let rss: ReturnType<typeof sampleRss> | null = null;
    const result = await step(`load: ${j.title}`, () =>
      runLoad(j, path.join(jobsDir, `${key}.json`), (line) => {
        if (line === "@measuring") {
          cpuStart = cpuSeconds(pid);
          busyStart = machineBusySeconds();
          measuredAt = performance.now();
          rss = sampleRss(pid, 250);
        } else if (line === "@measured") {
          cpuEnd = cpuSeconds(pid);
          busyEnd = machineBusySeconds();
          measuredSeconds = (performance.now() - measuredAt) / 1000;
        }
      }),
    );
    const peak = (rss as ReturnType<typeof sampleRss> | null)?.stop() ?? null;
    const ok = cpuStart !== null && cpuEnd !== null && measuredSeconds > 0;
    const serverCpu = ok ? cpuEnd! - cpuStart! : null;
    const cpu = serverCpu === null ? null : (100 * serverCpu) / measuredSeconds;
    const others =
      serverCpu !== null && busyStart !== null && busyEnd !== null
        ? Math.max(0, (busyEnd - busyStart - serverCpu - result.loaderCpuSeconds) / measuredSeconds)
        : null;
    log(
      `${key}: ${Math.round(result.rps)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, non-2xx/3xx ${result.bad}, server CPU ${cpu === null ? "?" : Math.round(cpu)}%, load generator ${result.loaderCpuSeconds.toFixed(1)} CPU s, other processes ${others === null ? "?" : others.toFixed(2)} cores`,
    );
    return { result, cpu, peak, others, quiet };
  };

  /** Measures `rounds` times (interleaved by the caller when comparing two pages) and keeps the best. */
  const measure = async (key: string, pid: number, j: LoadJob, notes: string[] = []): Promise<Throughput> => {
    const { result, cpu, peak, others, quiet } = await measureOnce(key, pid, j);
    const t: Throughput = {
      ...result,
      available: true,
      ofCeiling: key === "hello" ? null : ceiling ? result.rps / ceiling : null,
      ofBare: bareRps ? result.rps / bareRps : null,
      serverCpuPercent: cpu,
      serverRssPeakMB: peak,
      othersCpuCores: others,
      notes,
    };
    if (quiet.waited > 1) t.notes.push(`waited ${Math.round(quiet.waited)} s for other processes to quieten`);
    if (result.exhausted) t.notes.push("ran out of prepared requests before the end of the run");
    return t;
  };
  const better = (a: Throughput, b: Throughput): Throughput => {
    if (!a.available || !b.available) return a.available ? a : b;
    const [best, other] = b.rps > a.rps ? [b, a] : [a, b];
    return {
      ...best,
      notes: [...best.notes, `best of 2 runs (the other: ${Math.round(other.rps).toLocaleString("en-US")} req/s, p99 ${Math.round(other.p99)} ms)`],
    };
  };

  const hello = await startHelloServer(path.join(logsDir, "hello.log"));
  try {
    throughput.hello = await measure("hello", hello.pid, job('raw node:http "hello"', hello.url, [{ path: "/" }], { headers: {} }));
  } finally {
    await stopChild(hello.child);
  }
  ceiling = throughput.hello.available ? throughput.hello.rps : null;

  // The floor and our pages in interleaved rounds (bare, /health, /login, lesson, /learn; twice in
  // a full run, keeping each one's better run), so the machine's noise falls on all of them alike.
  // The bare app runs in its own server.js process beside ours, idle while the others are loaded.
  const bareServer = await step("start the bare Remix app (server.js)", async () =>
    startAppServer({
      buildRoot: bareRoot,
      port: await freePort(),
      databasePath: bareDb,
      contentDir: CONTENT_DIR,
      contentCacheDir: cacheDir,
      logFile: path.join(logsDir, "server-bare.log"),
    }),
  );
  let bare: BareApp;
  const runs: Record<string, Throughput[]> = {};
  const cacheBefore = listCache(cacheDir);
  const lessonJob = job(
    `lesson page ${lessonPath}`,
    base,
    prepared.loadCookies.map((cookie) => ({ path: lessonPath, cookie })),
  );
  const sessionsNote = `${prepared.loadCookies.length.toLocaleString("en-US")} users' sessions in turn`;
  try {
    const barePage = await request(`${bareServer.url}/`, { headers: pageHeaders });
    if (barePage.status !== 200) throw new Error(`the bare Remix page answered ${barePage.status} (log: ${bareServer.log})`);
    const bareHtml = decoded(barePage).toString("utf8");
    if (!bareHtml.includes("<h1>Bare Remix page</h1>")) throw new Error(`the bare Remix page does not show its row:\n${bareHtml.slice(0, 500)}`);
    await sleep(500);
    bare = {
      available: true,
      buildSeconds: bareBuildSeconds,
      readySeconds: bareServer.readySeconds,
      idleRssMB: rssMB(bareServer.pid) ?? NaN,
      htmlBytes: Buffer.byteLength(bareHtml),
      htmlGzipBytes: barePage.headers["content-encoding"] === "gzip" ? barePage.body.length : Buffer.byteLength(bareHtml),
    };
    const rotation: { key: string; pid: number; job: LoadJob; notes: string[] }[] = [
      {
        key: "bare",
        pid: bareServer.pid,
        job: job("bare Remix page /", bareServer.url, [{ path: "/" }]),
        notes: ["tests/bench/bare-app: one route reading one SQLite row, behind server.js"],
      },
      { key: "health", pid: server.pid, job: job("/health", base, [{ path: "/health" }]), notes: [] },
      { key: "login", pid: server.pid, job: job("/login", base, [{ path: "/login" }]), notes: [] },
      { key: "lesson", pid: server.pid, job: lessonJob, notes: [`${sessionsNote}; each request records lesson progress`] },
      {
        key: "learn",
        pid: server.pid,
        job: job(
          "My learning /learn",
          base,
          prepared.loadCookies.map((cookie) => ({ path: "/learn", cookie })),
        ),
        notes: [sessionsNote],
      },
    ];
    for (let round = 1; round <= CONFIG.rounds; round++) {
      for (const p of rotation) {
        const key = CONFIG.rounds > 1 ? `${p.key}-${round}` : p.key;
        (runs[p.key] ??= []).push(
          await measure(key, p.pid, { ...p.job, title: CONFIG.rounds > 1 ? `${p.job.title} (round ${round})` : p.job.title }, [...p.notes]),
        );
      }
    }
    for (const p of rotation) {
      const best = runs[p.key]!.reduce((a, b) => better(a, b));
      if (best.available && p.key !== "bare" && CONFIG.rounds > 1) {
        const shares = roundShares(runs[p.key]!, runs.bare!).map((v) => (v === null ? "?" : `${Math.round(v * 100)}%`));
        best.notes = [...best.notes, `share of the bare page round by round: ${shares.join(" / ")}`];
      }
      throughput[p.key] = best;
    }
  } finally {
    await stopChild(bareServer.child, 5_000);
  }
  bareRps = throughput.bare?.available ? throughput.bare.rps : null;
  const lessonRuns = runs.lesson ?? [];
  // The daily reminder run for all staff, in a second process as `npm run worker` would run it,
  // while the lesson page is under load: how long it takes, and what it does to the page's p99.
  await waitForQuiet(server.pid);
  const reminderChild = runJsonChild<{ schedulerSeconds: number; planned: number; queued: number; outboxSeconds: number; sent: number }>(
    path.join(BENCH_DIR, "reminder-worker.ts"),
    [dbPath, CONTENT_DIR, cacheDir],
    { timeoutMs: 10 * 60_000 },
  );
  const lessonDuring = await step("load: lesson page during the daily reminder run", () =>
    runLoad(lessonJob, path.join(jobsDir, "lesson-reminders.json")),
  );
  const reminderRun = await step("daily reminder run (waiting for it to finish)", () => reminderChild);
  log(
    `reminders: ${reminderRun.queued} queued in ${reminderRun.schedulerSeconds.toFixed(2)} s, sent in ${reminderRun.outboxSeconds.toFixed(2)} s; lesson p99 ${lessonDuring.p99} ms meanwhile`,
  );
  const reminders = {
    ...reminderRun,
    lessonP99DuringMs: lessonDuring.p99,
    lessonP99BeforeMs: throughput.lesson?.available ? throughput.lesson.p99 : NaN,
    lessonRps: lessonDuring.rps,
  };
  // The practical-task figures: in-process timings of the review queue and a photo upload's checks.
  const practice = await step("practice: review queue and photo upload (in process)", () =>
    runJsonChild<PracticeRun>(path.join(BENCH_DIR, "practice.ts"), SMOKE ? ["--smoke", "--json"] : ["--json"], { timeoutMs: 15 * 60_000 }),
  );
  log(
    `practice: queue first page p50 ${practice.queue[0]?.p50Ms.toFixed(1)} ms of ${practice.waiting} waiting; photo p50 ${practice.photo.p50Ms.toFixed(0)} ms`,
  );
  const cacheAfter = listCache(cacheDir);
  const lessonAll200 = lessonRuns.every((r) => r.available && r.ok2xx === r.requests && r.errors === 0 && r.timeouts === 0);

  const verifyProbe = await request(`${base}/verify/${prepared.verifyCodes[0]}`, { headers: { "x-forwarded-for": "198.19.255.254" } });
  throughput.verify =
    verifyProbe.status === 200
      ? await measure(
          "verify",
          server.pid,
          job(
            "/verify/<code>",
            base,
            prepared.verifyCodes.map((code) => ({ path: `/verify/${code}` })),
            { forwardedFor: true },
          ),
          [`${prepared.verifyCodes.length} certificates' codes in turn, a distinct client address per request (TRUST_PROXY=1)`],
        )
      : unavailable(
          `GET /verify/<code> of a seeded certificate answered ${verifyProbe.status}${verifyProbe.status === 404 ? " (the page is not built yet)" : ""}`,
        );

  const counts = (): { graded: number; certificates: number } => {
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    try {
      const graded = (db.prepare("select count(*) as n from quiz_attempts where submitted_at is not null").get() as { n: number }).n;
      const certificates = (db.prepare("select count(*) as n from certificates").get() as { n: number }).n;
      return { graded, certificates };
    } finally {
      db.close();
    }
  };
  const postHeaders = { ...pageHeaders, "content-type": "application/x-www-form-urlencoded", origin: base };
  const quizProbeItem = prepared.quizItems.shift()!;
  const quizProbe = await request(base + quizProbeItem.path, {
    method: "POST",
    headers: { ...postHeaders, cookie: quizProbeItem.cookie! },
    body: quizProbeItem.body,
  });
  if (quizProbe.status >= 400) {
    throw new Error(
      `POST ${quizProbeItem.path} (quiz submission) answered ${quizProbe.status}, expected a redirect to the result:\n${decoded(quizProbe).toString("utf8").slice(0, 500)}`,
    );
  }
  const before = counts();
  throughput.quiz = await measure(
    "quiz",
    server.pid,
    job("quiz submission", base, prepared.quizItems, { method: "POST", mode: "once", headers: postHeaders }),
  );
  const after = counts();
  const quizGraded = after.graded - before.graded;
  const certificatesIssued = after.certificates - before.certificates;
  if (throughput.quiz.available) {
    throughput.quiz.notes.push(
      `each open attempt submitted once: ${quizGraded.toLocaleString("en-US")} graded, ${certificatesIssued.toLocaleString("en-US")} certificates issued in the same transaction`,
    );
  }

  // 6. Reports, PDF.
  const download = async (pathname: string, cookie: string, countRows: boolean): Promise<Timed> => {
    await sleep(500);
    const baselineRssMB = rssMB(server.pid) ?? 0;
    const sampler = sampleRss(server.pid, 50);
    const r = await request(base + pathname, { headers: { cookie, "user-agent": BROWSER_UA }, keepBody: countRows, timeoutMs: 120_000 });
    const peakRssMB = sampler.stop();
    if (r.status === 404) return unavailable(`GET ${pathname} answers 404 (not built yet)`);
    if (r.status !== 200) return unavailable(`GET ${pathname} answered ${r.status}`);
    let rows: number | undefined;
    if (countRows) {
      const text = decoded(r).toString("utf8");
      rows = Math.max(0, text.split(/\r?\n/).filter((l) => l.length > 0).length - 1);
    }
    return {
      available: true,
      status: r.status,
      seconds: r.seconds,
      bytes: r.bytes,
      rows,
      baselineRssMB,
      peakRssMB,
      rssGrowthMB: Math.max(0, peakRssMB - baselineRssMB),
    };
  };
  const hrCsv = await step("HR report CSV", () => download("/hr/report.csv", prepared.adminCookie, true));
  const hrXlsx = await step("HR report XLSX", () => download("/hr/report.xlsx", prepared.adminCookie, false));
  const certificatePdf = await step("certificate PDF", async (): Promise<Results["timings"]["certificatePdf"]> => {
    const pathname = `/certificates/${prepared.pdfCert.id}/pdf`;
    const times: number[] = [];
    let bytes = 0;
    let status = 0;
    for (let i = 0; i < 6; i++) {
      const r = await request(base + pathname, { headers: { cookie: prepared.pdfCookie }, keepBody: false });
      status = r.status;
      if (r.status !== 200) break;
      if (!String(r.headers["content-type"] ?? "").includes("pdf"))
        return unavailable(`GET ${pathname} answered ${r.headers["content-type"]}, not a PDF`);
      times.push(r.seconds);
      bytes = r.bytes;
    }
    if (status === 404 || times.length === 0) return unavailable(`GET ${pathname} answered ${status}${status === 404 ? " (not built yet)" : ""}`);
    const rest = times.slice(1).sort((a, b) => a - b);
    return {
      available: true,
      status,
      seconds: times[0]!,
      bytes,
      firstSeconds: times[0]!,
      medianSeconds: rest[Math.floor(rest.length / 2)] ?? times[0]!,
    };
  });
  // Last, because it adds people: a staff import through the page while the lesson page is under load.
  await waitForQuiet(server.pid);
  const staffImport = await step(`staff import of ${IMPORT_ROWS.toLocaleString("en-US")} new people during lesson load`, () =>
    importDuringLoad({ base, cookie: prepared.adminCookie, rows: IMPORT_ROWS, lessonJob, jobsDir, dbPath }),
  );
  log(
    `import: ${staffImport.created} people in ${staffImport.applySeconds.toFixed(2)} s; lesson ${staffImport.lessonRps.toFixed(0)} req/s, p99 ${staffImport.lessonP99DuringMs} ms meanwhile`,
  );
  await stopChild(server.child, 5_000);
  loadAverages.push({ at: "SQLite legs done", load: os.loadavg() });

  // 7. The comparison legs: PostgreSQL beside SQLite, and SQLite before/after issue 29's work.
  const legContext: LegContext = {
    work,
    logsDir,
    pristineDb,
    serverOptions: { buildRoot, port: 0, contentDir: CONTENT_DIR, contentCacheDir: cacheDir },
    lessonPath,
    loadCookies: prepared.loadCookies,
    quizItems: prepared.quizItems,
    seedFor,
    job,
    postHeaders,
    measure,
    log,
    step,
  };
  let beforeAfter: Results["beforeAfter"];
  if (!beforeBuild) beforeAfter = unavailable(`smoke run: the before leg (${BEFORE_COMMIT}) is skipped`);
  else if ("error" in beforeBuild) beforeAfter = unavailable(`the build of ${BEFORE_COMMIT} failed: ${beforeBuild.error.slice(-1500)}`);
  else {
    // A leg that breaks is reported as such; the SQLite figures above still stand.
    beforeAfter = await beforeAfterLeg(legContext, beforeBuild, CONFIG.rounds).catch((error: unknown) =>
      unavailable(`the before/after leg failed: ${error instanceof Error ? error.message : String(error)}`),
    );
  }
  loadAverages.push({ at: "before/after legs done", load: os.loadavg() });
  const postgres = await postgresLeg(legContext).catch((error: unknown) =>
    unavailable(`the PostgreSQL leg failed: ${error instanceof Error ? error.message : String(error)}`),
  );
  if (!postgres.available) log(postgres.reason);
  loadAverages.push({ at: "PostgreSQL leg done", load: os.loadavg() });

  // 8. Results and verdicts; profiles where a throughput target was missed (or --profile).
  const results: Results = {
    version: 1,
    mode: SMOKE ? "smoke" : "full",
    date: new Date().toISOString(),
    machine,
    source,
    settings: { connections: CONFIG.connections, warmupSeconds: CONFIG.warmup, durationSeconds: CONFIG.duration },
    dataset: {
      staff: seeded.staff,
      branches: seeded.branches,
      modules: modules.length,
      lessons: modules.reduce((n, m) => n + m.lessons.length, 0),
      lessonProgress: seeded.lessonProgress,
      quizAttempts: seeded.quizAttempts,
      certificates: seeded.certificates,
      assignments: seeded.assignments,
      openAttemptsForLoad: prepared.quizItems.length + 1,
      seedSeconds: seeded.seconds,
    },
    buildSeconds,
    bare,
    throughput: withShares(throughput, throughput.bare),
    timings: {
      hrCsv,
      hrXlsx,
      certificatePdf,
      compileColdSeconds: cold.seconds,
      compileCold: { compiled: cold.compiled, fromDisk: cold.fromDisk, lessons: cold.lessons },
      compileWarmSeconds: warm.seconds,
      compileWarm: { compiled: warm.compiled, fromDisk: warm.fromDisk, lessons: warm.lessons },
      startupReadySeconds: server.readySeconds,
      startupFirstLessonSeconds,
      idleRssMB,
      reminders,
      staffImport,
      practice,
    },
    client,
    checks: { contentCacheFilesBefore: cacheBefore.length, contentCacheFilesAfter: cacheAfter.length, lessonAll200, quizGraded, certificatesIssued },
    targets: [],
    profiles: [],
    totalSeconds: 0,
    postgres,
    beforeAfter,
    loadAverages,
  };
  results.targets = evaluateTargets(results);

  const missed = new Set(results.targets.filter((t) => t.met === false).map((t) => t.id.split(".")[0]!));
  const missedIds = new Set(results.targets.filter((t) => t.met === false).map((t) => t.id));
  const toProfile = FORCE_PROFILE
    ? ["health", "login", "lesson", "learn", "quiz"]
    : SMOKE
      ? []
      : ["health", "login", "lesson", "learn", "quiz"].filter((k) => missed.has(k));
  if (toProfile.length > 0 && !toProfile.includes("health")) toProfile.unshift("health");
  if (hrCsv.available && (FORCE_PROFILE || missedIds.has("hr.csv") || missedIds.has("hr.rss"))) toProfile.push("hrCsv");
  if (hrXlsx.available && (FORCE_PROFILE || missedIds.has("hr.xlsx") || missedIds.has("hr.rss"))) toProfile.push("hrXlsx");
  const profiles: ProfileSummary[] = [];
  for (const key of toProfile) {
    const profileDir = path.join(work, "profiles", key);
    fs.mkdirSync(profileDir, { recursive: true });
    server = await step(`profile the server under ${key} load`, () =>
      startAppServer({ ...serverOptions, logFile: path.join(logsDir, `server-profile-${key}.log`), cpuProfileDir: profileDir }),
    );
    await request(`${base}/health`);
    const forked = performance.now() - server.readySeconds * 1000;
    const window = { fromMs: 0, toMs: 0 };
    if (key === "hrCsv" || key === "hrXlsx") {
      // One download of the report, profiled from the request to its last byte.
      window.fromMs = performance.now() - forked;
      await request(`${base}/hr/report.${key === "hrCsv" ? "csv" : "xlsx"}`, {
        headers: { cookie: prepared.adminCookie },
        keepBody: false,
        timeoutMs: 120_000,
      });
      window.toMs = performance.now() - forked;
    }
    const short = { warmupSeconds: 1, durationSeconds: CONFIG.profileSeconds };
    const pageJob = (title: string, pathname: string, withSession: boolean) =>
      job(
        `${title} (profiled)`,
        base,
        withSession ? prepared.loadCookies.map((cookie) => ({ path: pathname, cookie })) : [{ path: pathname }],
        short,
      );
    const j =
      key === "health"
        ? pageJob("/health", "/health", false)
        : key === "login"
          ? pageJob("/login", "/login", false)
          : key === "lesson"
            ? pageJob("lesson page", lessonPath, true)
            : key === "learn"
              ? pageJob("/learn", "/learn", true)
              : job("quiz submission (profiled)", base, prepared.profileQuizItems, { ...short, method: "POST", mode: "once", headers: postHeaders });
    if (key !== "hrCsv" && key !== "hrXlsx") {
      await runLoad(j, path.join(jobsDir, `profile-${key}.json`), (line) => {
        if (line === "@measuring") window.fromMs = performance.now() - forked;
        else if (line === "@measured") window.toMs = performance.now() - forked;
      });
    }
    await stopChild(server.child, 20_000);
    const file = fs.readdirSync(profileDir).find((f) => f.endsWith(".cpuprofile"));
    if (!file) throw new Error(`no .cpuprofile written in ${profileDir}`);
    const keep = path.join(BENCH_DIR, ".out", `profile-${key}.cpuprofile`);
    fs.mkdirSync(path.dirname(keep), { recursive: true });
    fs.copyFileSync(path.join(profileDir, file), keep);
    const label =
      {
        quiz: "quiz submission",
        lesson: "lesson page",
        health: "/health",
        login: "/login",
        learn: "My learning /learn",
        hrCsv: "HR report CSV (one download)",
        hrXlsx: "HR report XLSX (one download)",
      }[key] ?? key;
    profiles.push({ ...summarizeProfile(keep, label, window.toMs > window.fromMs ? window : undefined), file: path.relative(ROOT, keep) });
  }
  results.profiles = profiles;
  results.totalSeconds = (performance.now() - startedAll) / 1000;

  // 9. Write.
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const resultsFile = path.join(OUT_DIR, "results.json");
  let previous: Results | null = null;
  fs.rmSync(path.join(OUT_DIR, "results.previous.json"), { force: true });
  if (fs.existsSync(resultsFile)) {
    try {
      previous = JSON.parse(fs.readFileSync(resultsFile, "utf8")) as Results;
      fs.copyFileSync(resultsFile, path.join(OUT_DIR, "results.previous.json"));
    } catch {
      previous = null;
    }
  }
  fs.writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  const notes = fs.existsSync(NOTES_FILE) ? fs.readFileSync(NOTES_FILE, "utf8") : "";
  fs.mkdirSync(path.dirname(REPORT_FILE), { recursive: true });
  fs.writeFileSync(REPORT_FILE, renderMarkdown(results, previous, notes));

  log(`wrote ${path.relative(ROOT, REPORT_FILE)} and ${path.relative(ROOT, resultsFile)} (${results.totalSeconds.toFixed(0)} s in all)`);
  process.stdout.write("\n");
  for (const t of results.targets) {
    const verdict = t.met === null ? "n/a   " : t.met ? "met   " : "MISSED";
    process.stdout.write(`${verdict}  ${t.label}: ${t.detail}\n`);
  }
  const missedCount = results.targets.filter((t) => t.met === false).length;
  process.stdout.write(
    `\n${missedCount === 0 ? "all targets met" : `${missedCount} target(s) missed`}${SMOKE ? " (smoke run: figures are indicative only)" : ""}\n`,
  );
  return exitCodeFor(results);
}

function gitSource(): Results["source"] {
  try {
    const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8" }).trim();
    const changedFiles = execFileSync("git", ["status", "--porcelain"], { cwd: ROOT, encoding: "utf8" }).split("\n").filter(Boolean).length;
    return { commit, changedFiles };
  } catch {
    return undefined;
  }
}

function unavailable(reason: string): Unavailable {
  log(`not available: ${reason}`);
  return { available: false, reason };
}

/** Re-renders the report from the stored results (and the previous ones), e.g. after editing notes.md. */
function reportOnly(): number {
  const resultsFile = path.join(OUT_DIR, "results.json");
  if (!fs.existsSync(resultsFile)) throw new Error(`no ${path.relative(ROOT, resultsFile)} yet: run the benchmark first`);
  const results = JSON.parse(fs.readFileSync(resultsFile, "utf8")) as Results;
  const previousFile = path.join(OUT_DIR, "results.previous.json");
  const previous = fs.existsSync(previousFile) ? (JSON.parse(fs.readFileSync(previousFile, "utf8")) as Results) : null;
  const notes = fs.existsSync(NOTES_FILE) ? fs.readFileSync(NOTES_FILE, "utf8") : "";
  fs.writeFileSync(REPORT_FILE, renderMarkdown(results, previous, notes));
  log(`wrote ${path.relative(ROOT, REPORT_FILE)} from ${path.relative(ROOT, resultsFile)}`);
  return 0;
}

(REPORT_ONLY ? Promise.resolve().then(reportOnly) : main()).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[bench] the harness failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
