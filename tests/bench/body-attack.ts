// The "bodies before auth" attack of issue 25, measured: the production server (build/ must
// exist: npm run build) on a fresh database, then 24 concurrent anonymous 60 MB multipart POSTs,
// 12 to a practical task's action and 12 to /hr/import. Reports each answer's status and time
// and the server's RSS before, at its peak and a few seconds after.
//   npx tsx tests/bench/body-attack.ts [--json out.json]
// The refused clients keep sending until the server closes the connection; what counts is that
// the answer comes at once and the server does not hold the bodies.
import { execFileSync, fork } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { freePort, ROOT } from "./procs";

const CLIENTS = 24;
const BODY_BYTES = 60 * 1024 * 1024;
const CHUNK = Buffer.alloc(256 * 1024, 0x41);
const BOUNDARY = "----pustaka-attack";
const TARGETS = ["/learn/tasks-only-module/tasks/monthly-report", "/hr/import"];

function rssMb(pid: number) {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

type Outcome = { target: string; status: number | string; ms: number; sentMb: number };

function attack(port: number, target: string, origin: string): Promise<Outcome> {
  const started = performance.now();
  return new Promise((resolve) => {
    let sent = 0;
    let settled = false;
    const done = (status: number | string) => {
      if (settled) return;
      settled = true;
      resolve({ target, status, ms: Math.round(performance.now() - started), sentMb: Math.round(sent / 1024 / 1024) });
      req.destroy();
    };
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        path: target,
        method: "POST",
        headers: { "Content-Type": `multipart/form-data; boundary=${BOUNDARY}`, "Content-Length": String(BODY_BYTES), Origin: origin },
      },
      (res) => {
        res.resume();
        done(res.statusCode ?? 0);
      },
    );
    req.on("error", (error: NodeJS.ErrnoException) => done(error.code ?? "error"));
    req.write(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="upload"; filename="x.pdf"\r\n\r\n`);
    // 256 KB at a time, yielding between writes, so this process notices an answer as
    // soon as it arrives (24 clients share its event loop).
    const pump = () => {
      if (settled) return;
      if (sent >= BODY_BYTES - CHUNK.length) return void req.end();
      sent += CHUNK.length;
      if (req.write(CHUNK)) setImmediate(pump);
      else req.once("drain", pump);
    };
    pump();
  });
}

async function main() {
  const json = process.argv.includes("--json") ? process.argv[process.argv.indexOf("--json") + 1] : null;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "academy-body-attack-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production" as const,
    DATABASE_PATH: path.join(work, "academy.db"),
    UPLOADS_DIR: path.join(work, "uploads"),
    CONTENT_DIR: path.join(ROOT, "tests/fixtures/practice-content"),
    CONTENT_CACHE_DIR: path.join(work, "content-cache"),
    NOTIFY_WORKER: "0",
  };
  execFileSync(process.execPath, ["--import", "tsx", "scripts/db-migrate.ts"], { cwd: ROOT, env, stdio: "ignore" });
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const server = fork(path.join(ROOT, "server.js"), [], {
    cwd: ROOT,
    // LOG_REQUESTS=1: the server logs each answer with the time it took, measured in the server,
    // apart from how busy this process (24 clients) is when it notices the answer.
    env: { ...env, HOST: "127.0.0.1", PORT: String(port), PUBLIC_URL: origin, NODE_OPTIONS: "", LOG_REQUESTS: "1" },
    stdio: ["ignore", "pipe", "inherit", "ipc"],
  });
  const serverMs: number[] = [];
  let pendingLine = "";
  server.stdout!.on("data", (d: Buffer) => {
    const lines = (pendingLine + d.toString()).split("\n");
    pendingLine = lines.pop() ?? "";
    for (const line of lines) {
      const m = /^POST \S+ \d+ ([\d.]+) ms$/.exec(line);
      if (m) serverMs.push(Number(m[1]));
    }
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.on("message", (m: { ready?: boolean }) => m.ready && resolve());
      server.once("exit", (code) => reject(new Error(`server exited with ${code}`)));
    });
    // Warm up: content compiled, one page rendered.
    for (let i = 0; i < 3; i++) await fetch(`${origin}/login`).then((r) => r.text());
    await new Promise((r) => setTimeout(r, 1_000));
    const pid = server.pid!;
    const before = rssMb(pid);
    let peak = before;
    const sampler = setInterval(() => (peak = Math.max(peak, rssMb(pid))), 25);
    const started = performance.now();
    const outcomes = await Promise.all(Array.from({ length: CLIENTS }, (_, i) => attack(port, TARGETS[i % TARGETS.length]!, origin)));
    const wallMs = Math.round(performance.now() - started);
    // "Afterwards": give the server a few seconds to settle (garbage collection, sockets closed).
    await new Promise((r) => setTimeout(r, 5_000));
    const after = rssMb(pid);
    // A second wave: memory the first one left with the allocator is reused, not added to.
    await Promise.all(Array.from({ length: CLIENTS }, (_, i) => attack(port, TARGETS[i % TARGETS.length]!, origin)));
    await new Promise((r) => setTimeout(r, 5_000));
    clearInterval(sampler);
    const afterSecondWave = rssMb(pid);
    const stillServes = (await fetch(`${origin}/login`)).status;
    const byStatus: Record<string, number> = {};
    for (const o of outcomes) byStatus[`${o.target} ${o.status}`] = (byStatus[`${o.target} ${o.status}`] ?? 0) + 1;
    const times = outcomes.map((o) => o.ms).sort((a, b) => a - b);
    const inServer = serverMs.slice(0, CLIENTS).sort((a, b) => a - b);
    const report = {
      clients: CLIENTS,
      bodyMb: BODY_BYTES / 1024 / 1024,
      statuses: byStatus,
      answerMsInServer: { count: inServer.length, min: inServer[0], median: inServer[Math.floor(inServer.length / 2)], max: inServer.at(-1) },
      answerMsAtClient: { min: times[0], median: times[Math.floor(times.length / 2)], max: times.at(-1) },
      sentBeforeAnswerMb: { max: Math.max(...outcomes.map((o) => o.sentMb)) },
      wallMs,
      rssMb: {
        before: Math.round(before),
        peak: Math.round(peak),
        after: Math.round(after),
        afterSecondWave: Math.round(afterSecondWave),
        growth: Math.round(peak - before),
      },
      loginAfterwards: stillServes,
    };
    console.log(JSON.stringify(report, null, 2));
    if (json) fs.writeFileSync(json, JSON.stringify(report, null, 2) + "\n");
    const ok =
      outcomes.every((o) => o.status === 401 || o.status === 403 || o.status === 413) &&
      times.at(-1)! < 1_000 &&
      peak - before < 100 &&
      stillServes === 200;
    if (!ok) process.exitCode = 1;
  } finally {
    server.kill("SIGTERM");
    await new Promise((r) => server.once("exit", r));
    fs.rmSync(work, { recursive: true, force: true });
  }
}

await main();
