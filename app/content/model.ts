// Plain types of the loaded content, shared by server modules and route components.
import type { Locale } from "~/db/schema/users";

export type Bilingual = { en: string; id: string };
export type RevealPolicy = "after-each-attempt" | "after-passing" | "never";

export type QuizOption = { text: Bilingual; correct: boolean; feedback?: Bilingual };

export type QuizQuestion = {
  id: string;
  type: "single" | "multiple" | "true-false" | "scenario";
  /** Whether learners pick every option that applies (checkboxes) rather than one. */
  multiple: boolean;
  prompt: Bilingual;
  post?: { platform: string; account: string; kind: "post" | "comment" | "message"; text: Bilingual };
  options: QuizOption[];
  explanation: Bilingual;
};

export type Quiz = { draw: number; questions: QuizQuestion[] };

export type LessonTranslation = {
  locale: Locale;
  title: string;
  minutes: number;
  /** Repository-relative path, for messages. */
  file: string;
  /** The MDX body without its frontmatter. */
  body: string;
  /** Line of the file where the body starts, so compile errors point at the right line. */
  bodyLine: number;
  hash: string;
};

export type Lesson = {
  slug: string;
  order: number;
  translations: Partial<Record<Locale, LessonTranslation>>;
};

export type ModuleSettings = {
  passMark: number;
  maxAttempts: number | null;
  cooldownMs: number;
  revealAnswers: RevealPolicy;
  certificateValidityMonths: number | null;
  estimatedMinutes: number;
  /** Lesson hours (JP) a certificate counts for; null when the module declares none (it counts 0). */
  hours: number | null;
  /** Competencies of the librarian career framework the module builds (module.yaml `competencies`). */
  competencies: Bilingual[];
};

export type RubricCriterion = { id: string; title: Bilingual; levels: { points: number; descriptor: Bilingual }[] };

/** A practical task from tasks.yaml: staff hand in work, a trainer or mentor reviews it against the rubric. */
export type PracticalTask = {
  slug: string;
  version: number;
  title: Bilingual;
  /** Markdown. */
  instructions: Bilingual;
  scenario: { platform: string; account: Bilingual; kind: "post" | "comment" | "message"; text: Bilingual } | null;
  submit: {
    text: { min: number; max: number } | null;
    images: { min: number; max: number } | null;
    link: { required: boolean } | null;
    file: { required: boolean; types: ("pdf" | "docx" | "xlsx")[] } | null;
  };
  rubric: RubricCriterion[];
  /**
   * Example answers per criterion (by id) and level (index 0 = level 1), null where none is
   * written. Kept out of `rubric` so they never reach a learner's page and do not change the
   * rubric hash that reviews record.
   */
  examples: Record<string, (Bilingual | null)[]>;
  rubricHash: string;
  /** Every criterion must reach at least this level (1 = lowest). */
  minLevel: number;
};

export type ContentModule = {
  slug: string;
  courseSlug: string;
  order: number;
  /** Absolute folder path. */
  dir: string;
  status: "draft" | "published";
  majorVersion: number;
  contentHash: string;
  title: Bilingual;
  summary: Bilingual;
  settings: ModuleSettings;
  lessons: Lesson[];
  quiz: Quiz | null;
  /** What passes the module: the quiz, the practical tasks, or both. */
  completion: "quiz" | "tasks" | "both";
  tasks: PracticalTask[];
};

export type ContentCourse = {
  slug: string;
  order: number;
  status: "draft" | "published";
  title: Bilingual;
  summary: Bilingual;
  moduleSlugs: string[];
};

export type ContentProblem = { file: string; line: number; column?: number; message: string; severity: "error" | "warning" };

/** Where a problem is, as editors read it: `file:line` or `file:line:column`. */
export function problemAt(p: Pick<ContentProblem, "file" | "line" | "column">) {
  return `${p.file}:${p.line}${p.column ? `:${p.column}` : ""}`;
}

/** The version a quiz attempt or a certificate records. */
export type ModuleVersion = { majorVersion: number; contentHash: string };

export function pick(text: Bilingual, locale: Locale) {
  return text[locale] || text.en || text.id;
}

/** A learning path from content/<course>/paths/<slug>.yaml: modules taken as a set, or in order. */
export type ContentPath = {
  slug: string;
  courseSlug: string;
  /** Repository-relative path of the YAML file, for messages. */
  file: string;
  status: "draft" | "published";
  title: Bilingual;
  description: Bilingual;
  audience: Bilingual;
  moduleSlugs: string[];
  /** When true, a module opens only once the one before it is certified. */
  inOrder: boolean;
  /** Total lesson hours (JP): the sum of the modules' hours. */
  hours: number;
};
