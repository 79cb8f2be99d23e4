import { z } from "~/utils/zod";

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const slug = z.string().regex(SLUG, "must be lower-case words joined by hyphens, such as why-social-media");

const text = (what: string, max = 2000) =>
  z.string({ error: `${what} is missing` }).trim().min(1, `${what} is empty`).max(max, `${what} is longer than ${max} characters`);

/** A text in both languages. */
export const BilingualSchema = (what: string, max = 2000) =>
  z.strictObject(
    { en: text(`the English ${what}`, max), id: text(`the Indonesian ${what}`, max) },
    { error: `${what} needs an English (en) and an Indonesian (id) text` },
  );
export type Bilingual = { en: string; id: string };

/** "0", "30s", "10m", "2h", "1d" → milliseconds. */
export const DurationSchema = z
  .union([z.literal(0), z.string()], { error: "cooldown must be 0 or a duration such as 30s, 10m, 2h or 1d" })
  .transform((value, ctx) => {
    if (value === 0 || value === "0") return 0;
    const m = /^(\d+)\s*(s|m|h|d)$/.exec(String(value).trim());
    if (!m) {
      ctx.addIssue({ code: "custom", message: "cooldown must be 0 or a duration such as 30s, 10m, 2h or 1d" });
      return z.NEVER;
    }
    const unit = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as "s" | "m" | "h" | "d"];
    return Number(m[1]) * unit;
  });

/**
 * Lesson hours (JP, jam pelajaran) a certificate of this module counts towards a civil servant's
 * yearly competency development: one JP is 45 minutes of learning, in half-hour steps.
 */
export const HoursSchema = z
  .number({ error: "hours must be the module's lesson hours (JP), a number such as 2 or 3.5" })
  .positive("hours must be more than 0")
  .max(100, "hours must be at most 100")
  .refine((n) => Number.isInteger(n * 2), "hours must be a whole or half number, such as 2 or 3.5");

export const STATUSES = ["draft", "published"] as const;
export const REVEAL_POLICIES = ["after-each-attempt", "after-passing", "never"] as const;
export const COMPLETIONS = ["quiz", "tasks", "both"] as const;
export type RevealPolicy = (typeof REVEAL_POLICIES)[number];

export const CourseFileSchema = z.strictObject({
  slug,
  status: z.enum(STATUSES, "status must be draft or published"),
  title: BilingualSchema("title", 160),
  summary: BilingualSchema("summary", 600),
});

export const ModuleFileSchema = z.strictObject({
  slug,
  status: z.enum(STATUSES, "status must be draft or published"),
  major_version: z.number({ error: "major_version must be a whole number such as 1" }).int("major_version must be a whole number").min(1, "major_version starts at 1"),
  title: BilingualSchema("title", 160),
  summary: BilingualSchema("summary", 600),
  estimated_minutes: z.number({ error: "estimated_minutes must be a number of minutes" }).int().min(1).max(600),
  hours: HoursSchema.optional(),
  // Competencies of the librarian career framework this module trains, named in both languages.
  competencies: z.array(BilingualSchema("competency", 300), { error: "competencies must be a list" }).max(12, "list at most 12 competencies").optional(),
  pass_mark: z
    .number({ error: "pass_mark must be a percentage from 1 to 100" })
    .int("pass_mark must be a whole percentage")
    .min(1, "pass_mark must be at least 1")
    .max(100, "pass_mark above 100 can never be reached"),
  max_attempts: z.union([z.literal("unlimited"), z.number().int().min(1)], {
    error: "max_attempts must be a number of attempts (1 or more) or unlimited",
  }),
  cooldown: DurationSchema,
  reveal_answers: z.enum(REVEAL_POLICIES, "reveal_answers must be after-each-attempt, after-passing or never"),
  certificate_validity_months: z.union([z.literal("none"), z.number().int().min(1).max(240)], {
    error: "certificate_validity_months must be a number of months (1 to 240) or none",
  }),
  // What completes the module: its quiz, its practical tasks (tasks.yaml), or both.
  completion: z.enum(COMPLETIONS, "completion must be quiz, tasks or both").optional().default("quiz"),
});
export type ModuleFile = z.output<typeof ModuleFileSchema>;

export const LessonFrontmatterSchema = z.strictObject({
  title: text("title", 160),
  minutes: z.number({ error: "minutes must be the reading time in minutes" }).int().min(1, "minutes must be at least 1").max(60, "minutes must be at most 60"),
});

const OptionSchema = z.strictObject({
  text: BilingualSchema("option text", 500),
  correct: z.boolean({ error: "correct must be true or false" }).optional().default(false),
  feedback: BilingualSchema("feedback", 1000).optional(),
});

const questionBase = {
  id: slug,
  prompt: BilingualSchema("prompt", 1500),
  explanation: BilingualSchema("explanation", 2000),
};

const ChoiceQuestionSchema = z.strictObject({
  ...questionBase,
  type: z.enum(["single", "multiple"]),
  options: z.array(OptionSchema, { error: "options must be a list" }).min(2, "a question needs at least 2 options").max(8, "a question can have at most 8 options"),
});

const TrueFalseQuestionSchema = z.strictObject({
  ...questionBase,
  type: z.literal("true-false"),
  answer: z.boolean({ error: "answer must be true or false" }),
});

const ScenarioQuestionSchema = z.strictObject({
  ...questionBase,
  type: z.literal("scenario"),
  multiple: z.boolean().optional().default(false),
  post: z.strictObject({
    platform: text("post platform", 60),
    account: text("post account", 80),
    kind: z.enum(["post", "comment", "message"], "post kind must be post, comment or message").optional().default("post"),
    text: BilingualSchema("post text", 1500),
  }),
  options: z.array(OptionSchema).min(2, "a question needs at least 2 options").max(8, "a question can have at most 8 options"),
});

export const QuestionSchema = z.discriminatedUnion("type", [ChoiceQuestionSchema, TrueFalseQuestionSchema, ScenarioQuestionSchema], {
  error: "type must be single, multiple, true-false or scenario",
});

export const QuizFileSchema = z.strictObject({
  draw: z.number({ error: "draw must be the number of questions per attempt" }).int().min(1, "draw must be at least 1"),
  questions: z.array(QuestionSchema, { error: "questions must be a list" }).min(1, "a quiz needs at least one question"),
});
export type QuizFile = z.output<typeof QuizFileSchema>;

/** Every key the content files know, for "did you mean" hints on unknown keys. */
export const KNOWN_KEYS: readonly string[] = [
  ...new Set([
    ...["slug", "status", "title", "summary", "en", "id"],
    // Learning path files (path-schema.server.ts), listed by name: that schema imports this file.
    ...["description", "audience", "modules", "in_order"],
    ...Object.keys(ModuleFileSchema.shape),
    ...Object.keys(LessonFrontmatterSchema.shape),
    ...Object.keys(OptionSchema.shape),
    ...Object.keys(ChoiceQuestionSchema.shape),
    ...Object.keys(TrueFalseQuestionSchema.shape),
    ...Object.keys(ScenarioQuestionSchema.shape),
    ...Object.keys(ScenarioQuestionSchema.shape.post.shape),
    ...Object.keys(QuizFileSchema.shape),
  ]),
];
