import type { User } from "lucia";
import type { Locale } from "~/db/schema";
import { assertCan } from "~/auth/policy.server";
import { makeTranslator } from "~/i18n";
import { describeRule, formatChance, moduleGuessing } from "./guessing-check.server";
import { GUESS_THRESHOLD } from "./guessing.server";
import { pick } from "./model";
import { mdxLabels } from "./labels.server";
import { renderCheck } from "./render-check.server";
import { levelExamples } from "./tasks-schema.server";
import { lessonTranslation, moduleProblems, visibleModules, type ContentState } from "./registry.server";

function assertTrainer(actor: Pick<User, "role">) {
  assertCan(actor, "content.preview");
}

/** Every module, drafts too, with its problems: the trainers' overview. */
export function contentOverview(actor: User, state: ContentState, locale: Locale) {
  assertTrainer(actor);
  const inModules = new Set([...state.modules.values()].flatMap((m) => state.problemsByModule.get(m.slug) ?? []));
  const failedModuleYaml = new Set([...state.unavailable.values()].flatMap((u) => u.problems));
  const t = makeTranslator(locale);
  return {
    loadedAt: state.loadedAt.toISOString(),
    courses: state.courses.map((c) => ({
      slug: c.slug,
      title: pick(c.title, locale),
      status: c.status,
      modules: c.moduleSlugs.map((slug) => {
        const m = state.modules.get(slug)!;
        const problems = moduleProblems(state, slug);
        return {
          slug,
          title: pick(m.title, locale),
          status: m.status,
          majorVersion: m.majorVersion,
          contentHash: m.contentHash,
          lessons: m.lessons.length,
          questions: m.quiz?.questions.length ?? 0,
          errors: problems.filter((p) => p.severity === "error").length,
          warnings: problems.filter((p) => p.severity === "warning").length,
          guessing: guessingSummary(moduleGuessing(m), t),
        };
      }),
    })),
    // Modules whose module.yaml does not validate: staff see "being updated"; here, the YAML error.
    unavailable: [...state.unavailable.values()].map((u) => ({
      slug: u.slug,
      file: u.file,
      title: u.title ? pick(u.title, locale) : null,
      problems: u.problems,
    })),
    // Problems that belong to no loaded module (a stray folder, the rest of a failed module's files).
    otherProblems: state.problems.filter((p) => !inModules.has(p) && !failedModuleYaml.has(p)),
    published: visibleModules(state, "staff").length,
    guessThreshold: formatChance(GUESS_THRESHOLD),
  };
}

/** The best blind-guessing rule per quiz language, worded for the trainer (see guessing.server.ts). */
function guessingSummary(results: ReturnType<typeof moduleGuessing>, t: ReturnType<typeof makeTranslator>) {
  if (!results) return null;
  return (["en", "id"] as const).map((lang) => ({
    lang,
    chance: formatChance(results[lang].chance),
    tooHigh: results[lang].chance >= GUESS_THRESHOLD,
    rule: describeRule(results[lang].rule, t),
  }));
}

/** One module as trainers preview it: settings, lessons, problems and the quiz with its answer key. */
export function modulePreview(actor: User, state: ContentState, slug: string, locale: Locale) {
  assertTrainer(actor);
  const m = state.modules.get(slug);
  if (!m) throw new Response("Not found", { status: 404 });
  return {
    slug: m.slug,
    title: pick(m.title, locale),
    summary: pick(m.summary, locale),
    status: m.status,
    majorVersion: m.majorVersion,
    contentHash: m.contentHash,
    settings: m.settings,
    competencies: m.settings.competencies.map((c) => pick(c, locale)),
    problems: moduleProblems(state, slug),
    // Tasks as reviewers see them: rubric levels with their example answers.
    tasks: m.tasks.map((task) => ({
      slug: task.slug,
      version: task.version,
      title: pick(task.title, locale),
      instructions: pick(task.instructions, locale),
      scenario: task.scenario
        ? { platform: task.scenario.platform, account: pick(task.scenario.account, locale), kind: task.scenario.kind, text: pick(task.scenario.text, locale) }
        : null,
      minLevel: task.minLevel,
      rubric: task.rubric.map((c) => ({ id: c.id, title: pick(c.title, locale), levels: c.levels.map((l) => ({ points: l.points, descriptor: pick(l.descriptor, locale) })) })),
      examples: levelExamples(task, locale),
    })),
    assetBase: `/content-assets/${m.slug}/${m.contentHash}`,
    lessons: m.lessons.map((l) => ({
      slug: l.slug,
      title: lessonTranslation(l, locale).translation.title,
      languages: Object.keys(l.translations),
      compiled: Object.values(l.translations).every((t) => state.compiled.has(t.file)),
    })),
    // The answer key shows both languages side by side, so trainers can compare them.
    quiz: m.quiz
      ? {
          draw: m.quiz.draw,
          questions: m.quiz.questions.map((q) => ({
            id: q.id,
            type: q.type,
            multiple: q.multiple,
            prompt: q.prompt,
            post: q.post ? { platform: q.post.platform, account: q.post.account, kind: q.post.kind, text: q.post.text } : null,
            options: q.options.map((o) => ({ text: o.text, correct: o.correct, feedback: o.feedback ?? null })),
            explanation: q.explanation,
          })),
        }
      : null,
  };
}

/** A lesson of any module (drafts too) in the chosen language, for preview; records no progress. */
export function lessonPreview(actor: User, state: ContentState, slug: string, lessonSlug: string, locale: Locale) {
  assertTrainer(actor);
  const m = state.modules.get(slug);
  const lesson = m?.lessons.find((l) => l.slug === lessonSlug);
  if (!m || !lesson) throw new Response("Not found", { status: 404 });
  const { translation, fallback } = lessonTranslation(lesson, locale);
  const compiled = state.compiled.get(translation.file) ?? null;
  // A lesson that throws when rendered is never handed to the page: trainers see its problem.
  const failed = compiled ? renderCheck(translation, compiled.code) : null;
  return {
    moduleSlug: m.slug,
    moduleTitle: pick(m.title, locale),
    title: translation.title,
    lang: translation.locale,
    /** The language asked for (?lang=), which differs from `lang` when the lesson lacks it. */
    requested: locale,
    fallback,
    // Only the module's address: the page imports it (a draft's only for those who may preview).
    lesson: failed || !compiled ? null : { url: compiled.url },
    labels: mdxLabels(translation.locale),
    assetBase: `/content-assets/${m.slug}/${m.contentHash}`,
    problems: [...moduleProblems(state, slug).filter((p) => p.file === translation.file), ...(failed && !moduleProblems(state, slug).includes(failed) ? [failed] : [])],
  };
}

