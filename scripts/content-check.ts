// Checks every course, module, lesson and quiz under CONTENT_DIR (default content/): validates
// the YAML and frontmatter, compiles each lesson, and prints `path:line: message` per problem.
// Exits 1 when there is an error. Usage: npm run content:check [-- --dir path/to/content] [--strict] [--guessing]
// --strict turns warnings (quiz quality, missing translations, a quiz passable by guessing) into errors.
// --guessing only prints the guessing model's table (best rule and one-attempt pass chance per
// module and language) and exits 1 when a published module's chance is 1% or more.
import path from "node:path";
import { checkContent } from "~/content/check.server";
import { problemAt } from "~/content/model";
import { guessingTable, guessingTableText } from "~/content/guessing-check.server";
import { GUESS_THRESHOLD } from "~/content/guessing.server";
import { loadContent } from "~/content/load.server";

const dirFlag = process.argv.indexOf("--dir");
const dir = dirFlag > -1 && process.argv[dirFlag + 1] ? path.resolve(process.argv[dirFlag + 1]!) : path.resolve(process.env.CONTENT_DIR ?? "content");

if (process.argv.includes("--guessing")) {
  const rows = guessingTable(loadContent(dir));
  console.log(guessingTableText(rows));
  process.exit(rows.some((r) => r.status === "published" && r.chance >= GUESS_THRESHOLD) ? 1 : 0);
}

const strict = process.argv.includes("--strict");
const result = await checkContent(dir, undefined, { strict });
for (const p of result.problems) {
  console.log(`${problemAt(p)}: ${p.severity === "warning" ? "warning: " : ""}${p.message}`);
}
const errors = result.problems.filter((p) => p.severity === "error").length;
const warnings = result.problems.length - errors;
console.log(
  `\n${result.courses} course(s), ${result.modules} module(s), ${result.paths} path(s), ${result.lessons} lesson file(s), ${result.questions} quiz question(s) checked: ${errors} error(s), ${warnings} warning(s).`,
);
process.exit(errors > 0 ? 1 : 0);
