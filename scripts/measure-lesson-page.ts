// `npx tsx scripts/measure-lesson-page.ts [rounds]`: the lesson page's weight and server time,
// without the full benchmark. Serves the production build (`npm run build` first) with the
// shipped course against a throwaway database, logs a staff member in by a session row, then
// reports the HTML document's bytes (before gzip), the route data's bytes (`.data`, before
// gzip), the lesson module's bytes (when the page links one) and the median and p90 time of
// `rounds` sequential page requests (one at a time: server render time plus loopback HTTP), and
// the server's CPU time per request (from /proc, so it holds up on a busy machine better than
// the wall clock does).
// MEASURE_ROOT serves another copy of the app (a saved build of an earlier commit) for a before/after.
import { fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";

const ROOT = path.resolve(process.env.MEASURE_ROOT ?? path.join(import.meta.dirname, ".."));
const rounds = Number(process.argv[2] ?? 200);
const LESSON = "/learn/why-social-media/where-your-community-is";
const dbPath = path.join(os.tmpdir(), `academy-measure-${randomBytes(4).toString("hex")}.db`);
const port = 3900 + Math.floor(Math.random() * 90);
const url = `http://127.0.0.1:${port}`;

// Always the throwaway SQLite file, whatever DATABASE_URL the shell has.
const env: NodeJS.ProcessEnv = { ...process.env };
delete env.DATABASE_URL;
const child = fork(path.join(ROOT, "server.js"), [], {
  cwd: ROOT,
  env: {
    ...env,
    NODE_ENV: "production",
    PORT: String(port),
    PUBLIC_URL: url,
    DATABASE_PATH: dbPath,
    CONTENT_DIR: path.join(ROOT, "content"),
    CONTENT_CACHE_DIR: path.join(os.tmpdir(), "academy-measure-cache"),
    NOTIFY_WORKER: "0",
  },
  stdio: ["ignore", "inherit", "inherit", "ipc"],
  // MEASURE_CPU_PROF=folder: a V8 CPU profile of the server, written when it stops.
  execArgv: process.env.MEASURE_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${process.env.MEASURE_CPU_PROF}`] : [],
});

/** User plus system CPU time of a process so far, from /proc/<pid>/stat (Linux). */
function serverCpuMs(pid: number) {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  // utime and stime are fields 14 and 15 of the whole line, in clock ticks (100 per second).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

try {
  await new Promise<void>((resolve, reject) => {
    child.on("message", (m: { ready?: boolean }) => m.ready && resolve());
    child.on("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
  const { default: Database } = await import("better-sqlite3");
  const db = new Database(dbPath);
  const userId = randomBytes(16).toString("base64url");
  const now = Date.now();
  db.prepare(
    `insert into users (id, email, display_name, staff_number, role, locale, active, password_hash, created_at, updated_at)
     values (?, 'measure@example.org', 'Measure', 'M1', 'staff', 'en', 1, null, ?, ?)`,
  ).run(userId, now, now);
  const session = randomBytes(20).toString("hex");
  db.prepare("insert into sessions (id, user_id, expires_at) values (?, ?, ?)").run(session, userId, Math.floor(now / 1000) + 86_400);
  db.close();
  const headers = { cookie: `academy_session=${session}`, "accept-encoding": "identity" };

  const get = async (p: string) => {
    const res = await fetch(url + p, { headers });
    const body = Buffer.from(await res.arrayBuffer());
    if (res.status !== 200) throw new Error(`${p}: ${res.status} ${body.toString("utf8").slice(0, 300)}`);
    return body;
  };
  // Content compiles at start-up: wait for the page to answer.
  const html = await get(LESSON);
  const data = await get(`${LESSON}.data`);
  const moduleUrl = /<link rel="modulepreload" href="(\/lesson-code\/[^"]+)"/.exec(html.toString("utf8"))?.[1];
  const lessonModule = moduleUrl ? await get(moduleUrl) : null;
  for (let i = 0; i < 20; i++) await get(LESSON);
  const times: number[] = [];
  const cpuBefore = serverCpuMs(child.pid!);
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    await get(LESSON);
    times.push(performance.now() - started);
  }
  const cpuPerRequest = (serverCpuMs(child.pid!) - cpuBefore) / rounds;
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(2);
  console.log(
    JSON.stringify(
      {
        page: LESSON,
        htmlBytes: html.length,
        dataBytes: data.length,
        // What goes over the wire: server.js gzips pages and data at level 5, modules at 9.
        htmlGzipBytes: zlib.gzipSync(html, { level: 5 }).length,
        dataGzipBytes: zlib.gzipSync(data, { level: 5 }).length,
        lessonModule: moduleUrl
          ? { url: moduleUrl, bytes: lessonModule!.length, gzipBytes: zlib.gzipSync(lessonModule!, { level: 9 }).length }
          : null,
        rounds,
        medianMs: at(0.5),
        p90Ms: at(0.9),
        serverCpuMsPerRequest: cpuPerRequest.toFixed(2),
      },
      null,
      2,
    ),
  );
} finally {
  child.kill("SIGTERM");
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(dbPath + suffix, { force: true });
}
