// `npm run content:dev`: content:check in watch mode. Checks once, then again after every change
// under content/, printing `path:line: message`; lessons compile only when their text changed.
// Run it beside `npm run dev` (whose previews also refresh by themselves) or on its own.
import os from "node:os";
import path from "node:path";
import { checkContent } from "~/content/check.server";
import { problemAt } from "~/content/model";
import { createContentWatcher } from "~/content/watch.server";

const dirFlag = process.argv.indexOf("--dir");
const dir = dirFlag > -1 && process.argv[dirFlag + 1] ? path.resolve(process.argv[dirFlag + 1]!) : path.resolve(process.env.CONTENT_DIR ?? "content");
const strict = process.argv.includes("--strict");
const cacheDir = path.join(os.tmpdir(), "academy-content-check");

async function check() {
  const started = performance.now();
  const result = await checkContent(dir, cacheDir, { strict });
  console.clear();
  for (const p of result.problems) console.log(`${problemAt(p)}: ${p.severity === "warning" ? "warning: " : ""}${p.message}`);
  const errors = result.problems.filter((p) => p.severity === "error").length;
  console.log(
    `\n${new Date().toLocaleTimeString()} · ${result.modules} module(s), ${result.lessons} lesson file(s): ${errors} error(s), ${result.problems.length - errors} warning(s) · ${Math.round(performance.now() - started)} ms. Watching ${path.relative(process.cwd(), dir) || "."} (Ctrl+C to stop).`,
  );
  return null as never;
}

await check();
createContentWatcher(dir, { load: check });
