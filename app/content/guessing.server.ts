// The guessing model: how likely a learner who knows nothing of the subject passes a module's
// quiz on one attempt by following a simple rule (always the second-longest option, always
// "False", tick every option longer than the median...). Exact, not simulated: see
// docs/decisions/0022-guessing-model.md. It mirrors the real quiz: `drawQuestions` draws `draw`
// questions uniformly without replacement and shuffles the options (so position means nothing),
// `isAnswerCorrect` grades select-all questions all-or-nothing, and an attempt passes when
// round(100 * correct / drawn) >= pass mark.
import type { Quiz, QuizQuestion } from "./model";

export type Lang = "en" | "id";
export const GUESS_LANGS = ["en", "id"] as const;
export type QuestionKind = "single" | "true-false" | "multiple";
export const kindOf = (q: QuizQuestion): QuestionKind => (q.type === "true-false" ? "true-false" : q.multiple ? "multiple" : "single");

/** One part of a rule: how it answers one kind of question, and its chance of being right. */
export type SubRule = {
  id: string;
  /** Catalog key (guess.*) and its variables: the content page shows the rule in the trainer's language. */
  key: string;
  vars?: Record<string, number>;
  chance: (q: QuizQuestion, lang: Lang) => number;
};

/** A whole rule: what the learner does on each kind of question the pool has. */
export type GuessRule = Partial<Record<QuestionKind, SubRule>>;

export type GuessResult = {
  lang: Lang;
  /** The rule that passes most often. */
  rule: GuessRule;
  /** Exact one-attempt pass chance of that rule, 0..1. */
  chance: number;
  /** The questions the rule gets right with some chance, and that chance (the ones that feed it). */
  feeding: { id: string; kind: QuestionKind; chance: number }[];
};

// ---------------------------------------------------------------------------------------------
// Words

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;
const tokens = (text: string) => (text.toLowerCase().match(WORD) ?? []).map((w) => w.replace(/’/g, "'"));

// Function words carry no hint; a "repeats the question's words" guesser looks at the others.
const STOP: Record<Lang, Set<string>> = {
  en: new Set(
    "a an the and or but of to in on at for by with from as is are was were be been it its this that these those you your they their them we our he she his her i me my not no do does did so if than then there what which who when how".split(
      " ",
    ),
  ),
  id: new Set(
    "yang dan atau di ke dari untuk dengan pada ini itu adalah akan sudah tidak bukan juga agar karena oleh dalam sebagai ada saja lebih apa siapa kapan bagaimana mana anda kita kami mereka ia dia nya se para".split(
      " ",
    ),
  ),
};
const contentWords = (text: string, lang: Lang) => new Set(tokens(text).filter((w) => !STOP[lang].has(w)));

const HEDGES: Record<Lang, string[]> = {
  en: ["usually", "often", "may", "can", "sometimes", "might", "could", "generally", "typically", "probably", "likely"],
  id: ["biasanya", "sering", "dapat", "bisa", "kadang", "mungkin", "umumnya", "cenderung"],
};
const ABSOLUTES: Record<Lang, string[]> = {
  en: ["always", "never", "all", "only", "every", "none", "nothing", "everyone", "nobody"],
  id: ["selalu", "tidak pernah", "semua", "hanya", "setiap", "tidak ada", "pasti", "seluruh"],
};
function hasAny(text: string, list: string[]) {
  const padded = ` ${tokens(text).join(" ")} `;
  return list.some((w) => padded.includes(` ${w} `));
}
export const hasHedge = (text: string, lang: Lang) => hasAny(text, HEDGES[lang]);
export const hasAbsolute = (text: string, lang: Lang) => hasAny(text, ABSOLUTES[lang]);

/** Length in characters of the displayed text. */
const length = (text: string) => [...text.trim()].length;

// ---------------------------------------------------------------------------------------------
// Option scores a guesser can see without knowing the subject

type Score = (q: QuizQuestion, lang: Lang) => number[];
const byLength: Score = (q, lang) => q.options.map((o) => length(o.text[lang]));
const questionOverlap: Score = (q, lang) => {
  const prompt = contentWords(`${q.prompt[lang]} ${q.post ? q.post.text[lang] : ""}`, lang);
  return q.options.map((o) => [...contentWords(o.text[lang], lang)].filter((w) => prompt.has(w)).length);
};
const optionOverlap: Score = (q, lang) => {
  const sets = q.options.map((o) => contentWords(o.text[lang], lang));
  return sets.map((s, i) => sets.reduce((n, other, j) => (i === j ? n : n + [...s].filter((w) => other.has(w)).length), 0));
};
const hedged: Score = (q, lang) => q.options.map((o) => (hasHedge(o.text[lang], lang) ? 1 : 0));
const notAbsolute: Score = (q, lang) => q.options.map((o) => (hasAbsolute(o.text[lang], lang) ? 0 : 1));
const negate = (s: Score): Score => (q, lang) => s(q, lang).map((x) => -x);

/** Picks an option of the highest score, at random among equals: the chance it is a correct one. */
function argmaxChance(q: QuizQuestion, scores: number[]) {
  const best = Math.max(...scores);
  const tied = q.options.filter((_, i) => scores[i] === best);
  return tied.filter((o) => o.correct).length / tied.length;
}

/**
 * The r-th option when sorted by descending score, equals in random order: the correct option
 * lands on position r with chance 1/t when the t options of its score cover that position.
 * A rank beyond the number of options means the last one.
 */
function rankChance(q: QuizQuestion, scores: number[], rank: number) {
  const r = Math.min(rank, q.options.length);
  let chance = 0;
  q.options.forEach((o, i) => {
    if (!o.correct) return;
    const above = scores.filter((s) => s > scores[i]!).length;
    const tied = scores.filter((s) => s === scores[i]).length;
    if (r > above && r <= above + tied) chance += 1 / tied;
  });
  return chance;
}

const binomial = (n: number, k: number) => {
  if (k < 0 || k > n) return 0;
  let c = 1;
  for (let i = 1; i <= k; i++) c = (c * (n - k + i)) / i;
  return c;
};

/** Ticks the m options of highest score (equals at the boundary chosen at random): the chance that is exactly the correct set. */
function topChance(q: QuizQuestion, scores: number[], m: number) {
  const k = q.options.length;
  const take = Math.min(Math.max(m, 1), k);
  const boundary = [...scores].sort((a, b) => b - a)[take - 1]!;
  let need = take;
  let correctTied = 0;
  let tied = 0;
  for (let i = 0; i < k; i++) {
    const s = scores[i]!;
    const correct = q.options[i]!.correct;
    if (s > boundary) {
      if (!correct) return 0;
      need--;
    } else if (s < boundary) {
      if (correct) return 0;
    } else {
      tied++;
      if (correct) correctTied++;
    }
  }
  return correctTied === need ? 1 / binomial(tied, need) : 0;
}

/** Ticks a fixed set; an empty set cannot be handed in, so the guesser then ticks everything. */
function setChance(q: QuizQuestion, ticked: boolean[]) {
  const set = ticked.some(Boolean) ? ticked : ticked.map(() => true);
  return q.options.every((o, i) => o.correct === set[i]) ? 1 : 0;
}

function median(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

// ---------------------------------------------------------------------------------------------
// The rule family

const ORDINALS = [1, 2, 3, 4, 5, 6];

const SINGLE_RULES: SubRule[] = [
  ...ORDINALS.map((r) => ({ id: `length-rank-${r}`, key: "guess.single.longestRank", vars: { rank: r }, chance: (q: QuizQuestion, l: Lang) => rankChance(q, byLength(q, l), r) })),
  ...ORDINALS.map((r) => ({ id: `short-rank-${r}`, key: "guess.single.shortestRank", vars: { rank: r }, chance: (q: QuizQuestion, l: Lang) => rankChance(q, negate(byLength)(q, l), r) })),
  { id: "most-question-words", key: "guess.single.mostQuestionWords", chance: (q, l) => argmaxChance(q, questionOverlap(q, l)) },
  { id: "fewest-question-words", key: "guess.single.fewestQuestionWords", chance: (q, l) => argmaxChance(q, negate(questionOverlap)(q, l)) },
  { id: "most-shared-words", key: "guess.single.mostSharedWords", chance: (q, l) => argmaxChance(q, optionOverlap(q, l)) },
  { id: "fewest-shared-words", key: "guess.single.fewestSharedWords", chance: (q, l) => argmaxChance(q, negate(optionOverlap)(q, l)) },
  { id: "hedged", key: "guess.single.hedged", chance: (q, l) => argmaxChance(q, hedged(q, l)) },
  { id: "not-hedged", key: "guess.single.notHedged", chance: (q, l) => argmaxChance(q, negate(hedged)(q, l)) },
  { id: "not-absolute", key: "guess.single.notAbsolute", chance: (q, l) => argmaxChance(q, notAbsolute(q, l)) },
  { id: "absolute", key: "guess.single.absolute", chance: (q, l) => argmaxChance(q, negate(notAbsolute)(q, l)) },
  { id: "random", key: "guess.single.random", chance: (q) => 1 / q.options.length },
];

const isTrue = (q: QuizQuestion) => q.options[0]!.correct;
const TRUE_FALSE_RULES: SubRule[] = [
  { id: "always-true", key: "guess.tf.alwaysTrue", chance: (q) => (isTrue(q) ? 1 : 0) },
  { id: "always-false", key: "guess.tf.alwaysFalse", chance: (q) => (isTrue(q) ? 0 : 1) },
  { id: "false-if-absolute", key: "guess.tf.falseIfAbsolute", chance: (q, l) => (hasAbsolute(q.prompt[l], l) !== isTrue(q) ? 1 : 0) },
  { id: "true-if-hedged", key: "guess.tf.trueIfHedged", chance: (q, l) => (hasHedge(q.prompt[l], l) === isTrue(q) ? 1 : 0) },
  { id: "random", key: "guess.tf.random", chance: () => 0.5 },
];

const aboveMedian = (scores: number[]) => {
  const m = median(scores);
  return scores.map((s) => s > m);
};
const TOP = [1, 2, 3];
const MULTIPLE_RULES: SubRule[] = [
  { id: "all", key: "guess.multi.all", chance: (q) => setChance(q, q.options.map(() => true)) },
  { id: "above-median-length", key: "guess.multi.aboveMedianLength", chance: (q, l) => setChance(q, aboveMedian(byLength(q, l))) },
  { id: "below-median-length", key: "guess.multi.belowMedianLength", chance: (q, l) => setChance(q, aboveMedian(negate(byLength)(q, l))) },
  { id: "longest-half", key: "guess.multi.longestHalf", chance: (q, l) => topChance(q, byLength(q, l), Math.ceil(q.options.length / 2)) },
  { id: "shortest-half", key: "guess.multi.shortestHalf", chance: (q, l) => topChance(q, negate(byLength)(q, l), Math.ceil(q.options.length / 2)) },
  ...TOP.map((m) => ({ id: `longest-${m}`, key: "guess.multi.longestN", vars: { n: m }, chance: (q: QuizQuestion, l: Lang) => topChance(q, byLength(q, l), m) })),
  ...TOP.map((m) => ({ id: `shortest-${m}`, key: "guess.multi.shortestN", vars: { n: m }, chance: (q: QuizQuestion, l: Lang) => topChance(q, negate(byLength)(q, l), m) })),
  { id: "above-median-question-words", key: "guess.multi.aboveMedianQuestionWords", chance: (q, l) => setChance(q, aboveMedian(questionOverlap(q, l))) },
  ...TOP.map((m) => ({ id: `most-question-words-${m}`, key: "guess.multi.mostQuestionWordsN", vars: { n: m }, chance: (q: QuizQuestion, l: Lang) => topChance(q, questionOverlap(q, l), m) })),
  { id: "above-median-shared-words", key: "guess.multi.aboveMedianSharedWords", chance: (q, l) => setChance(q, aboveMedian(optionOverlap(q, l))) },
  { id: "hedged", key: "guess.multi.hedged", chance: (q, l) => setChance(q, hedged(q, l).map(Boolean)) },
  { id: "not-absolute", key: "guess.multi.notAbsolute", chance: (q, l) => setChance(q, notAbsolute(q, l).map(Boolean)) },
  { id: "random", key: "guess.multi.random", chance: (q) => 1 / (2 ** q.options.length - 1) },
];

export const SUB_RULES: Record<QuestionKind, SubRule[]> = { single: SINGLE_RULES, "true-false": TRUE_FALSE_RULES, multiple: MULTIPLE_RULES };

// ---------------------------------------------------------------------------------------------
// Exact pass chance

/** The fewest right answers of `drawn` that pass: the grader rounds the percentage. */
export function rightNeeded(drawn: number, passMark: number) {
  for (let c = 0; c <= drawn; c++) if (Math.round((c / drawn) * 100) >= passMark) return c;
  return drawn + 1;
}

/**
 * Chance of at least `need` right answers when `draw` of the pool are drawn uniformly without
 * replacement and question i is answered right with chance p[i], independently. Dynamic
 * programming over the questions: f[j][c] sums, over the ways to have picked j of the questions
 * seen so far, the chance of c right answers among them; every j-subset of the pool is equally
 * likely, so the end result is f[draw][c] / C(N, draw). O(N * draw^2).
 */
export function passChance(p: number[], draw: number, need: number) {
  const n = Math.min(draw, p.length);
  if (need <= 0) return 1;
  if (need > n) return 0;
  // f[j * (n + 1) + c], updated in place: j runs downwards so each question is used at most once.
  const w = n + 1;
  const f = new Float64Array(w * w);
  f[0] = 1;
  let seen = 0;
  for (const pi of p) {
    seen++;
    for (let j = Math.min(seen, n) - 1; j >= 0; j--) {
      for (let c = j; c >= 0; c--) {
        const x = f[j * w + c]!;
        if (x === 0) continue;
        f[(j + 1) * w + c + 1]! += x * pi;
        f[(j + 1) * w + c]! += x * (1 - pi);
      }
    }
  }
  let passing = 0;
  for (let c = need; c <= n; c++) passing += f[n * w + c]!;
  return passing / binomial(p.length, n);
}

/** Every rule's chance, per question, in one language. */
function chancesOf(questions: QuizQuestion[], lang: Lang) {
  return (Object.keys(SUB_RULES) as QuestionKind[]).map((kind) => ({
    kind,
    rules: SUB_RULES[kind].map((rule) => ({ rule, p: questions.map((q) => (kindOf(q) === kind ? rule.chance(q, lang) : 0)) })),
  }));
}

/**
 * The best rule for one language: every combination of one sub-rule per kind of question the
 * pool has (a guesser answers each kind its own way), scored exactly.
 */
export function bestGuess(quiz: Pick<Quiz, "draw" | "questions">, passMark: number, lang: Lang): GuessResult {
  const qs = quiz.questions;
  const need = rightNeeded(Math.min(quiz.draw, qs.length), passMark);
  const kinds = chancesOf(qs, lang).filter((k) => qs.some((q) => kindOf(q) === k.kind));
  let best: GuessResult = { lang, rule: {}, chance: -1, feeding: [] };
  const walk = (i: number, rule: GuessRule, p: number[]) => {
    if (i === kinds.length) {
      const chance = passChance(p, quiz.draw, need);
      if (chance > best.chance + 1e-15) {
        best = {
          lang,
          rule: { ...rule },
          chance,
          feeding: qs.flatMap((q, k) => (p[k]! > 0 ? [{ id: q.id, kind: kindOf(q), chance: p[k]! }] : [])),
        };
      }
      return;
    }
    const { kind, rules } = kinds[i]!;
    for (const { rule: sub, p: sp } of rules) {
      walk(i + 1, { ...rule, [kind]: sub }, p.map((x, k) => x + sp[k]!));
    }
  };
  walk(0, {}, qs.map(() => 0));
  if (best.chance < 0) best = { ...best, chance: 0 };
  return best;
}

/** The best rule in each language. */
export function guessingModel(quiz: Pick<Quiz, "draw" | "questions">, passMark: number): Record<Lang, GuessResult> {
  return { en: bestGuess(quiz, passMark, "en"), id: bestGuess(quiz, passMark, "id") };
}

/** The content check refuses a module where some rule passes this often (see ADR 0022). */
export const GUESS_THRESHOLD = 0.01;
