// The two comparison legs of `npm run bench` (issue 28, "no slower where it is today"):
// - PostgreSQL: the seeded SQLite database copied into a throwaway cluster with db:copy, a second
//   server on DATABASE_URL, the same load jobs.
// - Before/after (issue 29): the last commit before that issue's work, built in the temporary
//   folder, against this build. Both serve the before commit's own course (an older build cannot
//   read today's content files) from copies of one database seeded from it, interleaved round by
//   round so machine noise falls on both alike.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { findPgBinDir, startPgCluster } from "../setup/pg-cluster";
import { request } from "./http";
import { freePort, ROOT, startAppServer, stopChild, type AppServerOptions, type Server } from "./procs";
import type { BeforeAfter, BeforeAfterRound, LoadItem, LoadJob, PostgresLeg, Throughput, Unavailable } from "./types";

/**
 * The last commit before issue 29's work (route groups, lessons as modules, the catalog file,
 * the bench floor). Issue 28's comparison (02988e0, before the asynchronous data layer) is in its
 * closing note; it is not repeated here.
 */
export const BEFORE_COMMIT = "5de67c6";

/** The pages the before/after leg compares, in the order each round measures them. */
export const BEFORE_AFTER_JOBS = ["health", "login", "lesson", "learn", "quiz"] as const;
export type BeforeAfterJob = (typeof BEFORE_AFTER_JOBS)[number];

export type LegContext = {
  work: string;
  logsDir: string;
  /** The seeded database as it was before any load ran. */
  pristineDb: string;
  serverOptions: Omit<AppServerOptions, "logFile" | "databasePath">;
  lessonPath: string;
  loadCookies: string[];
  /** Open quiz attempts of the pristine database, split by the caller per round. */
  quizItems: LoadItem[];
  /** Seeds a database from another course folder (the before commit's), as the main run seeded its own. */
  seedFor: (dbPath: string, contentDir: string) => Promise<{ lessonPath: string; loadCookies: string[]; quizItems: LoadItem[] }>;
  job: (title: string, target: string, items: LoadItem[], extra?: Partial<LoadJob>) => LoadJob;
  /** POST headers; `origin` is replaced by each server's own (the CSRF check compares it). */
  postHeaders: Record<string, string>;
  measure: (key: string, pid: number, job: LoadJob, notes?: string[]) => Promise<Throughput>;
  log: (message: string) => void;
  step: <T>(name: string, fn: () => Promise<T> | T) => Promise<T>;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function runCommand(cmd: string, args: string[], cwd: string, timeoutMs: number, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.once("error", reject);
    child.once("exit", (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else reject(new Error(`${cmd} ${args.join(" ")} exited with ${code}:\n${output.slice(-4000)}`));
    });
  });
}

/** Waits until the lesson page answers 200 for a logged-in user (the first request may compile or migrate). */
async function waitForLesson(server: Server, lessonPath: string, cookie: string) {
  let r = await request(server.url + lessonPath, { headers: { cookie } });
  for (let i = 0; i < 240 && r.status !== 200; i++) {
    await sleep(250);
    r = await request(server.url + lessonPath, { headers: { cookie } });
  }
  if (r.status !== 200) throw new Error(`GET ${lessonPath} on ${server.url} answered ${r.status} (log: ${server.log})`);
}

/** The pre-change commit's tree, with the project's node_modules, built with its own remix.config. */
export async function buildBefore(work: string): Promise<{ dir: string; seconds: number }> {
  const started = performance.now();
  const dir = path.join(work, "before");
  fs.mkdirSync(dir);
  await runCommand("sh", ["-c", `git archive ${BEFORE_COMMIT} | tar -x -C "${dir}"`], ROOT, 120_000);
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(dir, "node_modules"));
  await runCommand("npx", ["--no-install", "remix", "build"], dir, 5 * 60_000, { ...process.env, NODE_ENV: "production" });
  if (!fs.existsSync(path.join(dir, "build", "index.js"))) throw new Error(`the build of ${BEFORE_COMMIT} wrote no build/index.js`);
  return { dir, seconds: (performance.now() - started) / 1000 };
}

export async function beforeAfterLeg(ctx: LegContext, before: { dir: string; seconds: number }, rounds: number): Promise<BeforeAfter> {
  const contentDir = path.join(before.dir, "content");
  const seededDb = path.join(ctx.work, "before-seeded.db");
  const seed = await ctx.step(`seed a database from ${BEFORE_COMMIT}'s course`, () => ctx.seedFor(seededDb, contentDir));
  const beforeDb = path.join(ctx.work, "before.db");
  const afterDb = path.join(ctx.work, "after.db");
  fs.copyFileSync(seededDb, beforeDb);
  fs.copyFileSync(seededDb, afterDb);
  // Each side compiles into its own cache (the cache format may differ between the commits);
  // waitForLesson below makes the first compile happen before anything is measured.
  const server = (side: "before" | "after") =>
    ctx.step(`start the ${side === "before" ? `${BEFORE_COMMIT} server (before)` : "this build's server (after)"}`, async () =>
      startAppServer({
        ...ctx.serverOptions,
        ...(side === "before" ? { buildRoot: before.dir, serverScript: path.join(before.dir, "server.js") } : {}),
        contentDir,
        contentCacheDir: path.join(ctx.work, `${side}-cache`),
        port: await freePort(),
        databasePath: side === "before" ? beforeDb : afterDb,
        logFile: path.join(ctx.logsDir, `server-${side}.log`),
      }),
    );
  const beforeServer = await server("before");
  const afterServer = await server("after");
  try {
    await waitForLesson(beforeServer, seed.lessonPath, seed.loadCookies[0]!);
    await waitForLesson(afterServer, seed.lessonPath, seed.loadCookies[0]!);
    const perRound = Math.floor(seed.quizItems.length / rounds);
    const out: BeforeAfterRound[] = [];
    for (let round = 1; round <= rounds; round++) {
      // Both databases start from the same seed, so both sides submit the same open attempts.
      const quizItems = seed.quizItems.slice((round - 1) * perRound, round * perRound);
      for (const which of BEFORE_AFTER_JOBS) {
        const results: Partial<Record<"before" | "after", Throughput>> = {};
        for (const side of ["before", "after"] as const) {
          const s = side === "before" ? beforeServer : afterServer;
          const pages = (pathname: string) => seed.loadCookies.map((cookie) => ({ path: pathname, cookie }));
          const j =
            which === "health"
              ? ctx.job(`${side}: /health`, s.url, [{ path: "/health" }])
              : which === "login"
                ? ctx.job(`${side}: /login`, s.url, [{ path: "/login" }])
                : which === "lesson"
                  ? ctx.job(`${side}: lesson page`, s.url, pages(seed.lessonPath))
                  : which === "learn"
                    ? ctx.job(`${side}: /learn`, s.url, pages("/learn"))
                    : ctx.job(`${side}: quiz submission`, s.url, quizItems, {
                        method: "POST",
                        mode: "once",
                        headers: { ...ctx.postHeaders, origin: s.url },
                      });
          results[side] = await ctx.measure(`${side}-${which}-${round}`, s.pid, j);
        }
        out.push({ round, job: which, before: results.before!, after: results.after! });
      }
    }
    return { available: true, beforeCommit: BEFORE_COMMIT, buildSeconds: before.seconds, rounds: out };
  } finally {
    await stopChild(beforeServer.child, 5_000);
    await stopChild(afterServer.child, 5_000);
  }
}

async function pgCounts(url: string): Promise<{ graded: number; certificates: number }> {
  const client = new pg.Client({ connectionString: url });
  client.on("error", () => {});
  await client.connect();
  try {
    const graded = await client.query<{ n: string }>("select count(*) as n from quiz_attempts where submitted_at is not null");
    const certificates = await client.query<{ n: string }>("select count(*) as n from certificates");
    return { graded: Number(graded.rows[0]!.n), certificates: Number(certificates.rows[0]!.n) };
  } finally {
    await client.end();
  }
}

/** Why PostgreSQL cannot run here, or null when it can. */
export function postgresMissing(): string | null {
  try {
    findPgBinDir();
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}

export async function postgresLeg(ctx: LegContext): Promise<PostgresLeg | Unavailable> {
  const missing = postgresMissing();
  if (missing) return { available: false, reason: `PostgreSQL leg skipped: ${missing}` };
  const cluster = await ctx.step("start a throwaway PostgreSQL cluster", () => startPgCluster());
  try {
    const url = await cluster.createDatabase("academy_bench");
    const copyStarted = performance.now();
    await ctx.step("db:copy the seeded database into PostgreSQL", () =>
      runCommand("npx", ["--no-install", "tsx", "scripts/db-copy.ts", "--from", ctx.pristineDb, "--to", url], ROOT, 10 * 60_000),
    );
    const copySeconds = (performance.now() - copyStarted) / 1000;
    const versionClient = new pg.Client({ connectionString: url });
    versionClient.on("error", () => {});
    await versionClient.connect();
    const version = (await versionClient.query<{ v: string }>("select current_setting('server_version') as v")).rows[0]!.v;
    await versionClient.end();
    const server = await ctx.step("start the server on PostgreSQL (DATABASE_URL)", async () =>
      startAppServer({
        ...ctx.serverOptions,
        port: await freePort(),
        databasePath: path.join(ctx.work, "unused-on-postgres.db"),
        databaseUrl: url,
        logFile: path.join(ctx.logsDir, "server-postgres.log"),
      }),
    );
    try {
      await waitForLesson(server, ctx.lessonPath, ctx.loadCookies[0]!);
      const throughput: Record<string, Throughput> = {};
      throughput.health = await ctx.measure("pg-health", server.pid, ctx.job("PostgreSQL: /health", server.url, [{ path: "/health" }]));
      throughput.lesson = await ctx.measure(
        "pg-lesson",
        server.pid,
        ctx.job(
          "PostgreSQL: lesson page",
          server.url,
          ctx.loadCookies.map((cookie) => ({ path: ctx.lessonPath, cookie })),
        ),
      );
      throughput.learn = await ctx.measure(
        "pg-learn",
        server.pid,
        ctx.job(
          "PostgreSQL: /learn",
          server.url,
          ctx.loadCookies.map((cookie) => ({ path: "/learn", cookie })),
        ),
      );
      const countsBefore = await pgCounts(url);
      throughput.quiz = await ctx.measure(
        "pg-quiz",
        server.pid,
        ctx.job("PostgreSQL: quiz submission", server.url, ctx.quizItems, {
          method: "POST",
          mode: "once",
          headers: { ...ctx.postHeaders, origin: server.url },
        }),
      );
      const countsAfter = await pgCounts(url);
      return {
        available: true,
        version,
        copySeconds,
        readySeconds: server.readySeconds,
        throughput,
        quizGraded: countsAfter.graded - countsBefore.graded,
        certificatesIssued: countsAfter.certificates - countsBefore.certificates,
      };
    } finally {
      await stopChild(server.child, 5_000);
    }
  } finally {
    await cluster.stop();
  }
}
