// The floor (issue 29): every page as a share of a bare Remix page (tests/bench/bare-app/: one
// route reading one SQLite row, served by our own server.js) measured in the same run, and the
// targets set on those shares. A share of the same run's floor compares across machines where
// req/s does not. Pure functions, unit-tested in tests/unit/bench-floor.test.ts.
import type { TargetLine, Throughput } from "./types";

export type FloorTarget = { key: string; label: string; minShare: number; maxP99Ms: number };

/** Issue 29: share of the bare page's req/s, and p99 at 50 connections, for the four pages. */
export const FLOOR_TARGETS: readonly FloorTarget[] = [
  { key: "health", label: "/health", minShare: 0.7, maxP99Ms: 150 },
  { key: "login", label: "/login", minShare: 0.7, maxP99Ms: 150 },
  { key: "lesson", label: "lesson page", minShare: 0.5, maxP99Ms: 150 },
  { key: "learn", label: "/learn", minShare: 0.5, maxP99Ms: 150 },
];

/** The page's req/s as a share of the bare page's (same run), or null when either was not measured. */
export function shareOfBare(page: Throughput | undefined, bare: Throughput | undefined): number | null {
  if (!page?.available || !bare?.available || bare.rps <= 0) return null;
  return page.rps / bare.rps;
}

/** Sets `ofBare` on every measured page (the bare page itself included: 1; not on the raw node:http ceiling, which is no page). */
export function withShares(throughput: Record<string, Throughput>, bare: Throughput | undefined): Record<string, Throughput> {
  const out: Record<string, Throughput> = {};
  for (const [key, t] of Object.entries(throughput)) out[key] = t.available ? { ...t, ofBare: key === "hello" ? null : shareOfBare(t, bare) } : t;
  return out;
}

/**
 * The p99 verdict. A run in which no request completed has no latency samples (autocannon says
 * p99 0): every answer took longer than the run, so it is a miss, not a 0 ms pass.
 */
export function p99Verdict(page: Throughput & { available: true }, maxMs: number): { met: boolean; detail: string } {
  if (page.requests === 0) return { met: false, detail: `no request completed within the ${page.seconds.toFixed(0)} s run` };
  const met = page.p99 < maxMs;
  return { met, detail: `p99 ${n0(page.p99)} ms${met ? "" : `: ${n0(page.p99 - maxMs)} ms over`}` };
}

/**
 * Per-round shares when pages and the bare page were measured in interleaved rounds: round i of
 * the page against round i of the bare page (the same stretch of machine noise).
 */
export function roundShares(pageRuns: Throughput[], bareRuns: Throughput[]): (number | null)[] {
  return pageRuns.map((run, i) => shareOfBare(run, bareRuns[i]));
}

const pct = (v: number) => `${Math.round(v * 100)}%`;
const n0 = (v: number) => Math.round(v).toLocaleString("en-US");

/** Target lines for the floor targets: met, missed (and by how much), or null when not measured. */
export function floorTargetLines(throughput: Record<string, Throughput>): TargetLine[] {
  const bare = throughput.bare;
  const lines: TargetLine[] = [];
  for (const target of FLOOR_TARGETS) {
    const page = throughput[target.key];
    const shareLabel = `${target.label} ≥ ${pct(target.minShare)} of the bare Remix page's throughput`;
    const p99Label = `${target.label} p99 < ${target.maxP99Ms} ms`;
    if (!page?.available) {
      const why = page ? page.reason : "not measured";
      lines.push({ id: `${target.key}.ofBare`, label: shareLabel, met: null, detail: why });
      lines.push({ id: `${target.key}.p99`, label: p99Label, met: null, detail: why });
      continue;
    }
    const share = shareOfBare(page, bare);
    if (share === null || !bare?.available) {
      const why = `bare page not measured${bare && !bare.available ? `: ${bare.reason}` : ""}`;
      lines.push({ id: `${target.key}.ofBare`, label: shareLabel, met: null, detail: why });
    } else {
      const met = share >= target.minShare;
      const short = met ? "" : `: ${Math.round((target.minShare - share) * 100)} points short (needs ${n0(target.minShare * bare.rps)} req/s)`;
      lines.push({ id: `${target.key}.ofBare`, label: shareLabel, met, detail: `${pct(share)} (${n0(page.rps)} vs ${n0(bare.rps)} req/s)${short}` });
    }
    lines.push({ id: `${target.key}.p99`, label: p99Label, ...p99Verdict(page, target.maxP99Ms) });
  }
  return lines;
}
