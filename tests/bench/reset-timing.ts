// Forgot-password timing for known and unknown addresses (issue 25, problem 9): the real
// requestPasswordReset on a real migrated SQLite file, in process, 50 tries each, interleaved so
// drift on a shared machine hits both alike. Prints the medians of wall time (what a client would
// see) and of the process's CPU time (the work done, which other processes on a busy machine do
// not blur), and their differences; exits 1 when the CPU medians differ by more than 10%. Not
// part of the test suite (timing is a benchmark's job).
// Usage: npx tsx tests/bench/reset-timing.ts [--tries 50]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "reset-timing-"));
process.env.DATABASE_PATH = path.join(dir, "academy.db");
process.env.PUBLIC_URL ??= "http://academy.test";
process.env.TIME_ZONE ??= "UTC";

const triesFlag = process.argv.indexOf("--tries");
const TRIES = triesFlag > -1 ? Number(process.argv[triesFlag + 1]) : 50;
const WARM_UP = 20;

const { getDb, closeDb } = await import("~/db/client.server");
const { users } = await import("~/db/schema");
const { newId } = await import("~/utils/ids.server");
const { requestPasswordReset } = await import("~/notifications/password-reset.server");

const db = getDb();
const created = new Date("2026-01-01T00:00:00Z");
const known = Array.from({ length: TRIES + WARM_UP }, (_, i) => `known${i}@timing.test`);
await db.insert(users).values(
  known.map((email, i) => ({
    id: newId(),
    email,
    displayName: `Known Person ${i}`,
    role: "staff" as const,
    locale: i % 2 ? ("id" as const) : ("en" as const),
    createdAt: created,
    updatedAt: created,
  })),
);
// A realistic table: other people's rows around the ones asked about.
db.insert(users)
  .values(
    Array.from({ length: 2000 }, (_, i) => ({
      id: newId(),
      email: `other${i}@timing.test`,
      displayName: `Other ${i}`,
      role: "staff" as const,
      createdAt: created,
      updatedAt: created,
    })),
  )
  .run();

const base = new Date("2026-02-01T08:00:00Z").getTime();
async function time(email: string, i: number) {
  // Each try in its own hour and from its own address: no throttle decides the outcome.
  const now = new Date(base + i * 61 * 60_000);
  const cpu = process.cpuUsage();
  const start = performance.now();
  const outcome = await requestPasswordReset(email, `10.${(i >> 8) & 255}.${i & 255}.9`, now);
  const ms = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { ms, cpuMs: (used.user + used.system) / 1000, outcome };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const samples = { known: [] as number[], unknown: [] as number[] };
const cpuSamples = { known: [] as number[], unknown: [] as number[] };
let tick = 0;
for (let i = 0; i < WARM_UP + TRIES; i++) {
  // Alternate which goes first, so neither always runs on a warmer cache.
  const order = i % 2 ? (["known", "unknown"] as const) : (["unknown", "known"] as const);
  for (const kind of order) {
    const email = kind === "known" ? known[i]! : `nobody${i}@timing.test`;
    const { ms, cpuMs, outcome } = await time(email, tick++);
    const expected = kind === "known" ? "sent" : "no-account";
    if (outcome !== expected) throw new Error(`${email}: ${outcome}, expected ${expected}`);
    if (i >= WARM_UP) {
      samples[kind].push(ms);
      cpuSamples[kind].push(cpuMs);
    }
  }
}

const pct = (a: number, b: number) => (Math.abs(a - b) / Math.min(a, b)) * 100;
const [wk, wu, ck, cu] = [median(samples.known), median(samples.unknown), median(cpuSamples.known), median(cpuSamples.unknown)];
console.log(
  `forgot-password, ${TRIES} tries each (after ${WARM_UP} warm-up), in process, load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores:`,
);
console.log(`  wall time, median: known ${wk.toFixed(3)} ms, unknown ${wu.toFixed(3)} ms, difference ${pct(wk, wu).toFixed(1)}%`);
console.log(
  `  CPU time, median:  known ${ck.toFixed(3)} ms, unknown ${cu.toFixed(3)} ms, difference ${pct(ck, cu).toFixed(1)}% (target: within 10%)`,
);
await closeDb();
fs.rmSync(dir, { recursive: true, force: true });
process.exit(pct(ck, cu) <= 10 ? 0 : 1);
