// Reads a V8 .cpuprofile (written by `node --cpu-prof`) and sums self time per function and per
// area (the app's own code, each npm package, Node's internals, the garbage collector).
import fs from "node:fs";
import type { ProfileSummary } from "./types";

type CpuNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
};
type CpuProfile = { nodes: CpuNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

/** Where a function lives: "app" (the server build), "npm:<package>", "node" (internals) or a V8 pseudo-frame. */
export function areaOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith("(") ? functionName : "(native)";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return `npm:${pkg[1]}`;
  if (url.startsWith("node:")) return "node";
  if (/\/build\/index\.js$/.test(url)) return "app (server build)";
  if (/\/server\.js$/.test(url)) return "server.js (adapter)";
  return url.replace(/^file:\/\//, "");
}

function shortUrl(url: string) {
  const pkg = /node_modules\/(.*)$/.exec(url);
  if (pkg) return pkg[1]!;
  return url.replace(/^file:\/\/.*\/(build|tests|app)\//, "$1/").replace(/^file:\/\//, "");
}

/**
 * `window` (milliseconds since the profile started, i.e. since the process started) keeps only
 * the samples of the measured load, leaving out start-up (module loading, content) and shutdown.
 */
export function summarizeProfile(file: string, endpoint: string, window?: { fromMs: number; toMs: number }, topN = 15): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // Inclusive time of the app's own functions (the server build and server.js): a function
  // counts once per sample however deep it recurses.
  const inclusive = new Map<string, { name: string; where: string; us: number }>();
  let at = 0;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (window && (at / 1000 < window.fromMs || at / 1000 > window.toMs)) return;
    selfUs.set(id, (selfUs.get(id) ?? 0) + delta);
    const seen = new Set<string>();
    for (let cur: number | undefined = id, depth = 0; cur !== undefined && depth < 500; cur = parent.get(cur), depth++) {
      const node = byId.get(cur);
      if (!node) break;
      const { functionName, url, lineNumber } = node.callFrame;
      const area = areaOf(url, functionName);
      if (area !== "app (server build)" && area !== "server.js (adapter)") continue;
      const where = `${shortUrl(url)}:${lineNumber + 1}`;
      const key = `${functionName}|${where}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const entry = inclusive.get(key) ?? { name: functionName || "(anonymous)", where, us: 0 };
      entry.us += delta;
      inclusive.set(key, entry);
    }
  });
  let totalUs = 0;
  let idleUs = 0;
  const fns = new Map<string, { name: string; where: string; us: number }>();
  const areas = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === "(idle)") {
      idleUs += us;
      continue;
    }
    totalUs += us;
    const name = functionName || "(anonymous)";
    const where = url ? `${shortUrl(url)}:${lineNumber + 1}` : "";
    const key = `${name}|${where}`;
    const entry = fns.get(key) ?? { name, where, us: 0 };
    entry.us += us;
    fns.set(key, entry);
    const area = areaOf(url, name);
    areas.set(area, (areas.get(area) ?? 0) + us);
  }
  const pct = (us: number) => (totalUs > 0 ? (100 * us) / totalUs : 0);
  return {
    endpoint,
    file,
    totalMs: totalUs / 1000,
    top: [...fns.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, topN)
      .map((f) => ({ name: f.name, where: f.where, selfMs: f.us / 1000, percent: pct(f.us) })),
    appInclusive: [...inclusive.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, topN)
      .map((f) => ({ name: f.name, where: f.where, totalMs: f.us / 1000, percent: pct(f.us) })),
    byArea: [...areas.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 12)
      .map(([area, us]) => ({ area, selfMs: us / 1000, percent: pct(us) }))
      .concat(idleUs > 0 ? [{ area: "(idle, not counted)", selfMs: idleUs / 1000, percent: 0 }] : []),
  };
}

// `tsx tests/bench/profile.ts file.cpuprofile` prints the summary of one profile.
if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, "/"))) {
  const file = process.argv[2];
  if (!file) {
    console.error("usage: tsx tests/bench/profile.ts <file.cpuprofile>");
    process.exit(1);
  }
  const s = summarizeProfile(file, file);
  console.log(`total ${s.totalMs.toFixed(0)} ms on CPU`);
  for (const a of s.byArea) console.log(`${a.percent.toFixed(1).padStart(5)}%  ${a.selfMs.toFixed(0).padStart(7)} ms  ${a.area}`);
  console.log("");
  for (const f of s.top) console.log(`${f.percent.toFixed(1).padStart(5)}%  ${f.selfMs.toFixed(0).padStart(7)} ms  ${f.name}  ${f.where}`);
  console.log("\ninclusive, app code:");
  for (const f of s.appInclusive) console.log(`${f.percent.toFixed(1).padStart(5)}%  ${f.totalMs.toFixed(0).padStart(7)} ms  ${f.name}  ${f.where}`);
}
