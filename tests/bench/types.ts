// Shapes shared by the benchmark's parts (run.ts, load-worker.ts, report.ts).
import type { ImportLeg } from "./import-leg";

export type LoadItem = { path: string; cookie?: string; body?: string };

export type LoadJob = {
  title: string;
  /** Base URL on the loopback address. */
  url: string;
  method: "GET" | "POST";
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
  headers: Record<string, string>;
  /** "cycle": rotate through the items; "once": each item at most once, stop when used up. */
  mode: "cycle" | "once";
  items: LoadItem[];
  /** Send a distinct X-Forwarded-For per request (the server runs with TRUST_PROXY=1). */
  forwardedFor?: boolean;
};

export type LoadResult = {
  title: string;
  /** Completed responses per second over the measured run. */
  rps: number;
  /** autocannon's average of its per-second samples. */
  rpsAverage: number;
  /** Latency in milliseconds. */
  p50: number;
  p99: number;
  max: number;
  seconds: number;
  requests: number;
  bytesPerSecond: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  ok2xx: number;
  redirects3xx: number;
  /** 4xx + 5xx + socket errors + timeouts. */
  bad: number;
  statusCodes: Record<string, number>;
  itemsUsed: number;
  exhausted: boolean;
  /** CPU seconds the load generator itself used during the measured run. */
  loaderCpuSeconds: number;
};

export type Unavailable = { available: false; reason: string };

export type Throughput =
  | (LoadResult & {
      available: true;
      /** Throughput as a share of the raw node:http server's in the same run. */
      ofCeiling: number | null;
      /** Throughput as a share of the bare Remix page's in the same run (tests/bench/floor.ts); absent in older results. */
      ofBare?: number | null;
      /** CPU the measured server used, in percent of one core (100 = one core busy). */
      serverCpuPercent: number | null;
      serverRssPeakMB: number | null;
      /** CPU used by other processes on the machine during the measured run, in cores. */
      othersCpuCores: number | null;
      notes: string[];
    })
  | Unavailable;

export type Download = {
  available: true;
  status: number;
  seconds: number;
  bytes: number;
  rows?: number;
  baselineRssMB?: number;
  peakRssMB?: number;
  rssGrowthMB?: number;
};

export type Timed = Download | Unavailable;

export type TargetLine = { id: string; label: string; met: boolean | null; detail: string };

export type ProfileSummary = {
  endpoint: string;
  file: string;
  totalMs: number;
  top: { name: string; where: string; selfMs: number; percent: number }[];
  /** The app's own functions (server build, server.js) by inclusive time: what they and everything they call cost. */
  appInclusive: { name: string; where: string; totalMs: number; percent: number }[];
  byArea: { area: string; selfMs: number; percent: number }[];
};

export type Results = {
  version: 1;
  mode: "full" | "smoke";
  date: string;
  machine: { cores: number; cpu: string; node: string; platform: string; memoryGB: number; loadAverageAtStart: number[] };
  /** What was measured: the commit, and how many files differed from it (work in progress of others). */
  source?: { commit: string; changedFiles: number };
  settings: { connections: number; warmupSeconds: number; durationSeconds: number };
  dataset: {
    staff: number;
    branches: number;
    modules: number;
    lessons: number;
    lessonProgress: number;
    quizAttempts: number;
    certificates: number;
    assignments: number;
    openAttemptsForLoad: number;
    seedSeconds: number;
  };
  buildSeconds: number;
  /** The floor: the bare Remix app (tests/bench/bare-app/) built and served by server.js in the same run. */
  bare?: BareApp | Unavailable;
  throughput: Record<string, Throughput>;
  timings: {
    hrCsv: Timed;
    hrXlsx: Timed;
    certificatePdf: (Download & { firstSeconds: number; medianSeconds: number }) | Unavailable;
    compileColdSeconds: number;
    compileCold: { compiled: number; fromDisk: number; lessons: number };
    compileWarmSeconds: number;
    compileWarm: { compiled: number; fromDisk: number; lessons: number };
    startupReadySeconds: number;
    startupFirstLessonSeconds: number;
    idleRssMB: number;
    /** tests/bench/practice.ts: the review queue with many waiting submissions, and one phone photo checked. */
    practice?: PracticeRun;
    /** A staff import through /hr/import in the server process, with the lesson page under load meanwhile (import-leg.ts). */
    staffImport?: ImportLeg;
    /** The daily reminder run for every staff member, in a second process, with the lesson page under load meanwhile. */
    reminders?: {
      schedulerSeconds: number;
      planned: number;
      queued: number;
      outboxSeconds: number;
      sent: number;
      lessonP99DuringMs: number;
      lessonP99BeforeMs: number;
      lessonRps: number;
    };
  };
  client: {
    htmlGzipBytes: number;
    htmlBytes: number;
    jsGzipBytes: number;
    jsBytes: number;
    cssGzipBytes: number;
    cssBytes: number;
    totalTransferBytes: number;
    files: { url: string; kind: "js" | "css"; bytes: number; gzipBytes: number }[];
  };
  checks: {
    contentCacheFilesBefore: number;
    contentCacheFilesAfter: number;
    lessonAll200: boolean;
    quizGraded: number;
    certificatesIssued: number;
  };
  targets: TargetLine[];
  profiles: ProfileSummary[];
  totalSeconds: number;
  /** The same seeded data copied into PostgreSQL (db:copy), a second server on DATABASE_URL. */
  postgres?: PostgresLeg | Unavailable;
  /** The commit before issue 29's work against this one, on copies of one SQLite database seeded from that commit's course. */
  beforeAfter?: BeforeAfter | Unavailable;
  /** os.loadavg() at points of the run (1, 5, 15 minutes). */
  loadAverages?: { at: string; load: number[] }[];
};

export type PostgresLeg = {
  available: true;
  version: string;
  copySeconds: number;
  readySeconds: number;
  throughput: Record<string, Throughput>;
  quizGraded: number;
  certificatesIssued: number;
};

export type BeforeAfterRound = { round: number; job: "health" | "login" | "lesson" | "learn" | "quiz"; before: Throughput; after: Throughput };

export type BeforeAfter = {
  available: true;
  beforeCommit: string;
  buildSeconds: number;
  rounds: BeforeAfterRound[];
};

export type PracticeRun = {
  waiting: number;
  queue: { label: string; p50Ms: number; p95Ms: number }[];
  photo: { inBytes: number; width: number; height: number; outBytes: number; runs: number; p50Ms: number; maxMs: number };
};

export type BareApp = {
  available: true;
  buildSeconds: number;
  readySeconds: number;
  idleRssMB: number;
  /** The bare page's HTML, and gzipped as served. */
  htmlBytes: number;
  htmlGzipBytes: number;
};
