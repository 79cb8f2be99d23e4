// Downloadable templates that go with the course (a content calendar, consent forms, a policy,
// an escalation sheet, a monthly report). Trainers write them as YAML in a course's `templates/`
// folder, in both languages, beside the lessons that link to them, so a change to a lesson and
// its template is one reviewed change. The files people download are rendered from that YAML
// (DOCX for forms, XLSX for the calendar) once per template version and kept in memory.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "~/utils/zod";
import { getConfig } from "~/config.server";
import type { Locale } from "~/db/schema/users";
import { BilingualSchema } from "./content-schemas.server";
import type { ContentProblem, LessonTranslation } from "./model";
import { parseYamlWith } from "./yaml.server";

/** The folder name inside a course that holds templates (never a module). */
export const TEMPLATES_FOLDER = "templates";

const FILENAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const filename = z.string().regex(FILENAME, "a file name is lower-case words joined by hyphens, without an extension");
const words = (max: number) => z.array(z.string().trim().min(1).max(max)).min(1).max(30);

const BlockSchema = z.union([
  z.object({ heading: BilingualSchema("heading", 160) }).strict(),
  z.object({ paragraph: BilingualSchema("paragraph", 2000) }).strict(),
  z.object({ list: z.object({ en: words(500), id: words(500) }).strict() }).strict(),
  z.object({ fields: z.array(BilingualSchema("field label", 160)).min(1).max(30) }).strict(),
  z.object({ checkboxes: z.array(BilingualSchema("checkbox text", 500)).min(1).max(30) }).strict(),
  z
    .object({
      table: z
        .object({
          columns: z.array(BilingualSchema("column heading", 80)).min(1).max(8),
          // A number of empty rows, or one row per label (the first cell filled in, e.g. a figure's name).
          rows: z.union([z.number().int().min(1).max(40), z.array(BilingualSchema("row label", 200)).min(1).max(40)]),
        })
        .strict(),
    })
    .strict(),
  z.object({ signatures: z.array(BilingualSchema("signature line", 160)).min(1).max(6) }).strict(),
]);

const DocumentTemplateSchema = z
  .object({
    kind: z.literal("document"),
    title: BilingualSchema("title", 160),
    summary: BilingualSchema("summary", 400),
    filename: z.object({ en: filename, id: filename }).strict(),
    blocks: z.array(BlockSchema).min(1).max(120),
  })
  .strict();

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ObservanceSchema = z
  .object({
    date: z.string().regex(DAY, "a date is written YYYY-MM-DD"),
    name: BilingualSchema("observance name", 160),
    type: z.enum(["holiday", "observance", "international"]),
    /** Moving holidays are set each year by joint ministerial decree; until then a date is an estimate. */
    estimate: z.boolean().default(false),
    idea: BilingualSchema("post idea", 400).optional(),
  })
  .strict();

const CalendarTemplateSchema = z
  .object({
    kind: z.literal("calendar"),
    title: BilingualSchema("title", 160),
    summary: BilingualSchema("summary", 400),
    filename: z.object({ en: filename, id: filename }).strict(),
    year: z.number().int().min(2024).max(2100),
    instructions: z.object({ en: words(600), id: words(600) }).strict(),
    observances: z.array(ObservanceSchema).min(1).max(200),
  })
  .strict();

export const TemplateFileSchema = z.discriminatedUnion("kind", [DocumentTemplateSchema, CalendarTemplateSchema]);
export type TemplateSource = z.output<typeof TemplateFileSchema>;
export type DocumentTemplate = z.output<typeof DocumentTemplateSchema>;
export type CalendarTemplate = z.output<typeof CalendarTemplateSchema>;
export type TemplateBlock = z.output<typeof BlockSchema>;

export type TemplateEntry = {
  slug: string;
  course: string;
  source: TemplateSource;
  /** Changes whenever the YAML changes: the rendered file's cache key. */
  hash: string;
  file: string;
};

export const TEMPLATE_TYPES = {
  document: { ext: "docx", type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
  calendar: { ext: "xlsx", type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
} as const;

export function downloadName(entry: TemplateEntry, locale: Locale) {
  return `${entry.source.filename[locale]}.${TEMPLATE_TYPES[entry.source.kind].ext}`;
}

function isRealDay(value: string) {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** Reads and checks every template of every course under `root`; problems carry path:line. */
export function loadTemplates(root: string): { templates: TemplateEntry[]; problems: ContentProblem[] } {
  const templates: TemplateEntry[] = [];
  const problems: ContentProblem[] = [];
  const rel = (p: string) => path.relative(process.cwd(), p).split(path.sep).join("/");
  const seen = new Map<string, string>();
  const courses = fs.existsSync(root) ? fs.readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory()) : [];
  for (const course of courses) {
    const dir = path.join(root, course.name, TEMPLATES_FOLDER);
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir).sort()) {
      const file = path.join(dir, name);
      if (!name.endsWith(".yaml")) {
        problems.push({ file: rel(file), line: 1, message: "the templates folder holds only .yaml template files", severity: "error" });
        continue;
      }
      const text = fs.readFileSync(file, "utf8");
      const parsed = parseYamlWith(TemplateFileSchema, text, rel(file));
      problems.push(...parsed.problems);
      if (!parsed.value) continue;
      const source = parsed.value;
      if (source.kind === "calendar") {
        for (const [i, o] of source.observances.entries()) {
          if (!isRealDay(o.date) || !o.date.startsWith(`${source.year}-`)) {
            problems.push({ file: rel(file), line: lineOfText(text, o.date), message: `observances #${i + 1}: ${o.date} is not a day of ${source.year}`, severity: "error" });
          }
        }
      }
      for (const locale of ["en", "id"] as const) {
        const download = `${source.filename[locale]}.${TEMPLATE_TYPES[source.kind].ext}`;
        const other = seen.get(download);
        if (other) problems.push({ file: rel(file), line: lineOfText(text, "filename:"), message: `the file name ${download} is already used by ${other}`, severity: "error" });
        seen.set(download, rel(file));
      }
      templates.push({ slug: name.replace(/\.yaml$/, ""), course: course.name, source, hash: createHash("sha256").update(text).digest("hex").slice(0, 16), file });
    }
  }
  return { templates, problems };
}

function lineOfText(text: string, needle: string) {
  const index = text.indexOf(needle);
  return index < 0 ? 1 : text.slice(0, index).split("\n").length;
}

/** Links like `(/templates/<file>)` in lessons must name a template that exists. */
const TEMPLATE_LINK = /\]\(\/templates\/([^)\s]+)\)/g;

export function checkTemplateLinks(lessons: LessonTranslation[], templates: TemplateEntry[]): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const lesson of lessons) {
    for (const match of lesson.body.matchAll(TEMPLATE_LINK)) {
      if (findTemplate(templates, match[1]!)) continue;
      const line = lesson.bodyLine + lesson.body.slice(0, match.index).split("\n").length - 1;
      problems.push({ file: lesson.file, line, message: `the link /templates/${match[1]} names no template (see the course's templates/ folder)`, severity: "error" });
    }
  }
  return problems;
}

export function findTemplate(templates: TemplateEntry[], download: string): { entry: TemplateEntry; locale: Locale } | null {
  for (const entry of templates) {
    for (const locale of ["en", "id"] as const) if (downloadName(entry, locale) === download) return { entry, locale };
  }
  return null;
}

let cached: { at: number; value: TemplateEntry[] } | undefined;

/**
 * The templates of the configured content folder: read once in production; in development
 * re-read at most once a second, so a trainer's edit shows on the next download.
 */
export function getTemplates(now = Date.now()): TemplateEntry[] {
  const stale = !cached || (!getConfig().isProduction && now - cached.at > 1000);
  if (stale) cached = { at: now, value: loadTemplates(getConfig().contentDir).templates };
  return cached!.value;
}
