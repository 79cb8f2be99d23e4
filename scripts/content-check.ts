// Checks every course, module, lesson and quiz under CONTENT_DIR (default content/): validates
// the YAML and frontmatter, compiles each lesson, and prints `path:line: message` per problem.
// Exits 1 when there is an error. Usage: npm run content:check [-- --dir path/to/content] [--strict]
// --strict turns warnings (quiz quality, missing translations) into errors.
import path from "node:path";
import { checkContent } from "~/content/check.server";
import { problemAt } from "~/content/model";

const dirFlag = process.argv.indexOf("--dir");
const dir = dirFlag > -1 && process.argv[dirFlag + 1] ? path.resolve(process.argv[dirFlag + 1]!) : path.resolve(process.env.CONTENT_DIR ?? "content");

const strict = process.argv.includes("--strict");
const result = await checkContent(dir, undefined, { strict });
for (const p of result.problems) {
  console.log(`${problemAt(p)}: ${p.severity === "warning" ? "warning: " : ""}${p.message}`);
}
const errors = result.problems.filter((p) => p.severity === "error").length;
const warnings = result.problems.length - errors;
console.log(
  `\n${result.courses} course(s), ${result.modules} module(s), ${result.lessons} lesson file(s), ${result.questions} quiz question(s) checked: ${errors} error(s), ${warnings} warning(s).`,
);
process.exit(errors > 0 ? 1 : 0);
