import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Locale } from "~/db/schema/users";
import { CourseFileSchema, LessonFrontmatterSchema, ModuleFileSchema, QuizFileSchema, type ModuleFile } from "./content-schemas.server";
import { glossaryProblems, readGlossary, type GlossaryEntry } from "./glossary-check.server";
import { lintLesson } from "./lesson-lint.server";
import { validateModuleFiles } from "./module-files.server";
import { pictureBudgetProblems } from "./picture-budget.server";
import { lintQuiz, normalizeQuiz } from "./quiz.server";
import type { ContentCourse, ContentModule, ContentPath, ContentProblem, Lesson, LessonTranslation, Quiz } from "./model";
import { PATHS_FOLDER, readCoursePaths, resolvePaths } from "./paths.server";
import { loadTasks } from "./tasks-schema.server";
import { TEMPLATES_FOLDER } from "./templates.server";
import { moduleFieldProblems, unavailableModule, type UnavailableModule } from "./module-yaml.server";
import { parseYamlWith, yamlLineFinder } from "./yaml.server";

export type ContentIndex = {
  root: string;
  courses: ContentCourse[];
  modules: Map<string, ContentModule>;
  /** Learning paths by slug (content/<course>/paths/<slug>.yaml); only those without errors. */
  paths: Map<string, ContentPath>;
  /** Problems per module slug; problems that belong to no module are under "". */
  problems: ContentProblem[];
  problemsByModule: Map<string, ContentProblem[]>;
  /** Lessons of module folders whose module.yaml does not validate: checked and compiled, never shown. */
  unlistedLessons: LessonTranslation[];
  /** Module folders whose module.yaml does not validate, by the slug their links use: staff see "being updated". */
  unavailable: Map<string, UnavailableModule>;
};

const ORDERED = /^(\d+)-([a-z0-9]+(?:-[a-z0-9]+)*)$/;
const LESSON_FILE = /^(\d+)-([a-z0-9]+(?:-[a-z0-9]+)*)\.(en|id)\.mdx$/;

function listDir(dir: string) {
  try {
    return fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  } catch {
    return [];
  }
}

function filesUnder(dir: string, base = dir): string[] {
  return listDir(dir).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return filesUnder(full, base);
    return e.isFile() ? [path.relative(base, full)] : [];
  });
}

/** Version fingerprint of a module: every file's path and bytes. */
function hashModule(dir: string) {
  const h = createHash("sha256");
  for (const rel of filesUnder(dir)) {
    h.update(rel.split(path.sep).join("/"));
    h.update("\0");
    h.update(fs.readFileSync(path.join(dir, rel)));
    h.update("\0");
  }
  return h.digest("hex").slice(0, 16);
}

export function splitFrontmatter(source: string) {
  const normalized = source.replace(/^\uFEFF/, "");
  const m = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(normalized);
  if (!m) return { frontmatter: null, body: normalized, bodyLine: 1 };
  const consumed = m[0];
  return {
    frontmatter: m[1] ?? "",
    body: normalized.slice(consumed.length),
    bodyLine: consumed.split("\n").length + (consumed.endsWith("\n") ? 0 : 1),
  };
}

function loadLessons(dir: string, relDir: string, problems: ContentProblem[]): Lesson[] {
  const bySlug = new Map<string, Lesson>();
  for (const entry of listDir(dir)) {
    if (!entry.isFile() || !entry.name.endsWith(".mdx")) continue;
    const rel = path.join(relDir, entry.name);
    const m = LESSON_FILE.exec(entry.name);
    if (!m) {
      problems.push({ file: rel, line: 1, message: "lesson files are named NN-slug.en.mdx or NN-slug.id.mdx (for example 01-reach.en.mdx)", severity: "error" });
      continue;
    }
    const [, order, slug, locale] = m as unknown as [string, string, string, Locale];
    const source = fs.readFileSync(path.join(dir, entry.name), "utf8");
    const { frontmatter, body, bodyLine } = splitFrontmatter(source);
    if (frontmatter === null) {
      problems.push({ file: rel, line: 1, message: "the lesson must start with a header between --- lines (title and minutes)", severity: "error" });
      continue;
    }
    const parsed = parseYamlWith(LessonFrontmatterSchema, frontmatter, rel, 1);
    problems.push(...parsed.problems);
    if (!parsed.value) continue;
    const lesson = bySlug.get(slug) ?? { slug, order: Number(order), translations: {} };
    if (lesson.order !== Number(order)) {
      problems.push({ file: rel, line: 1, message: `the ${locale} file of lesson "${slug}" has number ${order} but the other language has ${lesson.order}`, severity: "error" });
    }
    const translation: LessonTranslation = {
      locale,
      title: parsed.value.title,
      minutes: parsed.value.minutes,
      file: rel,
      body,
      bodyLine,
      hash: createHash("sha256").update(source).digest("hex").slice(0, 24),
    };
    lesson.translations[locale] = translation;
    bySlug.set(slug, lesson);
  }
  const lessons = [...bySlug.values()].sort((a, b) => a.order - b.order || a.slug.localeCompare(b.slug));
  for (let i = 1; i < lessons.length; i++) {
    if (lessons[i]!.order === lessons[i - 1]!.order) {
      const t = Object.values(lessons[i]!.translations)[0]!;
      problems.push({ file: t.file, line: 1, message: `two lessons share the number ${lessons[i]!.order}`, severity: "warning" });
    }
  }
  return lessons;
}

/** References inside lesson bodies: lesson links and pictures. */
function checkReferences(mod: ContentModule, modules: Map<string, ContentModule>, problems: ContentProblem[], glossary: GlossaryEntry[] | null) {
  const linkPattern = /(?:\]\(|href=["'])lesson:([a-z0-9-]+)(?:\/([a-z0-9-]+))?/g;
  const imagePattern = /\b(?:src|image)=["']([^"']+)["']/g;
  for (const lesson of mod.lessons) {
    for (const t of Object.values(lesson.translations)) {
      const lines = t.body.split("\n");
      problems.push(...lintLesson(t, mod.dir));
      if (glossary) problems.push(...glossaryProblems(t, glossary));
      lines.forEach((line, i) => {
        for (const m of line.matchAll(linkPattern)) {
          const [targetModule, targetLesson] = m[2] ? [modules.get(m[1]!), m[2]] : [mod, m[1]!];
          if (!targetModule) {
            problems.push({ file: t.file, line: t.bodyLine + i, message: `the link lesson:${m[1]}/${m[2]} points to a module that does not exist`, severity: "error" });
          } else if (!targetModule.lessons.some((l) => l.slug === targetLesson)) {
            problems.push({ file: t.file, line: t.bodyLine + i, message: `the link lesson:${m[2] ? `${m[1]}/` : ""}${targetLesson} points to a lesson that does not exist`, severity: "error" });
          }
        }
        for (const m of line.matchAll(imagePattern)) {
          const src = m[1]!;
          if (/^https?:\/\//.test(src)) {
            problems.push({ file: t.file, line: t.bodyLine + i, message: `pictures must be files in the module's images/ folder, not web addresses (${src})`, severity: "error" });
            continue;
          }
          const full = path.resolve(mod.dir, src);
          if (!full.startsWith(mod.dir + path.sep) || !fs.existsSync(full)) {
            problems.push({ file: t.file, line: t.bodyLine + i, message: `the picture ${src} does not exist in this module's folder`, severity: "error" });
          }
        }
      });
    }
  }
}

type Rel = (p: string) => string;
/**
 * One module folder. When module.yaml does not validate, its lessons, quiz and extra files are
 * still checked (so one mistake does not hide the others), but no module is returned.
 */
function loadModule(
  dir: string,
  folderName: string,
  course: ContentCourse,
  rel: Rel,
): { module: ContentModule | null; problems: ContentProblem[]; unlisted: LessonTranslation[]; unavailable: UnavailableModule | null } {
  const relDir = rel(dir);
  const own: ContentProblem[] = [];
  const orderMatch = ORDERED.exec(folderName);
  if (!orderMatch) {
    own.push({ file: relDir, line: 1, message: "module folders are named NN-name (for example 01-why-social-media)", severity: "error" });
  }
  const moduleFile = path.join(dir, "module.yaml");
  let settings: ModuleFile | null = null;
  if (!fs.existsSync(moduleFile)) {
    own.push({ file: relDir, line: 1, message: "a module folder needs a module.yaml", severity: "error" });
  } else {
    const parsed = parseYamlWith(ModuleFileSchema, fs.readFileSync(moduleFile, "utf8"), rel(moduleFile));
    own.push(...parsed.problems);
    settings = parsed.value;
  }
  const completion = settings?.completion ?? null;
  const lessons = loadLessons(dir, relDir, own);
  if (lessons.length === 0) own.push({ file: settings ? rel(moduleFile) : relDir, line: 1, message: "the module has no lessons", severity: "error" });

  let quiz: Quiz | null = null;
  const quizFile = path.join(dir, "quiz.yaml");
  if (fs.existsSync(quizFile)) {
    const source = fs.readFileSync(quizFile, "utf8");
    const parsedQuiz = parseYamlWith(QuizFileSchema, source, rel(quizFile));
    own.push(...parsedQuiz.problems);
    if (parsedQuiz.value) quiz = normalizeQuiz(parsedQuiz.value, rel(quizFile), yamlLineFinder(source), own);
  } else if (settings && completion !== "tasks") {
    // Without a valid module.yaml the completion rule is unknown: saying "no quiz" would mislead.
    own.push({ file: relDir, line: 1, message: "the module has no quiz.yaml: staff could never pass it (or set completion: tasks in module.yaml)", severity: "error" });
  }
  if ((completion === "tasks" || completion === "both") && !fs.existsSync(path.join(dir, "tasks.yaml"))) {
    own.push({ file: rel(moduleFile), line: yamlLineFinder(fs.readFileSync(moduleFile, "utf8"))(["completion"]), message: `completion is ${completion} but the module has no tasks.yaml: add one, or set completion: quiz`, severity: "error" });
  }
  own.push(...validateModuleFiles(dir, rel, completion));
  own.push(...pictureBudgetProblems(dir, rel));
  // tasks.yaml is read here, not as a validator: the module carries its tasks (practice/). Without
  // a valid module.yaml the completion rule is unknown (null): nothing is said about it then.
  const tasks = loadTasks(dir, rel, completion, own);

  for (const lesson of lessons) {
    for (const locale of ["en", "id"] as const) {
      if (!lesson.translations[locale]) {
        const other = Object.values(lesson.translations)[0]!;
        own.push({ file: other.file, line: 1, message: `lesson "${lesson.slug}" has no ${locale === "en" ? "English" : "Indonesian"} version: readers of that language will see this one, with a notice`, severity: "warning" });
      }
    }
  }
  const translations = lessons.flatMap((l) => Object.values(l.translations));
  if (!settings) {
    for (const t of translations) own.push(...lintLesson(t, dir));
    return { module: null, problems: own, unlisted: translations, unavailable: unavailableModule(moduleFile, orderMatch?.[2] ?? null, rel, own) };
  }
  own.push(...moduleFieldProblems(settings, rel(moduleFile), fs.readFileSync(moduleFile, "utf8")));
  if (quiz) own.push(...lintQuiz(quiz, rel(quizFile), yamlLineFinder(fs.readFileSync(quizFile, "utf8"))));
  const mod: ContentModule = {
    slug: settings.slug,
    courseSlug: course.slug,
    order: orderMatch ? Number(orderMatch[1]) : 0,
    dir,
    status: course.status === "draft" ? "draft" : settings.status,
    majorVersion: settings.major_version,
    contentHash: hashModule(dir),
    title: settings.title,
    summary: settings.summary,
    settings: {
      passMark: settings.pass_mark,
      maxAttempts: settings.max_attempts === "unlimited" ? null : settings.max_attempts,
      cooldownMs: settings.cooldown,
      revealAnswers: settings.reveal_answers,
      certificateValidityMonths: settings.certificate_validity_months === "none" ? null : settings.certificate_validity_months,
      estimatedMinutes: settings.estimated_minutes,
      hours: settings.hours ?? null,
      competencies: settings.competencies ?? [],
    },
    lessons,
    quiz,
    completion: settings.completion,
    tasks,
  };
  return { module: mod, problems: own, unlisted: [], unavailable: null };
}

/** Reads and validates everything under the content folder. Compiling is separate (compile.server.ts). */
export function loadContent(root: string): ContentIndex {
  const problems: ContentProblem[] = [];
  const courses: ContentCourse[] = [];
  const modules = new Map<string, ContentModule>();
  const moduleProblems = new Map<string, ContentProblem[]>();
  const orphans: LessonTranslation[] = [];
  const unavailable = new Map<string, UnavailableModule>();
  const pendingPaths: ReturnType<typeof readCoursePaths> = [];
  // Paths in problems are relative to the working directory (the repository root in practice).
  const rel = (p: string) => path.relative(process.cwd(), p).split(path.sep).join("/");

  for (const courseEntry of listDir(root)) {
    if (!courseEntry.isDirectory()) continue;
    const courseDir = path.join(root, courseEntry.name);
    const courseFile = path.join(courseDir, "course.yaml");
    if (!fs.existsSync(courseFile)) {
      problems.push({ file: rel(courseDir), line: 1, message: "a course folder needs a course.yaml", severity: "error" });
      continue;
    }
    const courseMatch = ORDERED.exec(courseEntry.name);
    const parsedCourse = parseYamlWith(CourseFileSchema, fs.readFileSync(courseFile, "utf8"), rel(courseFile));
    problems.push(...parsedCourse.problems);
    if (!parsedCourse.value) continue;
    const course: ContentCourse = {
      slug: parsedCourse.value.slug,
      order: courseMatch ? Number(courseMatch[1]) : courses.length,
      status: parsedCourse.value.status,
      title: parsedCourse.value.title,
      summary: parsedCourse.value.summary,
      moduleSlugs: [],
    };
    courses.push(course);
    pendingPaths.push(...readCoursePaths(courseDir, course.slug, rel, problems));

    for (const moduleEntry of listDir(courseDir)) {
      // A course's templates/ folder holds downloadable templates (templates.server.ts), its
      // paths/ folder its learning paths (paths.server.ts).
      if (!moduleEntry.isDirectory() || moduleEntry.name === TEMPLATES_FOLDER || moduleEntry.name === PATHS_FOLDER) continue;
      const dir = path.join(courseDir, moduleEntry.name);
      const { module: mod, problems: own, unlisted, unavailable: failed } = loadModule(dir, moduleEntry.name, course, rel);
      orphans.push(...unlisted);
      if (!mod) {
        problems.push(...own);
        if (failed) unavailable.set(failed.slug, failed);
        continue;
      }
      const existing = modules.get(mod.slug);
      if (existing) {
        own.push({ file: rel(path.join(dir, "module.yaml")), line: yamlLineFinder(fs.readFileSync(path.join(dir, "module.yaml"), "utf8"))(["slug"]), message: `the module slug "${mod.slug}" is already used by ${rel(existing.dir)}`, severity: "error" });
      } else {
        modules.set(mod.slug, mod);
        course.moduleSlugs.push(mod.slug);
      }
      moduleProblems.set(mod.slug, [...(moduleProblems.get(mod.slug) ?? []), ...own]);
    }
  }

  const glossary = readGlossary(root);
  for (const mod of modules.values()) {
    const own = moduleProblems.get(mod.slug)!;
    checkReferences(mod, modules, own, glossary);
    problems.push(...own);
  }
  courses.sort((a, b) => a.order - b.order);
  for (const course of courses) {
    course.moduleSlugs.sort((a, b) => modules.get(a)!.order - modules.get(b)!.order);
  }
  // A valid module with the same slug wins: the failed folder is then a copy, reported as such.
  for (const slug of modules.keys()) unavailable.delete(slug);
  const paths = resolvePaths(pendingPaths, modules, problems);
  return { root, courses, modules, paths, problems, problemsByModule: moduleProblems, unlistedLessons: orphans, unavailable };
}
