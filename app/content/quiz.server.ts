import { catalogs } from "~/i18n";
import type { QuizFile } from "./content-schemas.server";
import type { ContentProblem, Quiz, QuizQuestion } from "./model";

type LineOf = (p: (string | number)[]) => number;
const LANGS = ["en", "id"] as const;

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
// warnings (the quiz works), errors with `content:check --strict`. The chance of passing by a
// simple rule is computed separately (guessing-check.server.ts, run by content:check).

const len = (s: string) => s.trim().length;
const tfAnswer = (q: QuizQuestion) => q.options[0]!.correct;

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

  // Which option a simple rule picks (the longest, the second-longest...) is the guessing
  // model's business (guessing.server.ts): it computes the chance of passing, not a share.

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
