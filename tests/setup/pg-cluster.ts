// A throwaway PostgreSQL cluster for tests: initdb into a fresh temporary folder, start on a free
// private port (TCP on 127.0.0.1 only, the socket in the same folder), stop and remove it after.
// initdb refuses to run as root (CI runs as root), so every server command runs as the `postgres`
// user that Debian's postgresql package creates.
import { execFile, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";

const run = promisify(execFile);

export const PG_BIN = process.env.PG_BIN ?? "/usr/lib/postgresql/15/bin";

export type PgCluster = {
  port: number;
  /** A connection string for one database of this cluster (default: the `postgres` database). */
  url(dbName?: string): string;
  /** Creates an empty database and returns its connection string. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server and removes its folder; safe to call twice. */
  stop(): Promise<void>;
};

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

async function asPostgres(args: string[]) {
  const isRoot = process.getuid?.() === 0;
  const [file, rest] = isRoot ? ["runuser", ["-u", "postgres", "--", ...args]] : [args[0]!, args.slice(1)];
  try {
    return await run(file, rest, { timeout: 120_000 });
  } catch (error) {
    const e = error as Error & { stderr?: string; stdout?: string };
    throw new Error(`${args.map((a) => path.basename(a)).join(" ")} failed: ${e.stderr || e.stdout || e.message}`);
  }
}

export async function startPgCluster(): Promise<PgCluster> {
  if (!fs.existsSync(path.join(PG_BIN, "initdb"))) {
    throw new Error(`PostgreSQL binaries not found in ${PG_BIN} (install Debian's postgresql package or set PG_BIN)`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "academy-pg-"));
  const dataDir = path.join(dir, "data");
  fs.mkdirSync(dataDir, { mode: 0o700 });
  if (process.getuid?.() === 0) {
    const { stdout } = await run("id", ["-u", "postgres"]);
    const { stdout: gid } = await run("id", ["-g", "postgres"]);
    for (const p of [dir, dataDir]) fs.chownSync(p, Number(stdout.trim()), Number(gid.trim()));
  }
  let started = false;
  const pgCtlStop = [path.join(PG_BIN, "pg_ctl"), "-D", dataDir, "-m", "immediate", "-w", "stop"];
  // A test process that dies without calling stop() still takes its server down with it.
  const onExit = () => {
    if (started)
      spawnSync(
        process.getuid?.() === 0 ? "runuser" : pgCtlStop[0]!,
        process.getuid?.() === 0 ? ["-u", "postgres", "--", ...pgCtlStop] : pgCtlStop.slice(1),
      );
    fs.rmSync(dir, { recursive: true, force: true });
  };
  process.once("exit", onExit);
  const stop = async () => {
    process.removeListener("exit", onExit);
    if (started) {
      started = false;
      await asPostgres(pgCtlStop).catch(() => {});
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await asPostgres([path.join(PG_BIN, "initdb"), "-D", dataDir, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"]);
    const port = await freePort();
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    const log = path.join(dir, "server.log");
    // Marked started before the attempt: a start that times out may still leave a server running.
    started = true;
    await asPostgres([path.join(PG_BIN, "pg_ctl"), "-D", dataDir, "-l", log, "-o", options, "-w", "-t", "60", "start"]).catch((error: Error) => {
      const tail = fs.existsSync(log) ? fs.readFileSync(log, "utf8").split("\n").slice(-15).join("\n") : "";
      throw new Error(`${error.message}\n${tail}`);
    });
    const url = (dbName = "postgres") => `postgres://postgres@127.0.0.1:${port}/${dbName}`;
    return {
      port,
      url,
      async createDatabase(name) {
        if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Not a plain database name: ${name}`);
        const client = new pg.Client({ connectionString: url() });
        await client.connect();
        try {
          await client.query(`create database "${name}"`);
        } finally {
          await client.end();
        }
        return url(name);
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
