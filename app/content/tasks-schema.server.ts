// The practical-task format (tasks.yaml beside quiz.yaml, and module.yaml's `completion`), checked
// with path:line messages. Kept apart from content-schemas so the loader only gains a call.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "~/utils/zod";
import { BilingualSchema } from "./content-schemas.server";
import type { Locale } from "~/db/schema/users";
import { pick, type ContentProblem, type PracticalTask } from "./model";
import { parseYamlWith, yamlLineFinder } from "./yaml.server";

export const COMPLETION_RULES = ["quiz", "tasks", "both"] as const;
export type CompletionRule = (typeof COMPLETION_RULES)[number];

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const slug = z.string({ error: "slug is missing" }).regex(SLUG, "must be lower-case words joined by hyphens, such as voice-guide");
const count = (what: string) => z.number({ error: `${what} must be a whole number` }).int(`${what} must be a whole number`).min(0, `${what} cannot be negative`);
export const FILE_TYPES = ["pdf", "docx", "xlsx"] as const;

const LevelSchema = z.strictObject({
  points: z.number({ error: "points must be a number" }).min(0, "points cannot be negative"),
  descriptor: BilingualSchema("descriptor", 1000),
  // An example answer at this level, shown to reviewers and trainers only (never to learners),
  // so mentors from outside the library judge the same way the trainer would.
  example: BilingualSchema("example answer", 3000).optional(),
});

const CriterionSchema = z.strictObject({
  id: slug,
  title: BilingualSchema("criterion title", 160),
  levels: z.array(LevelSchema, { error: "levels must be a list" }).min(2, "a criterion needs at least 2 levels").max(4, "a criterion can have at most 4 levels"),
});

const SubmitSchema = z
  .strictObject({
    text: z
      .strictObject({ min: count("text min").default(0), max: count("text max").max(20000, "text max is at most 20000").default(6000) })
      .refine((t) => t.max >= t.min && t.max > 0, "text max must be more than 0 and at least min")
      .optional(),
    images: z
      .strictObject({ min: count("images min").default(1), max: count("images max").min(1, "images max must be at least 1").max(10, "images max is at most 10") })
      .refine((t) => t.max >= t.min, "images max must be at least min")
      .optional(),
    link: z.strictObject({ required: z.boolean({ error: "required must be true or false" }).default(false) }).optional(),
    file: z
      .strictObject({
        required: z.boolean({ error: "required must be true or false" }).default(false),
        types: z.array(z.enum(FILE_TYPES, "file types are pdf, docx and xlsx")).min(1, "list at least one file type").default([...FILE_TYPES]),
      })
      .optional(),
  }, { error: "submit must say what to hand in: text, images, link or file" })
  .refine((s) => s.text || s.images || s.link || s.file, "submit needs at least one of text, images, link or file");

const TaskSchema = z.strictObject({
  slug,
  version: z.number({ error: "version must be a whole number such as 1" }).int("version must be a whole number").min(1, "version starts at 1"),
  title: BilingualSchema("title", 160),
  instructions: BilingualSchema("instructions", 8000),
  // Shown with the SocialPost look, whose head names the platform, like a quiz scenario's post.
  scenario: z
    .strictObject({
      platform: z.string({ error: "scenario platform is missing" }).trim().min(1, "scenario platform is empty").max(60, "scenario platform is longer than 60 characters"),
      account: BilingualSchema("scenario account", 80),
      kind: z.enum(["post", "comment", "message"], "scenario kind must be post, comment or message").optional().default("comment"),
      text: BilingualSchema("scenario text", 1500),
    })
    .optional(),
  submit: SubmitSchema,
  rubric: z.array(CriterionSchema, { error: "rubric must be a list of criteria" }).min(1, "a rubric needs at least 1 criterion").max(6, "a rubric can have at most 6 criteria"),
  pass: z.strictObject({ min_level: z.number({ error: "min_level must be a level number (1 = lowest)" }).int().min(1, "min_level starts at 1") }),
});

export const TasksFileSchema = z.strictObject({
  tasks: z.array(TaskSchema, { error: "tasks must be a list" }).min(1, "tasks.yaml needs at least one task"),
});

/** Identifies a rubric's wording and levels: recorded with each submission, review and certificate. */
export function rubricHash(rubric: PracticalTask["rubric"]) {
  return createHash("sha256").update(JSON.stringify(rubric)).digest("hex").slice(0, 16);
}

/** Reads a module's tasks.yaml (if any) and checks it against the module's completion rule. */
export function loadTasks(dir: string, relFile: (p: string) => string, completion: CompletionRule | null, problems: ContentProblem[]): PracticalTask[] {
  const file = path.join(dir, "tasks.yaml");
  // A missing tasks.yaml under completion tasks/both is reported by loadModule, at the setting's line.
  if (!fs.existsSync(file)) return [];
  const source = fs.readFileSync(file, "utf8");
  const rel = relFile(file);
  const parsed = parseYamlWith(TasksFileSchema, source, rel);
  problems.push(...parsed.problems);
  if (!parsed.value) return [];
  const lineOf = yamlLineFinder(source);
  const seen = new Set<string>();
  const tasks = parsed.value.tasks.map((t, i): PracticalTask => {
    if (seen.has(t.slug)) problems.push({ file: rel, line: lineOf(["tasks", i, "slug"]), message: `task slug "${t.slug}" is used twice; slugs must be unique in the module`, severity: "error" });
    seen.add(t.slug);
    const ids = new Set<string>();
    t.rubric.forEach((c, j) => {
      if (ids.has(c.id)) problems.push({ file: rel, line: lineOf(["tasks", i, "rubric", j, "id"]), message: `criterion id "${c.id}" is used twice in task "${t.slug}"`, severity: "error" });
      ids.add(c.id);
      if (t.pass.min_level > c.levels.length) {
        problems.push({ file: rel, line: lineOf(["tasks", i, "pass", "min_level"]), message: `pass min_level is ${t.pass.min_level} but criterion "${c.id}" has only ${c.levels.length} levels`, severity: "error" });
      }
    });
    for (const locale of ["en", "id"] as const) {
      for (const m of t.instructions[locale].matchAll(/\]\((files\/[^)\s]+)\)/g)) {
        const target = path.resolve(dir, m[1]!);
        if (!target.startsWith(path.join(dir, "files") + path.sep) || !fs.existsSync(target)) {
          problems.push({ file: rel, line: lineOf(["tasks", i, "instructions", locale]), message: `the link ${m[1]} points to a file that is not in this module's files/ folder`, severity: "error" });
        }
      }
    }
    problems.push(...rubricLevelProblems(t.slug, t.rubric, rel, (j, k, key) => lineOf(["tasks", i, "rubric", j, "levels", k, ...key])));
    const rubric = t.rubric.map((c) => ({ id: c.id, title: c.title, levels: c.levels.map((l) => ({ points: l.points, descriptor: l.descriptor })) }));
    const examples = Object.fromEntries(t.rubric.map((c) => [c.id, c.levels.map((l) => l.example ?? null)]));
    return {
      slug: t.slug,
      version: t.version,
      title: t.title,
      instructions: t.instructions,
      scenario: t.scenario ?? null,
      submit: {
        text: t.submit.text ?? null,
        images: t.submit.images ?? null,
        link: t.submit.link ?? null,
        file: t.submit.file ?? null,
      },
      rubric,
      examples,
      rubricHash: rubricHash(rubric),
      minLevel: t.pass.min_level,
    };
  });
  if (completion === "quiz") {
    problems.push({ file: rel, line: 1, message: "the module has tasks but completion is quiz: the tasks will not count towards the certificate (set completion: both or tasks in module.yaml)", severity: "warning" });
  }
  return tasks;
}

// A descriptor that leans on another level ("As level 1, plus …") cannot be read alone: the UI
// numbers levels from 1 = lowest, reviewers read one level at a time, and reordering breaks it.
const CROSS_REFERENCES: RegExp[] = [
  /\b(?:level|tingkat|tingkatan)\s*\d+\b/i,
  /\b(?:previous|next|lower|higher|above|below|other) levels?\b/i,
  /\b(?:same as|as) (?:above|below|before|the previous|the one above)\b/i,
  /\bseperti (?:level|tingkat|di atas|di bawah|sebelumnya)\b/i,
  /\bsama (?:dengan|seperti) (?:level|tingkat|di atas|sebelumnya|yang di atas)\b/i,
  /\b(?:level|tingkat) (?:sebelumnya|berikutnya|di atas|di bawah)\b/i,
];

/** The words that make a descriptor refer to another level, or null when it stands on its own. */
export function crossReference(descriptor: string): string | null {
  for (const pattern of CROSS_REFERENCES) {
    const m = pattern.exec(descriptor);
    if (m) return m[0];
  }
  return null;
}

type LevelInput = { points: number; descriptor: { en: string; id: string }; example?: { en: string; id: string } };

/**
 * Warnings (errors under --strict) about each rubric level: a descriptor that refers to another
 * level, and a level without an example answer for reviewers.
 */
export function rubricLevelProblems(
  taskSlug: string,
  rubric: { id: string; levels: LevelInput[] }[],
  file: string,
  lineOf: (criterion: number, level: number, key: (string | number)[]) => number,
): ContentProblem[] {
  const problems: ContentProblem[] = [];
  rubric.forEach((c, j) =>
    c.levels.forEach((l, k) => {
      for (const locale of ["en", "id"] as const) {
        const words = crossReference(l.descriptor[locale]);
        if (words) {
          problems.push({
            file,
            line: lineOf(j, k, ["descriptor", locale]),
            message: `task "${taskSlug}", criterion "${c.id}", level ${k + 1}: the ${locale === "en" ? "English" : "Indonesian"} descriptor refers to another level ("${words}"): describe this level on its own, repeating what it shares with the others`,
            severity: "warning",
          });
        }
      }
      if (!l.example) {
        problems.push({
          file,
          line: lineOf(j, k, []),
          message: `task "${taskSlug}", criterion "${c.id}", level ${k + 1} has no example answer: add example: { en: "…", id: "…" } under its descriptor, a short answer that would get this level (reviewers see it, learners never do)`,
          severity: "warning",
        });
      }
    }),
  );
  return problems;
}

/** Each criterion's example answers in the reader's language, level 1 first; null where none is written. For reviewers and trainers only. */
export function levelExamples(task: PracticalTask, locale: Locale): Record<string, (string | null)[]> {
  return Object.fromEntries(task.rubric.map((c) => [c.id, (task.examples[c.id] ?? []).map((e) => (e ? pick(e, locale) : null))]));
}
