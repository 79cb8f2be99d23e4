import os from "node:os";
import path from "node:path";
import fs from "node:fs";
import { compileLesson, mapLimit } from "./compile.server";
import { guessingProblems } from "./guessing-check.server";
import { loadContent } from "./load.server";
import { renderCheck } from "./render-check.server";
import { checkTemplateLinks, loadTemplates } from "./templates.server";
import type { ContentProblem, LessonTranslation } from "./model";

/** Everything `npm run content:check` reports: validation plus a compile of every lesson. */
/** With `strict`, quiz-quality warnings count as errors (CI runs the shipped course this way). */
export async function checkContent(dir: string, cacheDir = path.join(os.tmpdir(), "academy-content-check"), { strict = false } = {}) {
  const problems: ContentProblem[] = [];
  if (!fs.existsSync(dir)) {
    return { problems: [{ file: dir, line: 1, message: "the content folder does not exist", severity: "error" as const }], courses: 0, modules: 0, paths: 0, lessons: 0, questions: 0 };
  }
  const index = loadContent(dir);
  problems.push(...index.problems);
  // Kept out of loadContent: the app loads content on every start and does not need it there.
  problems.push(...guessingProblems(index));
  const translations: LessonTranslation[] = [];
  for (const mod of index.modules.values()) for (const l of mod.lessons) translations.push(...Object.values(l.translations));
  translations.push(...index.unlistedLessons);
  const results = await mapLimit(translations, 4, (t) => compileLesson(t, cacheDir));
  results.forEach((r, i) => {
    const t = translations[i]!;
    const found = r.ok ? [renderCheck(t, r.code)] : r.problems;
    for (const problem of found) if (problem && !repeats(problems, problem)) problems.push(problem);
  });
  const templates = loadTemplates(dir);
  problems.push(...templates.problems, ...checkTemplateLinks(translations, templates.templates));
  problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || (a.column ?? 0) - (b.column ?? 0));
  return {
    problems: strict ? problems.map((p) => ({ ...p, severity: "error" as const })) : problems,
    courses: index.courses.length,
    modules: index.modules.size,
    paths: index.paths.size,
    lessons: translations.length,
    questions: [...index.modules.values()].reduce((n, m) => n + (m.quiz?.questions.length ?? 0), 0),
  };
}

/**
 * A compile or render failure on a line the lesson check already reported is the same mistake
 * seen twice (a bare `<` also breaks the compiler): report it once, in the clearer words.
 */
export function repeats(problems: ContentProblem[], p: ContentProblem) {
  // Two problems that both name a column are different places on the line (two props, say).
  const sameSpot = (q: ContentProblem) => q.column === undefined || p.column === undefined || q.column === p.column;
  return problems.some((q) => q.file === p.file && q.line === p.line && sameSpot(q) && q.severity === "error");
}
