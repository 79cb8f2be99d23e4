import { catalogs } from "~/i18n";
import type { QuizFile } from "./content-schemas.server";
import type { ContentProblem, Quiz, QuizQuestion } from "./model";

type LineOf = (p: (string | number)[]) => number;
const LANGS = ["en", "id"] as const;
const LANG_NAME = { en: "English", id: "Indonesian" } as const;

/** Checks what zod cannot (unique ids, one correct answer) and turns the file into a `Quiz`. */
export function normalizeQuiz(quiz: QuizFile, rel: string, lineOf: LineOf, problems: ContentProblem[]): Quiz {
  const seen = new Map<string, number>();
  const questions = quiz.questions.map((q, i) => {
    const line = lineOf(["questions", i]);
    const first = seen.get(q.id);
    if (first !== undefined) {
      problems.push({ file: rel, line: lineOf(["questions", i, "id"]), message: `question id "${q.id}" is used twice (first by question #${first + 1}); ids must be unique`, severity: "error" });
    } else seen.set(q.id, i);
    if (q.type === "true-false") {
      return {
        id: q.id,
        type: q.type,
        multiple: false,
        prompt: q.prompt,
        explanation: q.explanation,
        options: [
          { text: { en: catalogs.en["quiz.true"], id: catalogs.id["quiz.true"] }, correct: q.answer === true },
          { text: { en: catalogs.en["quiz.false"], id: catalogs.id["quiz.false"] }, correct: q.answer === false },
        ],
      };
    }
    const multiple = q.type === "multiple" || (q.type === "scenario" && q.multiple);
    const correct = q.options.filter((o) => o.correct).length;
    if (correct === 0) {
      problems.push({ file: rel, line, message: `question "${q.id}" has no correct option: mark at least one with correct: true`, severity: "error" });
    } else if (!multiple && correct > 1) {
      problems.push({ file: rel, line, message: `question "${q.id}" is single choice but has ${correct} correct options: keep one, or use type: multiple`, severity: "error" });
    }
    const texts = q.options.map((o) => o.text.en.trim().toLowerCase());
    if (new Set(texts).size !== texts.length) {
      problems.push({ file: rel, line, message: `question "${q.id}" has two options with the same text`, severity: "error" });
    }
    return {
      id: q.id,
      type: q.type,
      multiple,
      prompt: q.prompt,
      explanation: q.explanation,
      ...(q.type === "scenario" ? { post: q.post } : {}),
      options: q.options.map((o) => ({ text: o.text, correct: o.correct, ...(o.feedback ? { feedback: o.feedback } : {}) })),
    };
  });
  if (quiz.draw > questions.length) {
    problems.push({ file: rel, line: lineOf(["draw"]), message: `draw is ${quiz.draw} but the pool has only ${questions.length} questions`, severity: "error" });
  }
  return { draw: Math.min(quiz.draw, questions.length), questions };
}

// ---------------------------------------------------------------------------------------------
// Quiz quality: patterns that let a learner pass without knowing the answers. They are
// warnings (the quiz works), errors with `content:check --strict`.

const singleAnswer = (q: QuizQuestion) => !q.multiple && q.type !== "true-false";
const len = (s: string) => s.trim().length;

/** Index of the option a "pick the longest" guesser takes (the first of equals). */
function longestIndex(q: QuizQuestion, lang: "en" | "id") {
  let best = 0;
  q.options.forEach((o, i) => {
    if (len(o.text[lang]) > len(q.options[best]!.text[lang])) best = i;
  });
  return best;
}

function threeLongestRight(q: QuizQuestion, lang: "en" | "id") {
  const picked = new Set(
    q.options
      .map((o, i) => ({ i, n: len(o.text[lang]) }))
      .sort((a, b) => b.n - a.n || a.i - b.i)
      .slice(0, 3)
      .map((x) => x.i),
  );
  return q.options.every((o, i) => o.correct === picked.has(i));
}

const tfAnswer = (q: QuizQuestion) => q.options[0]!.correct;

export type GuessingScores = {
  /** Percent of single-answer questions a learner gets right by always picking the longest option (null: none). */
  longest: number | null;
  /** Percent of multiple-answer questions right by always ticking the three longest options. */
  threeLongest: number | null;
  /** Percent of true/false questions right by always answering "false". */
  alwaysFalse: number | null;
  /** Percent of the whole pool right with all three strategies at once: compare with the pass mark. */
  combined: number;
};

const pct = (right: number, total: number) => (total === 0 ? null : Math.round((right / total) * 100));

/**
 * How well blind guessing scores on a module's pool, in the language where it works best (a
 * learner reads one language; the worse case is the one that counts).
 */
export function guessingScores(quiz: Pick<Quiz, "questions">): GuessingScores {
  const per = LANGS.map((lang) => {
    let single = 0, singleRight = 0, multi = 0, multiRight = 0, tf = 0, tfRight = 0;
    for (const q of quiz.questions) {
      if (q.type === "true-false") {
        tf++;
        if (!tfAnswer(q)) tfRight++;
      } else if (q.multiple) {
        multi++;
        if (threeLongestRight(q, lang)) multiRight++;
      } else {
        single++;
        if (q.options[longestIndex(q, lang)]!.correct) singleRight++;
      }
    }
    return {
      longest: pct(singleRight, single),
      threeLongest: pct(multiRight, multi),
      alwaysFalse: pct(tfRight, tf),
      combined: pct(singleRight + multiRight + tfRight, quiz.questions.length) ?? 0,
    };
  });
  const max = (k: keyof GuessingScores) => {
    const values = per.map((p) => p[k]).filter((v): v is number => v !== null);
    return values.length === 0 ? null : Math.max(...values);
  };
  return { longest: max("longest"), threeLongest: max("threeLongest"), alwaysFalse: max("alwaysFalse"), combined: max("combined") ?? 0 };
}

// English phrasings are distinctive anywhere; the Indonesian ones ("tidak ada yang salah
// paham…") only when they are the whole option.
const ALL_OR_NONE = [
  /\b(all|none|both|neither) of (the )?(above|these|them|the (above|options|answers))\b/i,
  /^\s*all (the )?answers are (right|correct)\s*[.!]?\s*$/i,
  /^\s*(semua|semuanya|tidak ada|tidak satu pun|bukan salah satu)\b.{0,30}\b(benar|salah|tepat|di atas)\s*[.!]?\s*$/i,
  /^\s*(semua|semuanya|keduanya)\s*(yang\s*)?(di atas|benar|salah|tepat)\s*[.!]?\s*$/i,
];

/** Quiz-quality warnings for one module's pool. */
export function lintQuiz(quiz: Quiz, file: string, lineOf: LineOf): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const warn = (line: number, message: string) => problems.push({ file, line, message, severity: "warning" });
  const qs = quiz.questions;
  const questionsLine = lineOf(["questions"]);

  const singles = qs.filter(singleAnswer);
  if (singles.length >= 2) {
    for (const lang of LANGS) {
      const hits = singles.filter((q) => q.options[longestIndex(q, lang)]!.correct).length;
      if (hits > singles.length / 2) {
        warn(
          questionsLine,
          `the correct option is the longest one in ${hits} of ${singles.length} single-choice questions (${LANG_NAME[lang]}): a learner can pass by guessing, always picking the longest option; make some wrong options as long and as precise as the right one`,
        );
        break;
      }
    }
  }

  const tfs = qs.filter((q) => q.type === "true-false");
  if (tfs.length >= 2) {
    const trues = tfs.filter(tfAnswer).length;
    const share = Math.max(trues, tfs.length - trues) / tfs.length;
    if (share > 0.65) {
      const way = trues > tfs.length - trues ? "true" : "false";
      warn(
        questionsLine,
        `${Math.max(trues, tfs.length - trues)} of ${tfs.length} true/false answers are ${way}: a learner can pass by guessing, always answering ${way}; balance them (at most 65% one way)`,
      );
    }
  }

  const multis = qs.filter((q) => q.multiple);
  if (multis.length >= 2) {
    const counts = new Set(multis.map((q) => q.options.filter((o) => o.correct).length));
    if (counts.size === 1) {
      const n = [...counts][0]!;
      warn(
        questionsLine,
        `every "select all that apply" question has exactly ${n} correct option${n === 1 ? "" : "s"}: a learner can pass by guessing, always ticking ${n}; vary how many options are correct`,
      );
    }
  }

  qs.forEach((q, i) => {
    q.options.forEach((o, j) => {
      if (q.type === "true-false") return;
      for (const lang of LANGS) {
        if (ALL_OR_NONE.some((re) => re.test(o.text[lang]))) {
          warn(
            lineOf(["questions", i, "options", j, "text", lang]),
            `question "${q.id}": "${o.text[lang]}" is an all/none-of-the-above option: options are shuffled so "above" means nothing, and a learner can guess it without knowing the answer; write each answer out`,
          );
          break;
        }
      }
    });
    if (q.type !== "true-false") {
      const ids = q.options.map((o) => o.text.id.trim().toLowerCase());
      const dup = ids.findIndex((t, k) => ids.indexOf(t) !== k);
      if (dup > -1) {
        warn(
          lineOf(["questions", i, "options", dup, "text", "id"]),
          `question "${q.id}" has two options with the same Indonesian text: Indonesian readers cannot tell them apart and can only guess`,
        );
      }
    }
    const pairs: [string, { en: string; id: string } | undefined, (string | number)[]][] = [
      ["prompt", q.prompt, ["questions", i, "prompt"]],
      ["explanation", q.explanation, ["questions", i, "explanation"]],
      ...q.options.flatMap((o, j) => [
        [`option ${j + 1}`, o.text, ["questions", i, "options", j, "text"]] as [string, { en: string; id: string }, (string | number)[]],
        [`option ${j + 1} feedback`, o.feedback, ["questions", i, "options", j, "feedback"]] as [string, { en: string; id: string } | undefined, (string | number)[]],
      ]),
    ];
    for (const [what, text, path] of pairs) {
      if (!text) continue;
      const [a, b] = [len(text.en), len(text.id)];
      const [short, long] = a < b ? [a, b] : [b, a];
      // Indonesian runs a little longer than English; a gap of more than double (on a text long
      // enough to judge) usually means a sentence is missing in one language.
      if (long >= 40 && long > short * 2.2) {
        warn(
          lineOf(path),
          `question "${q.id}" ${what}: the English (${a} characters) and Indonesian (${b}) texts differ a lot in length; a sentence may be missing in one language, and readers of that language lose the hint that lets them answer`,
        );
      }
    }
  });
  return problems;
}
