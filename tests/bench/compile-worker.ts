// Times the content compile of the whole course in a fresh process (so the in-memory cache is
// empty): cold with an empty cache folder, warm with the on-disk cache from a previous run.
// Prints one JSON line: seconds, lessons, problems and compileStats (compiled / fromDisk).
import { checkContent } from "../../app/content/check.server";
import { compileStats } from "../../app/content/compile.server";

const [contentDir, cacheDir] = process.argv.slice(2);
if (!contentDir || !cacheDir) {
  console.error("usage: compile-worker <contentDir> <cacheDir>");
  process.exit(1);
}
const started = performance.now();
const result = await checkContent(contentDir, cacheDir);
const seconds = (performance.now() - started) / 1000;
const errors = result.problems.filter((p) => p.severity === "error");
process.stdout.write(
  `${JSON.stringify({ seconds, lessons: result.lessons, modules: result.modules, errors: errors.map((p) => `${p.file}:${p.line}: ${p.message}`), compiled: compileStats.compiled, fromDisk: compileStats.fromDisk })}\n`,
);
