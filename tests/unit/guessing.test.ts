// The guessing model (app/content/guessing.server.ts) on pools small enough to work out by hand.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadContent } from "~/content/load.server";
import { SUB_RULES, bestGuess, guessingModel, hasAbsolute, hasHedge, passChance, rightNeeded, type SubRule } from "~/content/guessing.server";
import { gradeAttempt } from "~/learning/grading.server";
import type { Quiz, QuizQuestion } from "~/content/model";
import { ROOT } from "../setup/paths";

const same = (s: string) => ({ en: s, id: s });
let n = 0;
/** A question whose options have the given texts; `*` marks a correct one. */
function single(...texts: string[]): QuizQuestion {
  return {
    id: `s${++n}`,
    type: "single",
    multiple: false,
    prompt: same("Which one?"),
    explanation: same("Because."),
    options: texts.map((t) => ({ text: same(t.replace(/^\*/, "")), correct: t.startsWith("*") })),
  };
}
function multi(...texts: string[]): QuizQuestion {
  return { ...single(...texts), type: "multiple", multiple: true };
}
function tf(answer: boolean, prompt = "A plain statement."): QuizQuestion {
  return {
    id: `tf${++n}`,
    type: "true-false",
    multiple: false,
    prompt: same(prompt),
    explanation: same("Because."),
    options: [
      { text: { en: "True", id: "Benar" }, correct: answer },
      { text: { en: "False", id: "Salah" }, correct: !answer },
    ],
  };
}
const rule = (kind: keyof typeof SUB_RULES, id: string): SubRule => SUB_RULES[kind].find((r) => r.id === id)!;

describe("rightNeeded: the grader rounds the percentage", () => {
  it.each([
    [10, 80, 8], // 8/10 = 80
    [3, 80, 3], // 2/3 = 66.7 -> 67 < 80
    [6, 80, 5], // 5/6 = 83.3
    [7, 80, 6], // 5/7 = 71.4, 6/7 = 85.7
    [3, 67, 2], // 2/3 = 66.67 rounds to 67: passes
    [10, 0, 0],
  ])("%i drawn, pass mark %i: %i right", (drawn, mark, need) => expect(rightNeeded(drawn, mark)).toBe(need));
});

describe("passChance: exact, over every equally likely draw", () => {
  it("two sure questions of four, both needed from a draw of two: only one pair of C(4,2) = 6 passes", () => {
    expect(passChance([1, 1, 0, 0], 2, 2)).toBeCloseTo(1 / 6, 12);
  });

  it("a sure question and a coin flip, one right needed of two drawn", () => {
    // Pairs (C(4,2) = 6): {1,2} {1,3} {1,4} pass surely (3); {2,3} {2,4} pass half the time (1);
    // {3,4} never. (3 + 1) / 6 = 2/3.
    expect(passChance([1, 0.5, 0, 0], 2, 1)).toBeCloseTo(2 / 3, 12);
  });

  it("agrees with the hypergeometric law: 11 sure and 11 hopeless of 22, 8 of 10 needed", () => {
    // [C(11,8) C(11,2) + C(11,9) C(11,1) + C(11,10) C(11,0)] / C(22,10)
    // = (165 * 55 + 55 * 11 + 11) / 646646 = 9691 / 646646 ≈ 1.499%
    expect(passChance([...Array(11).fill(1), ...Array(11).fill(0)], 10, 8)).toBeCloseTo(9691 / 646646, 12);
  });

  it("draws everything when the pool is the draw: a Poisson-binomial", () => {
    // Three questions at 1/2, 1/4, 1: at least two right = 1 - P(both uncertain ones wrong) = 1 - 1/2 * 3/4 = 5/8.
    expect(passChance([0.5, 0.25, 1], 3, 2)).toBeCloseTo(5 / 8, 12);
    expect(passChance([0.5, 0.25, 1], 3, 0)).toBe(1);
    expect(passChance([0.5, 0.25, 1], 3, 4)).toBe(0);
  });
});

describe("the rules, ties split evenly", () => {
  it("length ranks: a tie for longest shares ranks 1 and 2", () => {
    const q = single("*ten chars!", "ten chars?", "five!", "xyz");
    expect(rule("single", "length-rank-1").chance(q, "en")).toBe(0.5);
    expect(rule("single", "length-rank-2").chance(q, "en")).toBe(0.5);
    expect(rule("single", "length-rank-3").chance(q, "en")).toBe(0);
    expect(rule("single", "short-rank-1").chance(single("*a", "bb", "ccc"), "en")).toBe(1);
    expect(rule("single", "random").chance(q, "en")).toBe(0.25);
  });

  it("words: the option repeating the question, hedges and absolutes, in both languages", () => {
    const q: QuizQuestion = { ...single("*Check the loan policy", "Guess", "Ask later"), prompt: same("What about the loan policy?") };
    expect(rule("single", "most-question-words").chance(q, "en")).toBe(1);
    expect(hasHedge("It can help", "en")).toBe(true);
    expect(hasHedge("It can't help", "en")).toBe(false);
    expect(hasHedge("Kadang-kadang membantu", "id")).toBe(true);
    expect(hasAbsolute("Staf tidak pernah membalas", "id")).toBe(true);
    expect(hasAbsolute("Staf tidak membalas", "id")).toBe(false);
    // Two options without absolute words, one of them right: 1/2.
    expect(rule("single", "not-absolute").chance(single("*Reply soon", "Always reply", "Reply later"), "en")).toBe(0.5);
    expect(rule("true-false", "false-if-absolute").chance(tf(false, "Staff must always reply."), "en")).toBe(1);
    expect(rule("true-false", "false-if-absolute").chance(tf(true, "Staff reply."), "en")).toBe(1);
  });

  it("select-all is graded all-or-nothing: a tie at the boundary of 'the 2 longest' is a coin flip", () => {
    // Lengths 10*, 8*, 8, 3: the 10 is in, one of the two 8s joins it: right half the time.
    const q = multi("*0123456789", "*01234567", "abcdefgh", "abc");
    expect(rule("multiple", "longest-2").chance(q, "en")).toBe(0.5);
    expect(rule("multiple", "longest-1").chance(q, "en")).toBe(0);
    // Only the 10 is above the median (8): one of the two right options is missing.
    expect(rule("multiple", "above-median-length").chance(q, "en")).toBe(0);
    expect(rule("multiple", "all").chance(multi("*a", "*b"), "en")).toBe(1);
    // 4 options: 15 non-empty sets to tick.
    expect(rule("multiple", "random").chance(q, "en")).toBe(1 / 15);
    // Lengths 10*, 8*, 2, 1: above the median (5) are exactly the right two.
    expect(rule("multiple", "above-median-length").chance(multi("*0123456789", "*01234567", "ab", "a"), "en")).toBe(1);
  });
});

describe("bestGuess", () => {
  it("a coin flip on true/false beats both fixed answers when every question must be right", () => {
    // Pool: two single-choice questions whose right option is the second-longest, two plain
    // true/false statements (one true, one false, no hedging or absolute words). Draw 2, pass
    // mark 100: both drawn must be right.
    // Second-longest + always "True": chances [1, 1, 1, 0]: pairs inside the first three pass,
    //   C(3,2) / C(4,2) = 3/6 = 1/2.
    // Second-longest + random: chances [1, 1, 1/2, 1/2]: {s,s} 1, four mixed pairs 1/2 each, {tf,tf} 1/4:
    //   (1 + 4 * 1/2 + 1/4) / 6 = 3.25 / 6 = 13/24.
    const quiz: Quiz = {
      draw: 2,
      questions: [single("*second", "the longest", "a"), single("*middle!", "the very longest", "b"), tf(true), tf(false)],
    };
    const best = bestGuess(quiz, 100, "en");
    expect(best.chance).toBeCloseTo(13 / 24, 12);
    expect(best.rule.single?.id).toBe("length-rank-2");
    expect(best.rule["true-false"]?.id).toBe("random");
    expect(best.feeding.map((f) => [f.id, f.chance])).toEqual([
      [quiz.questions[0]!.id, 1],
      [quiz.questions[1]!.id, 1],
      [quiz.questions[2]!.id, 0.5],
      [quiz.questions[3]!.id, 0.5],
    ]);
  });

  it("judges each language on its own texts", () => {
    const q = single("*right", "much longer wrong", "x");
    q.options[0]!.text.id = "jawaban yang benar dan paling panjang";
    const quiz: Quiz = { draw: 1, questions: [q] };
    const model = guessingModel(quiz, 100);
    expect(model.en.rule.single?.id).toBe("length-rank-2");
    expect(model.id.rule.single?.id).toBe("length-rank-1");
    expect(model.en.chance).toBe(1);
    expect(model.id.chance).toBe(1);
  });

  it("matches the real grader over every possible draw", () => {
    // A deterministic rule (no ties): second-longest, always "False", tick the 2 longest. Every
    // draw of 3 from the 6 questions is graded by gradeAttempt with the rule's answers.
    const qs = [
      single("*second one", "the longest one", "a"),
      single("the longest one!", "*second one", "b"),
      single("*a", "the longest one", "second"),
      tf(false),
      tf(true),
      multi("*longest of all", "*second longest", "short"),
    ];
    const quiz: Quiz = { draw: 3, questions: qs };
    const passMark = 60;
    const byLength = (q: QuizQuestion) => q.options.map((o, i) => ({ i, n: o.text.en.length })).sort((a, b) => b.n - a.n);
    const answer = (q: QuizQuestion) =>
      q.type === "true-false"
        ? [1]
        : q.multiple
          ? byLength(q)
              .slice(0, 2)
              .map((x) => x.i)
              .sort()
          : [byLength(q)[1]!.i];
    let passes = 0;
    let draws = 0;
    for (let a = 0; a < 6; a++)
      for (let b = a + 1; b < 6; b++)
        for (let c = b + 1; c < 6; c++) {
          const drawn = [qs[a]!, qs[b]!, qs[c]!];
          const grade = gradeAttempt(
            quiz,
            drawn.map((q) => ({ questionId: q.id, optionOrder: q.options.map((_, i) => i) })),
            Object.fromEntries(drawn.map((q) => [q.id, answer(q)])),
          );
          draws++;
          if (grade.score >= passMark) passes++;
        }
    const p = [
      rule("single", "length-rank-2"),
      rule("single", "length-rank-2"),
      rule("single", "length-rank-2"),
      rule("true-false", "always-false"),
      rule("true-false", "always-false"),
      rule("multiple", "longest-2"),
    ].map((r, i) => r.chance(qs[i]!, "en"));
    expect(p).toEqual([1, 1, 0, 1, 0, 1]);
    expect(passChance(p, 3, rightNeeded(3, passMark))).toBeCloseTo(passes / draws, 12);
    expect(bestGuess(quiz, passMark, "en").chance).toBeGreaterThanOrEqual(passes / draws);
  });
});

describe("the fixture built for the second-longest option", () => {
  it("is passed surely by that rule, in both languages", () => {
    const index = loadContent(path.join(ROOT, "tests/fixtures/guessing"));
    const m = index.modules.get("second-longest")!;
    const model = guessingModel(m.quiz!, m.settings.passMark);
    for (const lang of ["en", "id"] as const) {
      expect(model[lang].rule.single?.id, lang).toBe("length-rank-2");
      expect(model[lang].chance, lang).toBe(1);
    }
  });
});
