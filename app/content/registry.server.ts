import type { Locale } from "~/db/schema/users";
import { getConfig } from "~/config.server";
import { compileLesson, mapLimit, type CompiledLesson } from "./compile.server";
import { repeats } from "./check.server";
import { loadContent, type ContentIndex } from "./load.server";
import { renderCheck } from "./render-check.server";
import type { ContentModule, ContentProblem, Lesson, LessonTranslation } from "./model";

export type ContentState = ContentIndex & {
  /** The compiled lesson module per lesson translation file. */
  compiled: Map<string, CompiledLesson>;
  /** Every compiled lesson module by its hash (/lesson-code/<hash>.js); public when staff may read it. */
  lessonModules: Map<string, CompiledLesson & { public: boolean }>;
  /** Modules with at least one error: staff see a "being updated" notice instead. */
  broken: Set<string>;
  loadedAt: Date;
};

const globalForContent = globalThis as unknown as {
  __academyContent?: { key: string; state: Promise<ContentState> };
};

async function buildState(root: string, cacheDir: string): Promise<ContentState> {
  const index = loadContent(root);
  const compiled = new Map<string, CompiledLesson>();
  const translations: LessonTranslation[] = [];
  for (const mod of index.modules.values()) {
    for (const lesson of mod.lessons) translations.push(...Object.values(lesson.translations));
  }
  const results = await mapLimit(translations, 4, async (t) => ({ t, result: await compileLesson(t, cacheDir) }));
  for (const { t, result } of results) {
    const rendered = result.ok ? renderCheck(t, result.code) : null;
    // A lesson that fails when rendered is never handed to a page either.
    if (result.ok && !rendered) compiled.set(t.file, { code: result.code, hash: result.hash, url: result.url });
    for (const problem of result.ok ? [rendered] : result.problems) {
      if (!problem || repeats(index.problems, problem)) continue;
      index.problems.push(problem);
      const owner = [...index.modules.values()].find((m) => m.lessons.some((l) => Object.values(l.translations).includes(t)));
      if (owner) index.problemsByModule.get(owner.slug)?.push(problem);
    }
  }
  const broken = new Set<string>();
  for (const [slug, problems] of index.problemsByModule) {
    if (problems.some((p) => p.severity === "error")) broken.add(slug);
  }
  // Lessons of published, working modules hold nothing staff may not read (quiz answers live in
  // quiz.yaml, never in a lesson): anyone may fetch and cache them. Drafts are for previewers.
  const lessonModules = new Map<string, CompiledLesson & { public: boolean }>();
  for (const mod of index.modules.values()) {
    const open = mod.status === "published" && !broken.has(mod.slug);
    for (const lesson of mod.lessons) {
      for (const t of Object.values(lesson.translations)) {
        const c = compiled.get(t.file);
        if (c) lessonModules.set(c.hash, { ...c, public: open || (lessonModules.get(c.hash)?.public ?? false) });
      }
    }
  }
  return { ...index, compiled, lessonModules, broken, loadedAt: new Date() };
}

/**
 * Loads and compiles the content once per process (at start-up, from entry.server). With
 * `force` (development, after an edit) it loads again; unchanged lessons come from the cache,
 * so only edited files compile.
 */
export function warmContent({ force = process.env.NODE_ENV === "development" } = {}): Promise<ContentState> {
  const { contentDir, contentCacheDir } = getConfig();
  const key = `${contentDir}|${contentCacheDir}`;
  const current = globalForContent.__academyContent;
  if (current && current.key === key && !force) return current.state;
  const state = buildState(contentDir, contentCacheDir);
  globalForContent.__academyContent = { key, state };
  state.catch((error) => console.error("Loading content failed:", error));
  return state;
}

export function getContent(): Promise<ContentState> {
  return warmContent({ force: false });
}

export type ModuleAccess = "staff" | "trainer";

/** Published modules for staff; every module for trainers and admins. */
export function visibleModules(state: ContentState, access: ModuleAccess): ContentModule[] {
  return state.courses.flatMap((c) =>
    c.moduleSlugs.map((s) => state.modules.get(s)!).filter((m) => access === "trainer" || m.status === "published"),
  );
}

export function findModule(state: ContentState, slug: string, access: ModuleAccess): ContentModule | null {
  const mod = state.modules.get(slug);
  if (!mod) return null;
  if (access === "staff" && mod.status !== "published") return null;
  return mod;
}

/** The translation to show for a locale, and whether it is the fallback language. */
export function lessonTranslation(lesson: Lesson, locale: Locale): { translation: LessonTranslation; fallback: boolean } {
  const own = lesson.translations[locale];
  if (own) return { translation: own, fallback: false };
  const other = lesson.translations[locale === "en" ? "id" : "en"]!;
  return { translation: other, fallback: true };
}

export function moduleProblems(state: ContentState, slug: string): ContentProblem[] {
  return state.problemsByModule.get(slug) ?? [];
}
