// `npx tsx tests/bench/heavy.ts <reports|reminders> <databasePath> [--json]`: heavy background
// work measured in process, on a database seeded by tests/bench/heavy-seed.ts (work on a copy:
// the reminder run writes to it).
// - reports: the whole training record as CSV then XLSX (time to last byte, rows, bytes, RSS and
//   heap growth sampled every 20 ms).
// - reminders: the daily reminder run for every staff member while a timer measures how long the
//   event loop was held (perf_hooks monitorEventLoopDelay: max and p99), i.e. how long a page
//   request arriving meanwhile would wait in this process.
// Prints one JSON line on stdout with --json (progress lines go to stderr).
import path from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";

const [mode, databasePath] = process.argv.slice(2);
const JSON_OUT = process.argv.includes("--json");
if (!databasePath || !["reports", "csv", "xlsx", "reminders", "photo", "import"].includes(mode ?? "")) {
  console.error("usage: heavy <reports|csv|xlsx|reminders|photo|import> <databasePath> [--json]");
  process.exit(1);
}
const say = (line: string) => (JSON_OUT ? process.stderr : process.stdout).write(`${line}\n`);
Object.assign(process.env, {
  DATABASE_PATH: path.resolve(databasePath),
  CONTENT_DIR: path.resolve(import.meta.dirname, "../../content"),
  CONTENT_CACHE_DIR: path.resolve(path.dirname(databasePath), "content-cache"),
  TIME_ZONE: "Asia/Jakarta",
  NODE_ENV: "production",
  PUBLIC_URL: "http://127.0.0.1:3000",
});
delete process.env.SMTP_URL;

const { warmContent } = await import("~/content/registry.server");
const { closeDb } = await import("~/db/client.server");
await warmContent();

/**
 * How long the event loop was held: a 1 ms interval notes the gap since its last tick. Unlike
 * monitorEventLoopDelay (whose samples miss a single long block), one 5-second block shows as a
 * 5-second gap. max and p99 of the gaps, in ms.
 */
function loopWatch() {
  const gaps: number[] = [];
  let last = performance.now();
  const ticker = setInterval(() => {
    const t = performance.now();
    gaps.push(t - last);
    last = t;
  }, 1);
  return () => {
    clearInterval(ticker);
    gaps.push(performance.now() - last);
    gaps.sort((a, b) => a - b);
    return { maxMs: gaps.at(-1) ?? 0, p99Ms: gaps[Math.floor(gaps.length * 0.99)] ?? 0 };
  };
}

const mb = (n: number) => Math.round((n / 1048576) * 10) / 10;

async function report(format: "csv" | "xlsx") {
  const { streamWholeTrainingRecord } = await import("~/reports/export.server");
  global.gc?.();
  const rss0 = process.memoryUsage().rss;
  const heap0 = process.memoryUsage().heapUsed;
  let rssPeak = rss0;
  let heapPeak = heap0;
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    rssPeak = Math.max(rssPeak, m.rss);
    heapPeak = Math.max(heapPeak, m.heapUsed);
  }, 20);
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  const stream = await streamWholeTrainingRecord({ role: "admin", displayName: "Bench" }, format);
  let bytes = 0;
  let lines = 0;
  const reader = stream.getReader();
  // Read as a socket would: a turn of the event loop between pieces.
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    const chunk = next.value;
    await new Promise((resolve) => setImmediate(resolve));
    bytes += chunk.length;
    if (format === "csv") for (const b of chunk) if (b === 10) lines++;
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  clearInterval(sampler);
  // What the export left behind (with --expose-gc): a flat writer leaves nothing.
  global.gc?.();
  const retainedMB = global.gc ? mb(process.memoryUsage().heapUsed - heap0) : null;
  const out = {
    format,
    seconds,
    cpuSeconds,
    bytes,
    rows: format === "csv" ? lines - 1 : null,
    rssGrowthMB: mb(rssPeak - rss0),
    heapGrowthMB: mb(heapPeak - heap0),
  };
  say(
    `${format}: ${seconds.toFixed(2)} s (CPU ${cpuSeconds.toFixed(2)} s), ${mb(bytes)} MB${out.rows === null ? "" : `, ${out.rows} rows`}, RSS +${out.rssGrowthMB} MB, heap +${out.heapGrowthMB} MB at peak${retainedMB === null ? "" : `, ${retainedMB} MB retained after GC`}`,
  );
  return out;
}

async function reminders() {
  const { runScheduler } = await import("~/notifications/scheduler.server");
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const watch = loopWatch();
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  const run = await runScheduler(new Date(), { ignoreHour: true });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const held = watch();
  histogram.disable();
  const out = {
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    planned: run.planned,
    queued: run.sent,
    loopHeldMaxMs: held.maxMs,
    loopHeldP99Ms: held.p99Ms,
    loopDelayMaxMs: histogram.max / 1e6,
    loopDelayP99Ms: histogram.percentile(99) / 1e6,
  };
  say(
    `reminder run: ${out.queued} queued of ${out.planned} in ${seconds.toFixed(2)} s (CPU ${out.cpuSeconds.toFixed(2)} s); event loop held max ${held.maxMs.toFixed(0)} ms, p99 ${held.p99Ms.toFixed(0)} ms (monitorEventLoopDelay: max ${out.loopDelayMaxMs.toFixed(0)}, p99 ${out.loopDelayP99Ms.toFixed(0)} ms)`,
  );
  return out;
}

/** A 12-megapixel phone photo (4000 x 3000, sensor-like noise, EXIF GPS) checked and re-encoded, 5 runs. */
async function photo() {
  const { default: sharp } = await import("sharp");
  const { checkImage } = await import("~/practice/uploads.server");
  const input = await sharp({
    create: { width: 4000, height: 3000, channels: 3, background: { r: 120, g: 130, b: 110 }, noise: { type: "gaussian", mean: 128, sigma: 40 } },
  })
    .jpeg({ quality: 92 })
    .withExif({ IFD0: { Make: "PhoneMaker" }, IFD3: { GPSLatitudeRef: "S", GPSLatitude: "6/1 10/1 0/1" } })
    .toBuffer();
  const samples: { ms: number; cpuMs: number; outBytes: number }[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const result = await checkImage(input);
    const c = process.cpuUsage(c0);
    if (!result.ok) throw new Error(`photo refused: ${result.error}`);
    samples.push({ ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000, outBytes: result.file.bytes.length });
  }
  samples.sort((a, b) => a.ms - b.ms);
  const out = {
    inBytes: input.length,
    width: 4000,
    height: 3000,
    p50Ms: samples[2]!.ms,
    maxMs: samples[4]!.ms,
    cpuP50Ms: samples[2]!.cpuMs,
    outBytes: samples[0]!.outBytes,
  };
  say(
    `photo ${mb(out.inBytes)} MB 4000x3000 -> ${Math.round(out.outBytes / 1024)} KB: p50 ${out.p50Ms.toFixed(0)} ms (CPU ${out.cpuP50Ms.toFixed(0)} ms), max ${out.maxMs.toFixed(0)} ms`,
  );
  return out;
}

/**
 * A staff import of 1,000 then 10,000 new people: how long the apply step takes and how long at
 * most it holds this process's event loop (SQLite answers synchronously, so a batch's
 * transaction holds both the write lock and the loop; the apply writes IMPORT_BATCH people a
 * transaction and rests between them, ADR 0030).
 */
async function importRuns() {
  const { applyImport, IMPORT_BATCH, planImport } = await import("~/people/import.server");
  const { getDb } = await import("~/db/client.server");
  const { users } = await import("~/db/schema");
  const { eq } = await import("drizzle-orm");
  const [admin] = await getDb().select().from(users).where(eq(users.role, "admin")).limit(1);
  if (!admin) throw new Error("no admin in the seeded database");
  const actor = { ...admin, id: admin.id } as never;
  const out: { rows: number; planMs: number; applyMs: number; loopHeldMaxMs: number; loopHeldP99Ms: number }[] = [];
  for (const [n, rows] of [1_000, 10_000].entries()) {
    const lines = ["name,email,staff number"];
    for (let i = 0; i < rows; i++) lines.push(`Imported Person ${n}-${i},import-${n}-${i}@bench.test,IMP-${n}-${i}`);
    const text = lines.join("\n");
    const t0 = performance.now();
    const plan = await planImport(actor, text);
    const planMs = performance.now() - t0;
    if (!plan.ok) throw new Error(`import plan refused: ${JSON.stringify(plan.fileProblems)}`);
    const watch = loopWatch();
    const t1 = performance.now();
    const applied = await applyImport(actor, { text, hash: plan.hash, digest: plan.digest });
    const applyMs = performance.now() - t1;
    const held = watch();
    if (!applied.ok) throw new Error(`import refused: ${applied.reason}`);
    out.push({ rows, planMs, applyMs, loopHeldMaxMs: held.maxMs, loopHeldP99Ms: held.p99Ms });
    say(
      `import of ${rows} new people: preview ${planMs.toFixed(0)} ms, apply (batches of ${IMPORT_BATCH}) ${applyMs.toFixed(0)} ms, event loop held up to ${held.maxMs.toFixed(0)} ms (p99 of 1 ms ticks ${held.p99Ms.toFixed(0)} ms)`,
    );
  }
  return out;
}

const result =
  mode === "import"
    ? { import: await importRuns() }
    : mode === "photo"
      ? { photo: await photo() }
      : mode === "reminders"
        ? { reminders: await reminders() }
        : {
            csv: mode === "xlsx" ? undefined : await report("csv"),
            xlsx: mode === "csv" ? undefined : await report("xlsx"),
          };
if (JSON_OUT) process.stdout.write(`${JSON.stringify(result)}\n`);
await closeDb();
process.exit(0);
