// The load generator: a child process of run.ts, so the measuring and the measured server do
// not share an event loop. Reads one job (JSON file named on the command line), runs a warm-up
// and then the measured run with autocannon's API against 127.0.0.1, and prints the result as
// one JSON line on stdout.
import fs from "node:fs";
import autocannon, { type RawRequest, type Result } from "autocannon";
import type { LoadJob, LoadResult } from "./types";

function assertLoopback(url: string) {
  const host = new URL(url).hostname;
  if (host !== "127.0.0.1" && host !== "localhost" && host !== "[::1]") {
    throw new Error(`load-worker: refusing to send load to ${host}: loopback only`);
  }
}

/**
 * Hands out requests. "cycle" jobs rotate through their items (many users' sessions, many
 * codes); "once" jobs use each item at most once (a quiz attempt is graded once) and stop the
 * run when the list is used up.
 */
function makeFeeder(job: LoadJob) {
  let next = 0;
  let forwarded = 0;
  let exhausted = false;
  return {
    get exhausted() {
      return exhausted;
    },
    get used() {
      return next;
    },
    take(): LoadJob["items"][number] | null {
      if (job.mode === "once") {
        if (next >= job.items.length) {
          exhausted = true;
          return null;
        }
        return job.items[next++]!;
      }
      const item = job.items[next % job.items.length]!;
      next++;
      return item;
    },
    /** A distinct client address per request from 198.18.0.0/15 (RFC 2544, set aside for benchmarks). */
    forwardedFor(): string {
      const n = forwarded++ % 131_072;
      return `198.${18 + (n >> 16)}.${(n >> 8) & 255}.${n & 255}`;
    },
  };
}

async function runOnce(job: LoadJob, seconds: number, feeder: ReturnType<typeof makeFeeder>): Promise<Result> {
  const running: { instance?: ReturnType<typeof autocannon> } = {};
  let lastItem = job.items[0]!;
  const setupRequest = (req: RawRequest): RawRequest => {
    const taken = feeder.take();
    if (!taken) {
      // Used up: stop the run. The connection still needs a request to send meanwhile; a
      // replay of the last one (answered from the stored grade) is the cheapest honest choice.
      setImmediate(() => running.instance?.stop());
    } else lastItem = taken;
    const item = taken ?? lastItem;
    const headers: Record<string, string> = { ...req.headers };
    if (item.cookie) headers.cookie = item.cookie;
    if (job.forwardedFor) headers["x-forwarded-for"] = feeder.forwardedFor();
    return { ...req, method: job.method, path: item.path, headers, body: item.body ?? undefined };
  };
  running.instance = autocannon({
    url: job.url,
    connections: job.connections,
    duration: seconds,
    timeout: 30,
    headers: job.headers,
    requests: [{ method: job.method, setupRequest }],
  });
  return await running.instance;
}

async function main() {
  const file = process.argv[2];
  if (!file) throw new Error("usage: load-worker <job.json>");
  const job = JSON.parse(fs.readFileSync(file, "utf8")) as LoadJob;
  assertLoopback(job.url);
  if (job.items.length === 0) throw new Error(`load-worker: job ${job.title} has no requests`);
  const feeder = makeFeeder(job);
  if (job.warmupSeconds > 0) await runOnce(job, job.warmupSeconds, feeder);
  const usedBefore = feeder.used;
  const cpuBefore = process.cpuUsage();
  // Markers for run.ts, which reads the server's CPU time at these two moments.
  process.stderr.write("@measuring\n");
  const r = await runOnce(job, job.durationSeconds, feeder);
  process.stderr.write("@measured\n");
  const cpu = process.cpuUsage(cpuBefore);
  const total = r["1xx"] + r["2xx"] + r["3xx"] + r["4xx"] + r["5xx"];
  const seconds = Math.max(0.001, (new Date(r.finish).getTime() - new Date(r.start).getTime()) / 1000);
  const out: LoadResult = {
    title: job.title,
    rps: total / seconds,
    rpsAverage: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    seconds,
    requests: total,
    bytesPerSecond: r.throughput.average,
    errors: r.errors,
    timeouts: r.timeouts,
    non2xx: r.non2xx,
    ok2xx: r["2xx"],
    redirects3xx: r["3xx"],
    bad: r["4xx"] + r["5xx"] + r.errors + r.timeouts,
    statusCodes: Object.fromEntries(Object.entries(r.statusCodeStats).map(([k, v]) => [k, v.count])),
    itemsUsed: feeder.used - usedBefore,
    exhausted: feeder.exhausted,
    loaderCpuSeconds: (cpu.user + cpu.system) / 1e6,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
