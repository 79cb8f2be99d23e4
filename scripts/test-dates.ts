// `npm run test:dates`: the unit and integration suite under libfaketime at awkward instants, so a
// test or a piece of code that reads the wall clock instead of the injected clock shows up on
// any day, not only at a month's or a year's end.
//
//   npm run test:dates                                   the CI set of instants
//   npm run test:dates -- --at 2027-01-01T00:00:00Z      one or more instants of your own
//   npm run test:dates -- --at 2028-02-29T17:00:00Z tests/integration/dashboard.test.ts
//
// libfaketime (Debian package `faketime`) is preloaded into node and every process it starts
// (vitest's forks inherit LD_PRELOAD). The fake clock is an offset from the real one, so it
// keeps running and every process agrees; the monotonic clock is left alone so timers and
// durations behave. Each run first checks that a node process really sees the faked instant.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/** The instants CI uses (UTC). The comments say why each one is awkward. */
const CI_INSTANTS = [
  "2026-12-31T17:30:00Z", // still 31 December in UTC, already 1 January 2027 in Jakarta
  "2028-02-29T10:00:00Z", // a leap day
  "2027-03-31T17:30:00Z", // 1 April 00:30 in Jakarta, still 31 March in UTC
  "2027-06-30T16:59:00Z", // one minute before 1 July in Jakarta; the last minute of a half-year
];

const LIBRARY_CANDIDATES = [
  process.env.FAKETIME_LIB,
  "/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1",
  "/usr/lib/aarch64-linux-gnu/faketime/libfaketimeMT.so.1",
  "/usr/lib/faketime/libfaketimeMT.so.1",
  "/usr/local/lib/faketime/libfaketimeMT.so.1",
];

function parseArgs(argv: string[]) {
  const instants: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--at") instants.push(argv[++i] ?? "");
    else rest.push(argv[i]!);
  }
  return { instants: instants.length > 0 ? instants : CI_INSTANTS, vitestArgs: rest };
}

function fakeEnv(library: string, target: Date): NodeJS.ProcessEnv {
  const offset = Math.round((target.getTime() - Date.now()) / 1000);
  return {
    ...process.env,
    LD_PRELOAD: [library, process.env.LD_PRELOAD].filter(Boolean).join(" "),
    // "+Ns"/"-Ns": an offset, so the clock advances and all processes share it.
    FAKETIME: `${offset >= 0 ? "+" : ""}${offset}s`,
    DONT_FAKE_MONOTONIC: "1",
    // tests/setup/per-file-db.ts checks inside every test process that the faking took.
    TEST_DATES_EXPECT: target.toISOString(),
    // ... and the injected clock starts there too (tests/setup/clock.ts).
    TEST_NOW: target.toISOString(),
  };
}

/** What `new Date()` says in a node process started with this environment. */
function seenByNode(env: NodeJS.ProcessEnv) {
  const r = spawnSync(process.execPath, ["-e", "process.stdout.write(new Date().toISOString())"], { env, encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : `(node failed: ${r.stderr.trim()})`;
}

function main() {
  const { instants, vitestArgs } = parseArgs(process.argv.slice(2));
  const library = LIBRARY_CANDIDATES.find((p): p is string => !!p && fs.existsSync(p));
  if (!library) {
    console.error("test:dates needs libfaketime: install it with `sudo apt-get install faketime` (or set FAKETIME_LIB to libfaketimeMT.so.1).");
    process.exit(1);
  }
  const vitest = path.resolve(import.meta.dirname, "../node_modules/vitest/vitest.mjs");
  const results: { at: string; ok: boolean; seconds: number }[] = [];
  for (const at of instants) {
    const target = new Date(at);
    if (Number.isNaN(target.getTime())) {
      console.error(`test:dates: "${at}" is not an instant (use e.g. 2027-01-01T00:00:00Z).`);
      process.exit(1);
    }
    const env = fakeEnv(library, target);
    const seen = seenByNode(env);
    const drift = Math.abs(Date.parse(seen) - target.getTime());
    if (!(drift < 60_000)) {
      console.error(`test:dates: faking the clock did not take: node saw ${seen}, expected ${target.toISOString()} (library ${library}).`);
      process.exit(1);
    }
    console.log(`\n==> ${target.toISOString()} (node sees ${seen}; Jakarta: ${jakarta(target)})`);
    const started = Date.now();
    const run = spawnSync(process.execPath, [vitest, "run", "--project", "unit", ...vitestArgs], { env, stdio: "inherit" });
    results.push({ at: target.toISOString(), ok: run.status === 0, seconds: Math.round((Date.now() - started) / 1000) });
  }
  console.log("\ntest:dates");
  for (const r of results) console.log(`  ${r.ok ? "ok  " : "FAIL"} ${r.at} (${r.seconds} s)`);
  if (results.some((r) => !r.ok)) process.exit(1);
}

function jakarta(d: Date) {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Jakarta", dateStyle: "short", timeStyle: "short", hourCycle: "h23" }).format(d);
}

main();
