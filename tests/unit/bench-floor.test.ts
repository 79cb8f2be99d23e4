// The benchmark's floor (issue 29): shares of the bare Remix page, the targets' verdicts and the
// run's exit code, from measured figures (tests/bench/floor.ts, tests/bench/report.ts).
import { describe, expect, it } from "vitest";
import { floorTargetLines, roundShares, shareOfBare, withShares } from "../bench/floor";
import { evaluateTargets, exitCodeFor, renderMarkdown } from "../bench/report";
import type { Results, Throughput } from "../bench/types";

function run(rps: number, p99: number): Throughput {
  return {
    available: true,
    title: "t",
    rps,
    rpsAverage: rps,
    p50: p99 / 3,
    p99,
    max: p99 * 2,
    seconds: 10,
    requests: rps * 10,
    bytesPerSecond: 0,
    errors: 0,
    timeouts: 0,
    non2xx: 0,
    ok2xx: rps * 10,
    redirects3xx: 0,
    bad: 0,
    statusCodes: { "200": rps * 10 },
    itemsUsed: rps * 10,
    exhausted: false,
    loaderCpuSeconds: 1,
    ofCeiling: null,
    serverCpuPercent: 100,
    serverRssPeakMB: 200,
    othersCpuCores: 0,
    notes: [],
  };
}
const unavailable = (reason: string): Throughput => ({ available: false, reason });
const line = (lines: { id: string; met: boolean | null; detail: string }[], id: string) => {
  const found = lines.find((l) => l.id === id);
  if (!found) throw new Error(`no target line ${id}`);
  return found;
};

// The issue's own figures (2026-12-06): bare Remix 1,102 req/s; ours below.
const issueFigures: Record<string, Throughput> = {
  bare: run(1102, 69),
  health: run(282, 281),
  login: run(341, 197),
  lesson: run(199, 350),
  learn: run(159, 404),
};

describe("shareOfBare", () => {
  it("is the page's req/s over the bare page's", () => {
    expect(shareOfBare(run(551, 50), run(1102, 40))).toBeCloseTo(0.5, 10);
    expect(shareOfBare(run(282, 281), issueFigures.bare)).toBeCloseTo(0.2559, 3);
  });

  it("is null when either side was not measured or the bare page answered nothing", () => {
    expect(shareOfBare(run(100, 50), unavailable("build failed"))).toBeNull();
    expect(shareOfBare(run(100, 50), undefined)).toBeNull();
    expect(shareOfBare(unavailable("404"), run(1000, 50))).toBeNull();
    expect(shareOfBare(run(100, 50), run(0, 0))).toBeNull();
  });
});

describe("withShares and roundShares", () => {
  it("sets every measured page's share, the bare page's own to 1, and leaves unavailable ones alone", () => {
    const out = withShares({ ...issueFigures, verify: unavailable("not built") }, issueFigures.bare);
    const share = (key: string) => {
      const t = out[key];
      return t?.available ? t.ofBare : "unavailable";
    };
    expect(share("bare")).toBe(1);
    expect(share("lesson")).toBeCloseTo(199 / 1102, 10);
    expect(share("verify")).toBe("unavailable");
    // The raw node:http ceiling is no page: no share.
    expect(
      (() => {
        const t = withShares({ hello: run(20_000, 5), bare: run(1000, 60) }, run(1000, 60)).hello;
        return t?.available ? t.ofBare : "unavailable";
      })(),
    ).toBeNull();
    // The input is not changed.
    expect(issueFigures.lesson!.available && issueFigures.lesson!.ofBare).toBeUndefined();
  });

  it("pairs round i of a page with round i of the bare page", () => {
    expect(roundShares([run(300, 1), run(200, 1), run(100, 1)], [run(600, 1), run(1000, 1)])).toEqual([0.5, 0.2, null]);
  });
});

describe("floorTargetLines", () => {
  it("marks the issue's figures missed, with how far short", () => {
    const lines = floorTargetLines(issueFigures);
    expect(lines.map((l) => l.id)).toEqual([
      "health.ofBare",
      "health.p99",
      "login.ofBare",
      "login.p99",
      "lesson.ofBare",
      "lesson.p99",
      "learn.ofBare",
      "learn.p99",
    ]);
    expect(lines.every((l) => l.met === false)).toBe(true);
    expect(line(lines, "health.ofBare").detail).toBe("26% (282 vs 1,102 req/s): 44 points short (needs 771 req/s)");
    expect(line(lines, "lesson.ofBare").detail).toBe("18% (199 vs 1,102 req/s): 32 points short (needs 551 req/s)");
    expect(line(lines, "learn.p99").detail).toBe("p99 404 ms: 254 ms over");
  });

  it("meets a target at exactly the share, and p99 only under the limit", () => {
    const lines = floorTargetLines({
      bare: run(1000, 60),
      health: run(700, 149),
      login: run(699, 150),
      lesson: run(500, 80),
      learn: run(499, 80),
    });
    expect(line(lines, "health.ofBare").met).toBe(true);
    expect(line(lines, "health.p99").met).toBe(true);
    expect(line(lines, "login.ofBare").met).toBe(false);
    expect(line(lines, "login.p99").met).toBe(false);
    expect(line(lines, "lesson.ofBare").met).toBe(true);
    expect(line(lines, "learn.ofBare").met).toBe(false);
  });

  it("misses p99 when no request completed in the run (autocannon's p99 is then 0)", () => {
    const none = { ...run(0, 0), requests: 0, seconds: 2 };
    const lines = floorTargetLines({ bare: run(40, 1900), health: none });
    expect(line(lines, "health.p99")).toMatchObject({ met: false, detail: "no request completed within the 2 s run" });
    expect(line(lines, "health.ofBare")).toMatchObject({ met: false });
  });

  it("says not measured, rather than met or missed, without the bare page or the page", () => {
    const lines = floorTargetLines({ bare: unavailable("the bare build failed"), health: run(500, 90), login: unavailable("answered 500") });
    expect(line(lines, "health.ofBare")).toMatchObject({ met: null, detail: "bare page not measured: the bare build failed" });
    // The p99 target does not depend on the bare page.
    expect(line(lines, "health.p99").met).toBe(true);
    expect(line(lines, "login.ofBare")).toMatchObject({ met: null, detail: "answered 500" });
    expect(line(lines, "lesson.p99")).toMatchObject({ met: null, detail: "not measured" });
  });
});

describe("evaluateTargets, the report and the exit code", () => {
  const results = (mode: "full" | "smoke", throughput: Record<string, Throughput>): Results =>
    ({
      version: 1,
      mode,
      date: "2026-12-07T04:00:00.000Z",
      machine: { cores: 2, cpu: "test", node: "v22", platform: "linux", memoryGB: 8, loadAverageAtStart: [1, 1, 1] },
      settings: { connections: 50, warmupSeconds: 3, durationSeconds: 10 },
      dataset: {
        staff: 10,
        branches: 1,
        modules: 1,
        lessons: 1,
        lessonProgress: 0,
        quizAttempts: 0,
        certificates: 0,
        assignments: 0,
        openAttemptsForLoad: 0,
        seedSeconds: 1,
      },
      buildSeconds: 10,
      bare: { available: true, buildSeconds: 5, readySeconds: 0.5, idleRssMB: 60, htmlBytes: 3000, htmlGzipBytes: 1200 },
      throughput: withShares(throughput, throughput.bare),
      timings: {
        hrCsv: unavailable("n/a"),
        hrXlsx: unavailable("n/a"),
        certificatePdf: unavailable("n/a"),
        compileColdSeconds: 1,
        compileCold: { compiled: 1, fromDisk: 0, lessons: 1 },
        compileWarmSeconds: 0.1,
        compileWarm: { compiled: 0, fromDisk: 1, lessons: 1 },
        startupReadySeconds: 1,
        startupFirstLessonSeconds: 1.2,
        idleRssMB: 150,
      },
      client: { htmlGzipBytes: 1, htmlBytes: 1, jsGzipBytes: 1, jsBytes: 1, cssGzipBytes: 1, cssBytes: 1, totalTransferBytes: 3, files: [] },
      checks: { contentCacheFilesBefore: 1, contentCacheFilesAfter: 1, lessonAll200: true, quizGraded: 1, certificatesIssued: 0 },
      targets: [],
      profiles: [],
      totalSeconds: 100,
    }) as Results;
  const fast = { bare: run(1000, 60), health: run(800, 100), login: run(900, 90), lesson: run(600, 120), learn: run(550, 140), quiz: run(500, 100) };

  it("a full run meeting every target exits 0; one floor miss makes it 3; a smoke run always 0", () => {
    const good = results("full", fast);
    good.targets = evaluateTargets(good);
    expect(good.targets.filter((t) => t.met === false)).toEqual([]);
    expect(exitCodeFor(good)).toBe(0);

    const slowLearn = results("full", { ...fast, learn: run(450, 140) });
    slowLearn.targets = evaluateTargets(slowLearn);
    expect(slowLearn.targets.filter((t) => t.met === false).map((t) => t.id)).toEqual(["learn.ofBare"]);
    expect(exitCodeFor(slowLearn)).toBe(3);
    expect(exitCodeFor({ ...slowLearn, mode: "smoke" })).toBe(0);
  });

  it("the report lists the floor, the targets with verdicts and each page's share", () => {
    const r = results("full", { ...fast, learn: run(450, 140) });
    r.targets = evaluateTargets(r);
    const md = renderMarkdown(r, null, "");
    expect(md).toContain(
      "| /learn ≥ 50% of the bare Remix page's throughput | 45% (450 vs 1,000 req/s): 5 points short (needs 500 req/s) | **missed** |",
    );
    expect(md).toContain("| /health ≥ 70% of the bare Remix page's throughput | 80% (800 vs 1,000 req/s) | met |");
    expect(md).toMatch(/\| bare Remix page, one SQLite row \(the floor\) \| 1,000 \| 100% \|/);
    expect(md).toMatch(/\| lesson page, logged in \| 600 \| 60% \|/);
    expect(md).toContain("its page is 2.9 KB of HTML, 1.2 KB gzipped");
  });
});
