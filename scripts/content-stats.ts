// Prints the course's statistics (modules, lessons, words per language, quiz questions by type,
// pictures, templates). With --write it replaces the section between the course-stats markers in
// README.md; with --check it exits 1 when that section is out of date.
// Usage: npm run content:stats [-- --write | --check] [-- --dir path/to/content]
import fs from "node:fs";
import path from "node:path";
import { contentStats, replaceStatsSection, statsMarkdown, statsSectionIsCurrent } from "~/content/stats.server";

const args = process.argv.slice(2);
const dirFlag = args.indexOf("--dir");
const dir = dirFlag > -1 && args[dirFlag + 1] ? path.resolve(args[dirFlag + 1]!) : path.resolve(process.env.CONTENT_DIR ?? "content");

const stats = contentStats(dir);
const t = stats.totals;
const q = t.questions;
console.log(
  [
    `${stats.courses} course(s), ${t.modules} module(s)${t.draftModules ? ` (${t.draftModules} draft)` : ""}, ${t.lessons} lesson(s)`,
    `words: ${t.words.en} in English, ${t.words.id} in Bahasa Indonesia`,
    `quiz questions: ${q.total} (${q.single} single choice, ${q.multiple} select-all, ${q["true-false"]} true/false, ${q.scenario} scenario)`,
    `pictures: ${t.pictures}`,
    `templates: ${stats.templates.total} (${stats.templates.document} DOCX, ${stats.templates.calendar} XLSX)`,
  ].join("\n"),
);

const readmePath = path.resolve("README.md");
if (args.includes("--write") || args.includes("--check")) {
  const readme = fs.readFileSync(readmePath, "utf8");
  const section = statsMarkdown(stats);
  const updated = replaceStatsSection(readme, section);
  if (args.includes("--check")) {
    if (!statsSectionIsCurrent(readme, section)) {
      console.error("\nREADME.md's course statistics are out of date: run npm run content:stats -- --write");
      process.exit(1);
    }
    console.log("\nREADME.md's course statistics are up to date.");
  } else {
    fs.writeFileSync(readmePath, updated);
    console.log(`\n${updated === readme ? "README.md was already up to date" : "README.md updated"}.`);
  }
} else {
  console.log(`\n${statsMarkdown(stats)}`);
}
