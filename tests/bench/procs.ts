// Child processes of the benchmark (the app server, the hello server, the load generator and
// the compile timer) and what /proc says about them. Every child is tracked so run.ts can end
// exactly the processes it started, by their own pid.
import { fork, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import type { LoadJob, LoadResult } from "./types";

export const ROOT = path.resolve(import.meta.dirname, "../..");
export const BENCH_DIR = import.meta.dirname;

const children = new Set<ChildProcess>();

/** Ends every child still running (SIGTERM, then SIGKILL after two seconds). */
export async function stopAllChildren() {
  await Promise.all([...children].map((c) => stopChild(c)));
}

export async function stopChild(child: ChildProcess, graceMs = 2_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    children.delete(child);
    return;
  }
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
    }, graceMs);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
  children.delete(child);
}

/** The environment for children, without the TypeScript loader tsx put into this process. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete env.NODE_OPTIONS;
  // The SQLite legs must not pick up a PostgreSQL URL from the shell.
  if (!("DATABASE_URL" in extra)) delete env.DATABASE_URL;
  return env;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

export type Server = { child: ChildProcess; pid: number; url: string; readySeconds: number; log: string };

/** Forks a server script and waits for its `{ ready, port }` message. */
async function forkServer(
  script: string,
  {
    cwd,
    env,
    execArgv = [],
    logFile,
    timeoutMs = 60_000,
  }: { cwd: string; env: Record<string, string>; execArgv?: string[]; logFile: string; timeoutMs?: number },
): Promise<Server> {
  const started = performance.now();
  const log = fs.createWriteStream(logFile, { flags: "a" });
  // execArgv is explicit: a fork would otherwise inherit tsx's loader flags from this process.
  const child = fork(script, [], { cwd, env: childEnv(env), execArgv, stdio: ["ignore", "pipe", "pipe", "ipc"] });
  children.add(child);
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  child.once("exit", () => children.delete(child));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${path.basename(script)} did not start within ${timeoutMs / 1000} s (log: ${logFile})`)),
      timeoutMs,
    );
    child.on("message", (m: { ready?: boolean; port?: number }) => {
      if (m.ready && m.port) {
        clearTimeout(timer);
        resolve(m.port);
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${path.basename(script)} exited with ${code} before it was ready (log: ${logFile}):\n${tail(logFile)}`));
    });
  });
  return { child, pid: child.pid!, url: `http://127.0.0.1:${port}`, readySeconds: (performance.now() - started) / 1000, log: logFile };
}

export function tail(file: string, lines = 30) {
  try {
    return fs.readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}

export type AppServerOptions = {
  buildRoot: string;
  port: number;
  databasePath: string;
  contentDir: string;
  contentCacheDir: string;
  logFile: string;
  cpuProfileDir?: string;
  /** Another checkout's server.js (the "before" leg); its build root is `buildRoot`. */
  serverScript?: string;
  /** postgres:// URL: run the server on PostgreSQL instead of the SQLite file. */
  databaseUrl?: string;
};

/** The production server: server.js from the repository, run in the build root (its build/ and public/). */
export function startAppServer(o: AppServerOptions) {
  const url = `http://127.0.0.1:${o.port}`;
  // BENCH_SERVER_SCRIPT: try a candidate adapter against the same build (for A/B runs while optimising).
  return forkServer(o.serverScript ?? (process.env.BENCH_SERVER_SCRIPT || path.join(ROOT, "server.js")), {
    cwd: o.buildRoot,
    logFile: o.logFile,
    execArgv: o.cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${o.cpuProfileDir}`] : [],
    env: {
      NODE_ENV: "production",
      HOST: "127.0.0.1",
      PORT: String(o.port),
      PUBLIC_URL: url,
      DATABASE_PATH: o.databasePath,
      ...(o.databaseUrl ? { DATABASE_URL: o.databaseUrl } : {}),
      CONTENT_DIR: o.contentDir,
      CONTENT_CACHE_DIR: o.contentCacheDir,
      TIME_ZONE: "Asia/Jakarta",
      // The daily reminder run is measured on its own (reminder-worker.ts), not at start-up.
      NOTIFY_WORKER: "0",
      // The verify page limits look-ups per client address; the load comes from one address,
      // so each request names its own (X-Forwarded-For), as traffic behind a proxy would.
      TRUST_PROXY: "1",
      LOG_REQUESTS: "0",
    },
  });
}

export function startHelloServer(logFile: string) {
  return forkServer(path.join(BENCH_DIR, "hello-server.js"), { cwd: ROOT, env: {}, logFile, timeoutMs: 15_000 });
}

/** Runs a node script (through tsx) to completion and returns its last stdout line parsed as JSON. */
export async function runJsonChild<T>(
  script: string,
  args: string[],
  { timeoutMs, cwd = ROOT, onStderrLine }: { timeoutMs: number; cwd?: string; onStderrLine?: (line: string) => void },
): Promise<T> {
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], { cwd, env: childEnv({}), stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  let pending = "";
  child.stderr.on("data", (d: Buffer) => {
    stderr += d.toString();
    if (!onStderrLine) return;
    pending += d.toString();
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) onStderrLine(line);
  });
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.once("exit", (c) => {
      clearTimeout(timer);
      children.delete(child);
      resolve(c);
    });
  });
  const line = stdout.trim().split("\n").at(-1) ?? "";
  if (code !== 0 || !line.startsWith("{")) {
    throw new Error(`${path.basename(script)} ${args.join(" ")} failed (exit ${code}):\n${stderr.slice(-3000)}${stdout.slice(-1000)}`);
  }
  return JSON.parse(line) as T;
}

export function runLoad(job: LoadJob, jobFile: string, onStderrLine?: (line: string) => void): Promise<LoadResult> {
  fs.writeFileSync(jobFile, JSON.stringify(job));
  return runJsonChild<LoadResult>(path.join(BENCH_DIR, "load-worker.ts"), [jobFile], {
    timeoutMs: (job.warmupSeconds + job.durationSeconds + 60) * 1000,
    onStderrLine,
  });
}

/** Resident memory of a process, in MB (VmRSS from /proc/<pid>/status). */
export function rssMB(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** CPU seconds (user + system) a process has used, from /proc/<pid>/stat (clock ticks of 1/100 s). */
export function cpuSeconds(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** The whole machine's busy CPU time in seconds (all cores), from /proc/stat. */
export function machineBusySeconds(): number | null {
  try {
    const line = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!;
    const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number) as number[];
    return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) / 100;
  } catch {
    return null;
  }
}

/**
 * CPU used by everything but `pids` over `ms` milliseconds, in cores (1 = one core busy). On a
 * shared machine this is other people's work competing with the measurement.
 */
export async function othersCpuCores(pids: number[], ms = 1000): Promise<number | null> {
  const m0 = machineBusySeconds();
  const p0 = pids.map((p) => cpuSeconds(p) ?? 0);
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, ms));
  const m1 = machineBusySeconds();
  const p1 = pids.map((p) => cpuSeconds(p) ?? 0);
  if (m0 === null || m1 === null) return null;
  const own = p1.reduce((n, v, i) => n + v - p0[i]!, 0);
  return Math.max(0, (m1 - m0 - own) / ((performance.now() - t0) / 1000));
}

/** Samples a process's RSS every `everyMs` until stopped; returns the peak. */
export function sampleRss(pid: number, everyMs = 50) {
  let peak = rssMB(pid) ?? 0;
  const timer = setInterval(() => {
    const now = rssMB(pid);
    if (now !== null && now > peak) peak = now;
  }, everyMs);
  return {
    stop() {
      clearInterval(timer);
      const now = rssMB(pid);
      if (now !== null && now > peak) peak = now;
      return peak;
    },
  };
}
