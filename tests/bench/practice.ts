// `npx tsx tests/bench/practice.ts [--smoke] [--json]`: the review queue with 10,000 waiting submissions, and
// processing a 5 MB phone photo (sniff, decode, strip metadata, re-encode). Separate from the HTTP
// benchmark: both are in-process timings of the domain functions a request calls. `npm run bench`
// runs it with `--json`: the lines go to stderr and the figures to stdout as one JSON line.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import sharp from "sharp";

const SMOKE = process.argv.includes("--smoke");
const JSON_OUT = process.argv.includes("--json");
const say = (line: string) => (JSON_OUT ? process.stderr : process.stdout).write(`${line}\n`);
type Timing = { label: string; p50Ms: number; p95Ms: number };
const queue: Timing[] = [];
const WAITING = SMOKE ? 500 : 10_000;
const work = fs.mkdtempSync(path.join(os.tmpdir(), "academy-bench-practice-"));
process.env.DATABASE_PATH = path.join(work, "bench.db");
process.env.UPLOADS_DIR = path.join(work, "uploads");
// The queue is timed over the fixture modules whose tasks the seeded submissions name.
process.env.CONTENT_DIR = path.resolve(import.meta.dirname, "../fixtures/practice-content");

const { closeDb, getDb, prepareDatabase } = await import("~/db/client.server");
const { writeTransaction } = await import("~/db/transaction.server");
const { orgUnits, taskSubmissions, submissionVersions, users } = await import("~/db/schema");
const { reviewQueue } = await import("~/practice/review.server");
const { checkImage } = await import("~/practice/uploads.server");
const { newId } = await import("~/utils/ids.server");

await prepareDatabase();
const db = getDb();
const now = new Date();
const units = Array.from({ length: 20 }, (_, i) => ({ id: newId(), name: `Branch ${i + 1}`, code: null, parentId: null, createdAt: now }));
await db.insert(orgUnits).values(units);
const trainer = {
  id: newId(),
  email: "trainer@bench.test",
  displayName: "Trainer",
  role: "trainer" as const,
  active: true,
  createdAt: now,
  updatedAt: now,
};
await db.insert(users).values(trainer);
await writeTransaction(async (tx) => {
  for (let i = 0; i < WAITING; i++) {
    const userId = newId();
    await tx.insert(users).values({
      id: userId,
      email: `s${i}@bench.test`,
      displayName: `Staff ${i}`,
      orgUnitId: units[i % units.length]!.id,
      role: "staff",
      active: true,
      createdAt: now,
      updatedAt: now,
    });
    const id = newId();
    const submittedAt = new Date(now.getTime() - (i + 1) * 60_000);
    await tx.insert(taskSubmissions).values({
      id,
      userId,
      moduleSlug: i % 2 ? "practice-module" : "tasks-only-module",
      taskSlug: i % 2 ? "voice-guide" : "photo-consent",
      state: "submitted",
      latestVersion: 1,
      submittedAt,
      createdAt: submittedAt,
      updatedAt: submittedAt,
    });
    await tx
      .insert(submissionVersions)
      .values({ id: newId(), submissionId: id, version: 1, taskVersion: 1, rubricHash: "bench", text: "x".repeat(400), link: null, submittedAt });
  }
});

async function time(label: string, runs: number, fn: () => Promise<unknown>) {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  const p50 = samples[Math.floor(samples.length / 2)]!;
  const p95 = samples[Math.floor(samples.length * 0.95)]!;
  queue.push({ label, p50Ms: p50, p95Ms: p95 });
  say(`${label.padEnd(52)} p50 ${p50.toFixed(1)} ms   p95 ${p95.toFixed(1)} ms`);
}

say(`${SMOKE ? "smoke" : "full"} run: ${WAITING} waiting submissions, ${os.cpus().length} cores, Node ${process.version}`);
await time("review queue, first page (oldest 50)", 30, () => reviewQueue(trainer, {}, now));
await time("review queue, filtered by module", 30, () => reviewQueue(trainer, { module: "practice-module" }, now));
await time("review queue, filtered by unit", 30, () => reviewQueue(trainer, { unit: units[3]!.id }, now));
await time("review queue, last page", 10, () => reviewQueue(trainer, { page: Math.ceil(WAITING / 50) }, now));

// A 12-megapixel phone photo (4000 x 3000, issue 29's target), a smaller one in the smoke run;
// noise compresses badly, like a real picture's detail, so it is large (about 11 MB at quality 92).
const [width, height] = SMOKE ? [1200, 900] : [4000, 3000];
const noise = Buffer.alloc(width * height * 3);
for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
const photo = await sharp(noise, { raw: { width, height, channels: 3 } })
  .jpeg({ quality: 92 })
  .withExif({ IFD0: { Make: "PhoneMaker" }, IFD3: { GPSLatitudeRef: "S", GPSLatitude: "6/1 10/1 0/1" } })
  .toBuffer();
const runs = SMOKE ? 2 : 5;
const samples: number[] = [];
let outBytes = 0;
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  const result = await checkImage(photo);
  samples.push(performance.now() - t0);
  if (result.ok) outBytes = result.file.bytes.length;
}
samples.sort((a, b) => a - b);
say(
  `${`photo ${(photo.length / 1048576).toFixed(1)} MB ${width}x${height} -> ${(outBytes / 1048576).toFixed(1)} MB`.padEnd(52)} p50 ${samples[Math.floor(runs / 2)]!.toFixed(0)} ms   max ${samples.at(-1)!.toFixed(0)} ms`,
);
if (JSON_OUT) {
  const photoFigures = { inBytes: photo.length, width, height, outBytes, runs, p50Ms: samples[Math.floor(runs / 2)]!, maxMs: samples.at(-1)! };
  process.stdout.write(`${JSON.stringify({ waiting: WAITING, queue, photo: photoFigures })}\n`);
}
await closeDb();
fs.rmSync(work, { recursive: true, force: true });
