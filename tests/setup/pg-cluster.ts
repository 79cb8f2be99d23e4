// A throwaway PostgreSQL cluster for `npm run test:pg`: Debian's binaries, a fresh data folder
// in the temp folder, a free port on 127.0.0.1, trust auth, no durability. Stopped and removed
// afterwards, also when the process is interrupted or exits on an error.
//
// initdb and postgres refuse to run as root (CI runs as root), so a root process runs them as
// the `postgres` user that Debian's package creates, in a folder owned by that user.
import { execFileSync, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";

export interface PgCluster {
  port: number;
  /** A connection URL for one database of this cluster (superuser `postgres`, no password). */
  url(dbName?: string): string;
  /** Creates a database (empty, or a copy of `template`) and returns its URL. */
  createDatabase(name: string, template?: string): Promise<string>;
  /** Stops the server and removes its folder; safe to call twice. */
  stop(): Promise<void>;
}

const MIN_MAJOR = 15;
const DEBIAN_ROOT = "/usr/lib/postgresql";
/** Names the folders, so a folder left by a killed run can be recognised (sweepAbandoned). */
const DIR_PREFIX = "academy-pg-";
const SUPERUSER = "postgres";

/** The bin folder of the newest PostgreSQL >= 15 (PG_BINDIR overrides, for non-Debian machines). */
export function findPgBinDir(): string {
  const override = process.env.PG_BINDIR;
  if (override) {
    if (!fs.existsSync(path.join(override, "initdb"))) throw new Error(`PG_BINDIR=${override} holds no initdb`);
    return override;
  }
  const majors = (fs.existsSync(DEBIAN_ROOT) ? fs.readdirSync(DEBIAN_ROOT) : [])
    .filter((v) => /^\d+$/.test(v) && Number(v) >= MIN_MAJOR && fs.existsSync(path.join(DEBIAN_ROOT, v, "bin", "initdb")))
    .map(Number)
    .sort((a, b) => b - a);
  if (majors.length === 0) {
    throw new Error(`PostgreSQL ${MIN_MAJOR} or newer is not installed (no ${DEBIAN_ROOT}/<version>/bin/initdb): apt-get install postgresql`);
  }
  return path.join(DEBIAN_ROOT, String(majors[0]), "bin");
}

const isRoot = () => process.getuid?.() === 0;

function postgresUserIds(): { uid: number; gid: number } {
  try {
    const uid = Number(execFileSync("id", ["-u", SUPERUSER], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", SUPERUSER], { encoding: "utf8" }).trim());
    return { uid, gid };
  } catch {
    throw new Error(`running as root, the test cluster needs the '${SUPERUSER}' user to run PostgreSQL as: apt-get install postgresql`);
  }
}

/** The command line for one PostgreSQL program: as the postgres user when we are root. */
function command(binDir: string, program: string, args: string[]): [string, string[]] {
  const bin = path.join(binDir, program);
  return isRoot() ? ["runuser", ["-u", SUPERUSER, "--", bin, ...args]] : [bin, args];
}

function run(binDir: string, program: string, args: string[], cwd: string): Promise<void> {
  const [cmd, argv] = command(binDir, program, args);
  return new Promise((resolve, reject) => {
    // cwd: the postgres user must be able to enter it (pg_ctl checks the current folder).
    // detached: a Ctrl-C in the terminal reaches only us, and we stop the cluster in order.
    const child = spawn(cmd, argv, { cwd, stdio: ["ignore", "pipe", "pipe"], detached: true });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${program} ${args.join(" ")} exited with ${code}:\n${output.trim()}`));
    });
  });
}

function runSync(binDir: string, program: string, args: string[], cwd: string) {
  const [cmd, argv] = command(binDir, program, args);
  return spawnSync(cmd, argv, { cwd, stdio: "ignore", timeout: 30_000 });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Stops and removes the clusters of runs that were killed before they could clean up. */
function sweepAbandoned(binDir: string) {
  for (const name of fs.readdirSync(os.tmpdir())) {
    if (!name.startsWith(DIR_PREFIX)) continue;
    const dir = path.join(os.tmpdir(), name);
    let owner = 0;
    try {
      owner = Number(fs.readFileSync(path.join(dir, "owner.pid"), "utf8").trim());
    } catch {
      continue; // just created by another run, or not ours to judge
    }
    if (!owner || isAlive(owner)) continue;
    try {
      if (fs.existsSync(path.join(dir, "data", "postmaster.pid")))
        runSync(binDir, "pg_ctl", ["-D", path.join(dir, "data"), "-m", "immediate", "-w", "stop"], dir);
      fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // Another user's folder: leave it.
    }
  }
}

/** Enough for every vitest worker's pool (pg's default: 10 each) plus the harness's own clients. */
function maxConnections() {
  return Math.max(200, os.availableParallelism() * 25);
}

export async function startPgCluster(): Promise<PgCluster> {
  const binDir = findPgBinDir();
  const root = isRoot();
  const ids = root ? postgresUserIds() : undefined;
  sweepAbandoned(binDir);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), DIR_PREFIX));
  fs.writeFileSync(path.join(dir, "owner.pid"), String(process.pid));
  const dataDir = path.join(dir, "data");
  const logFile = path.join(dir, "server.log");
  if (ids) fs.chownSync(dir, ids.uid, ids.gid);

  const pidFile = path.join(dataDir, "postmaster.pid");
  let stopped = false;
  let stopping: Promise<void> | undefined;
  const finish = () => {
    stopped = true;
    fs.rmSync(dir, { recursive: true, force: true });
    process.off("exit", stopNow);
    for (const s of signals) process.off(s, onSignal);
  };
  // Synchronous, for process.on("exit"), where nothing asynchronous runs any more.
  const stopNow = () => {
    if (stopped) return;
    if (fs.existsSync(pidFile)) runSync(binDir, "pg_ctl", ["-D", dataDir, "-m", "immediate", "-w", "stop"], dir);
    finish();
  };
  // The start step in progress: a stop waits for it, so no server starts after the stop.
  let step: Promise<unknown> = Promise.resolve();
  const stopSoon = (mode: "fast" | "immediate") =>
    (stopping ??= (async () => {
      await step.catch(() => {});
      try {
        if (fs.existsSync(pidFile)) await run(binDir, "pg_ctl", ["-D", dataDir, "-m", mode, "-w", "-t", "30", "stop"], dir);
      } finally {
        if (fs.existsSync(pidFile)) runSync(binDir, "pg_ctl", ["-D", dataDir, "-m", "immediate", "-w", "stop"], dir);
        finish();
      }
    })());
  // Asynchronous: blocking the event loop here would keep tsx's signal relay from hearing that
  // this process got the signal, and tsx then kills it before the folder is removed.
  const signals = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
  const onSignal = (signal: NodeJS.Signals) => {
    void stopSoon("immediate")
      .catch(() => {}) // finish() ran; nothing more to do about a server that would not stop
      .then(() => {
        // Re-raise, so the process still ends as the signal asks unless someone else handles it.
        if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
      });
  };
  process.on("exit", stopNow);
  for (const s of signals) process.on(s, onSignal);

  let port = 0;
  const next = async <T>(work: () => Promise<T>): Promise<T> => {
    if (stopping) throw new Error("interrupted");
    const p = work();
    step = p;
    return p;
  };
  try {
    await next(() =>
      run(
        binDir,
        "initdb",
        ["-D", dataDir, "-U", SUPERUSER, "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync", "--no-instructions"],
        dir,
      ),
    );
    // A throwaway cluster: nothing needs to survive a crash, so no syncing and no full pages.
    const settings = {
      listen_addresses: "'127.0.0.1'",
      unix_socket_directories: `'${dir}'`,
      max_connections: maxConnections(),
      fsync: "off",
      synchronous_commit: "off",
      full_page_writes: "off",
      max_wal_size: "'1GB'",
      shared_buffers: "'64MB'",
      log_min_messages: "warning",
      log_min_error_statement: "panic",
    };
    fs.appendFileSync(
      path.join(dataDir, "postgresql.conf"),
      "\n# tests/setup/pg-cluster.ts\n" +
        Object.entries(settings)
          .map(([k, v]) => `${k} = ${v}\n`)
          .join(""),
    );
    // Another process may take the free port between the check and the start: try another.
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      try {
        await next(() => run(binDir, "pg_ctl", ["-D", dataDir, "-l", logFile, "-w", "-t", "60", "-o", `-p ${port}`, "start"], dir));
        break;
      } catch (e) {
        if (attempt >= 3 || stopping) throw e;
      }
    }
    if (stopping) throw new Error("interrupted");
  } catch (e) {
    if (stopping) {
      await stopping.catch(() => {});
      throw new Error("the test PostgreSQL cluster was stopped while it started (interrupted)");
    }
    const log = fs.existsSync(logFile) ? fs.readFileSync(logFile, "utf8").trim().split("\n").slice(-20).join("\n") : "";
    stopNow();
    throw new Error(`could not start the test PostgreSQL cluster: ${(e as Error).message}${log ? `\nserver log:\n${log}` : ""}`);
  }

  const url = (dbName = "postgres") => `postgres://${SUPERUSER}@127.0.0.1:${port}/${encodeURIComponent(dbName)}`;

  return {
    port,
    url,
    async createDatabase(name, template) {
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      try {
        const from = template ? ` TEMPLATE ${client.escapeIdentifier(template)}` : "";
        await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}${from}`);
      } finally {
        await client.end();
      }
      return url(name);
    },
    async stop() {
      await stopSoon("fast");
    },
  };
}
