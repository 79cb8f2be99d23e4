// The guessing model as content:check, the --guessing table and the content page report it.
import fs from "node:fs";
import path from "node:path";
import { makeTranslator, type MessageKey, type Translate } from "~/i18n";
import { GUESS_LANGS, GUESS_THRESHOLD, guessingModel, type GuessResult, type GuessRule, type Lang, type QuestionKind } from "./guessing.server";
import type { ContentIndex } from "./load.server";
import type { ContentModule, ContentProblem } from "./model";
import { yamlLineFinder } from "./yaml.server";

const LANG_NAME = { en: "English", id: "Indonesian" } as const;
const KINDS: QuestionKind[] = ["single", "true-false", "multiple"];

// The model takes a few dozen milliseconds per module: computed once per loaded module.
const cache = new WeakMap<ContentModule, Record<Lang, GuessResult> | null>();

/** The best guessing rule per language, or null for a module without a quiz. */
export function moduleGuessing(mod: ContentModule): Record<Lang, GuessResult> | null {
  if (!cache.has(mod)) cache.set(mod, mod.quiz ? guessingModel(mod.quiz, mod.settings.passMark) : null);
  return cache.get(mod)!;
}

/** "single choice: …; true/false: …; select-all: …" in the reader's language. */
export function describeRule(rule: GuessRule, t: Translate) {
  const parts = KINDS.flatMap((kind) => {
    const sub = rule[kind];
    return sub ? [t("guess.rulePart", { kind: t(`guess.kind.${kind}` as MessageKey), rule: t(sub.key as MessageKey, sub.vars) })] : [];
  });
  return parts.length > 0 ? parts.join("; ") : t("guess.none");
}

/** 0.1563 → "15.63%"; a chance below 0.01% still shows as more than nothing. */
export function formatChance(chance: number) {
  if (chance > 0 && chance < 0.0001) return "<0.01%";
  return `${(chance * 100).toFixed(2)}%`;
}

const en = makeTranslator("en");

function feedingList(result: GuessResult) {
  return result.feeding.map((f) => (f.chance >= 1 ? f.id : `${f.id} (${Math.round(f.chance * 100)}%)`)).join(", ");
}

/**
 * One problem per published module and language where a rule passes 1% of first attempts or
 * more. Drafts are left out: nobody gets a certificate from them, and a new module's pool is
 * still small (content:new scaffolds six questions).
 */
export function guessingProblems(index: ContentIndex): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const mod of index.modules.values()) {
    if (mod.status !== "published" || !mod.quiz) continue;
    const results = moduleGuessing(mod)!;
    const quizFile = path.join(mod.dir, "quiz.yaml");
    const file = path.relative(process.cwd(), quizFile).split(path.sep).join("/");
    const line = fs.existsSync(quizFile) ? yamlLineFinder(fs.readFileSync(quizFile, "utf8"))(["questions"]) : 1;
    for (const lang of GUESS_LANGS) {
      const r = results[lang];
      if (r.chance < GUESS_THRESHOLD) continue;
      problems.push({
        file,
        line,
        severity: "warning",
        message:
          `guessing: a learner who knows nothing passes the first attempt with a ${formatChance(r.chance)} chance (${LANG_NAME[lang]}; it must stay under ${formatChance(GUESS_THRESHOLD)}) ` +
          `by following this rule: ${describeRule(r.rule, en)}. It gets these questions right: ${feedingList(r)}. ` +
          `Rewrite options so that no simple rule finds the right one: vary the length rank of the right answer across the module, and the way true/false answers go`,
      });
    }
  }
  return problems;
}

export type GuessingRow = { course: string; module: string; status: string; pool: number; draw: number; passMark: number; lang: Lang; chance: number; rule: string };

/** Every module and language, best rule first: what `content:check -- --guessing` prints. */
export function guessingTable(index: ContentIndex): GuessingRow[] {
  const rows: GuessingRow[] = [];
  for (const mod of index.modules.values()) {
    const results = moduleGuessing(mod);
    if (!results || !mod.quiz) continue;
    for (const lang of GUESS_LANGS) {
      rows.push({
        course: mod.courseSlug,
        module: mod.slug,
        status: mod.status,
        pool: mod.quiz.questions.length,
        draw: mod.quiz.draw,
        passMark: mod.settings.passMark,
        lang,
        chance: results[lang].chance,
        rule: describeRule(results[lang].rule, en),
      });
    }
  }
  return rows;
}

export function guessingTableText(rows: GuessingRow[]) {
  const lines = rows.map(
    (r) =>
      `${r.chance >= GUESS_THRESHOLD ? "FAIL" : "ok  "}  ${r.module.padEnd(24)} ${r.lang}  pool ${String(r.pool).padStart(3)}  draw ${String(r.draw).padStart(2)}  pass ${r.passMark}%  ` +
      `${formatChance(r.chance).padStart(7)}  ${r.rule}`,
  );
  return [`Best guessing rule per module and language (one attempt; must be under ${formatChance(GUESS_THRESHOLD)}):`, ...lines].join("\n");
}
