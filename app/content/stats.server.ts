// The course's statistics, as `npm run content:stats` prints them and writes them into README.md:
// modules, lessons, words per language, quiz questions by type, pictures and templates. Counted
// from the same loader the app uses, so the figures describe what staff actually get.
import fs from "node:fs";
import path from "node:path";
import type { Locale } from "~/db/schema/users";
import { loadContent } from "./load.server";
import type { ContentModule, QuizQuestion } from "./model";
import { loadTemplates } from "./templates.server";

export type QuestionCounts = Record<QuizQuestion["type"], number> & { total: number };

export type ModuleStats = {
  course: string;
  slug: string;
  title: string;
  status: ContentModule["status"];
  lessons: number;
  words: Record<Locale, number>;
  questions: QuestionCounts;
  pictures: number;
};

export type ContentStats = {
  courses: number;
  modules: ModuleStats[];
  totals: Omit<ModuleStats, "course" | "slug" | "title" | "status"> & { modules: number; draftModules: number };
  templates: { total: number; document: number; calendar: number };
};

/** Attributes of lesson components whose text readers meet (headings of boxes, captions, alt text). */
const READ_ATTRIBUTES = /\b(?:title|caption|alt|imageAlt)=(?:"([^"]*)"|'([^']*)')/g;
/** A word: letters or digits, joined by an apostrophe, hyphen, dot or slash (so 27/2022, 08.00 and lapor.go.id are one). */
const WORD = /[\p{L}\p{N}]+(?:['’./-][\p{L}\p{N}]+)*/gu;

/** Replaces each JSX tag by the text of its read attributes; quotes and braces may hold a ">". */
function stripTags(text: string) {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf("<", i);
    if (open < 0 || !/^<\/?[A-Za-z]/.test(text.slice(open, open + 3))) {
      out += open < 0 ? text.slice(i) : text.slice(i, open + 1);
      i = open < 0 ? text.length : open + 1;
      continue;
    }
    let j = open + 1;
    let quote = "";
    let depth = 0;
    for (; j < text.length; j++) {
      const c = text[j]!;
      if (quote) {
        if (c === quote) quote = "";
      } else if (c === '"' || c === "'") quote = c;
      else if (c === "{") depth++;
      else if (c === "}") depth--;
      else if (c === ">" && depth === 0) break;
    }
    const tag = text.slice(open, j + 1);
    out += text.slice(i, open) + " " + [...tag.matchAll(READ_ATTRIBUTES)].map((m) => m[1] ?? m[2]).join(" ") + " ";
    i = j + 1;
  }
  return out;
}

/** The words of a lesson's title and body as a reader sees them: no Markdown, MDX or link targets. */
export function lessonWords(title: string, body: string): number {
  const text = stripTags(body.replace(/\{\/\*[\s\S]*?\*\/\}/g, " "))
    .replace(/\]\([^)]*\)/g, "]")
    .replace(/&#?\w+;/g, " ")
    .replace(/\{[^{}]*\}/g, " ")
    .replace(/^[ \t]*(?:#{1,6}|>|[-*+]|\d+[.)])[ \t]+/gm, "");
  return (`${title}\n${text}`.match(WORD) ?? []).length;
}

function countFiles(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  return fs.readdirSync(dir, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? countFiles(path.join(dir, e.name)) : e.isFile() ? 1 : 0), 0);
}

function emptyQuestions(): QuestionCounts {
  return { total: 0, single: 0, multiple: 0, "true-false": 0, scenario: 0 };
}

/** Counts everything under a content folder (every course; drafts included and marked). */
export function contentStats(root: string): ContentStats {
  const index = loadContent(root);
  const modules: ModuleStats[] = [];
  for (const course of index.courses) {
    for (const slug of course.moduleSlugs) {
      const mod = index.modules.get(slug)!;
      const words = { en: 0, id: 0 };
      for (const lesson of mod.lessons) {
        for (const t of Object.values(lesson.translations)) words[t.locale] += lessonWords(t.title, t.body);
      }
      const questions = emptyQuestions();
      for (const q of mod.quiz?.questions ?? []) {
        questions[q.type]++;
        questions.total++;
      }
      modules.push({ course: course.slug, slug, title: mod.title.en, status: mod.status, lessons: mod.lessons.length, words, questions, pictures: countFiles(path.join(mod.dir, "images")) });
    }
  }
  const totals = {
    modules: modules.length,
    draftModules: modules.filter((m) => m.status === "draft").length,
    lessons: 0,
    words: { en: 0, id: 0 },
    questions: emptyQuestions(),
    pictures: 0,
  };
  for (const m of modules) {
    totals.lessons += m.lessons;
    totals.words.en += m.words.en;
    totals.words.id += m.words.id;
    totals.pictures += m.pictures;
    for (const k of Object.keys(m.questions) as (keyof QuestionCounts)[]) totals.questions[k] += m.questions[k];
  }
  const { templates } = loadTemplates(root);
  return {
    courses: index.courses.length,
    modules,
    totals,
    templates: {
      total: templates.length,
      document: templates.filter((t) => t.source.kind === "document").length,
      calendar: templates.filter((t) => t.source.kind === "calendar").length,
    },
  };
}

const number = new Intl.NumberFormat("en-GB");
const n = (value: number) => number.format(value);

function questionCell(q: QuestionCounts) {
  return `${q.total} (${q.single} single, ${q.multiple} select-all, ${q["true-false"]} true/false, ${q.scenario} scenario)`;
}

/** The README section: one row per module, a total row, and the templates. */
export function statsMarkdown(stats: ContentStats): string {
  const rows = stats.modules.map(
    (m, i) => `| ${i + 1}. ${m.title}${m.status === "draft" ? " (draft)" : ""} | ${m.lessons} | ${n(m.words.en)} | ${n(m.words.id)} | ${questionCell(m.questions)} | ${m.pictures} |`,
  );
  const t = stats.totals;
  const { templates } = stats;
  return [
    "| module | lessons | words (en) | words (id) | quiz questions | pictures |",
    "|---|---:|---:|---:|---|---:|",
    ...rows,
    `| **${t.modules} modules** | **${t.lessons}** | **${n(t.words.en)}** | **${n(t.words.id)}** | **${questionCell(t.questions)}** | **${t.pictures}** |`,
    "",
    `Templates to download: ${templates.total} (${templates.document} document${templates.document === 1 ? "" : "s"} as DOCX, ${templates.calendar} calendar${templates.calendar === 1 ? "" : "s"} as XLSX), each in English and Bahasa Indonesia.`,
    "Words are those a reader meets in a lesson (its title, text, box titles, captions and alt text), without Markdown or MDX markup; pictures are the files in the modules' `images/` folders.",
  ].join("\n");
}

export const STATS_START = "<!-- course-stats:start -->";
export const STATS_END = "<!-- course-stats:end -->";

/** Puts `section` between the markers of `readme`; throws when the markers are missing or out of order. */
export function replaceStatsSection(readme: string, section: string): string {
  const start = readme.indexOf(STATS_START);
  const end = readme.indexOf(STATS_END);
  if (start < 0 || end < start) throw new Error(`README.md has no section between ${STATS_START} and ${STATS_END}`);
  return `${readme.slice(0, start + STATS_START.length)}\n${section}\n${readme.slice(end)}`;
}

/** Whether README's section already says `section`, ignoring spacing and table padding (a Markdown formatter may align the table). */
export function statsSectionIsCurrent(readme: string, section: string): boolean {
  const start = readme.indexOf(STATS_START);
  const end = readme.indexOf(STATS_END);
  if (start < 0 || end < start) return false;
  const normal = (text: string) => text.replace(/\s+/g, "").replace(/-+/g, "-");
  return normal(readme.slice(start + STATS_START.length, end)) === normal(section);
}
