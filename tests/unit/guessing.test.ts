import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadContent } from "~/content/load.server";
import { guessingScores } from "~/content/quiz.server";
import { ROOT } from "../setup/paths";

const index = loadContent(path.join(ROOT, "tests/fixtures/mistakes"));
const quiz = (slug: string) => {
  const m = index.modules.get(slug);
  if (!m?.quiz) throw new Error(`no quiz in fixture module ${slug}`);
  return { quiz: m.quiz, passMark: m.settings.passMark };
};

describe("guessingScores", () => {
  it("scores each blind strategy on a well-made pool far below the pass mark", () => {
    const { quiz: q, passMark } = quiz("clean");
    // 2 single (correct is the shortest), 2 true/false (one each way), 2 multiple (1 and 2 correct of 3).
    expect(guessingScores(q)).toEqual({ longest: 0, threeLongest: 0, alwaysFalse: 50, combined: 17 });
    expect(guessingScores(q).combined).toBeLessThan(passMark);
  });

  it("sees when the longest option is always the right one", () => {
    expect(guessingScores(quiz("longest-is-correct").quiz)).toMatchObject({ longest: 100, combined: 50 });
  });

  it("sees when every true/false answer is false", () => {
    expect(guessingScores(quiz("true-false-one-way").quiz)).toMatchObject({ alwaysFalse: 100, combined: 33 });
  });

  it("ticks the three longest options of a multiple-answer question", () => {
    // same-number-correct adds a fourth option, correct, so the three longest happen to be... checked below.
    const { quiz: q } = quiz("same-number-correct");
    const multi = q.questions.find((x) => x.id === "multi-one")!;
    expect(multi.options.map((o) => [o.text.en, o.correct])).toEqual([
      ["A phone number", true],
      ["The opening hours", false],
      ["An email", true],
      ["The library's address", false],
    ]);
    // The three longest (address, opening hours, phone number) include two wrong ones: not right.
    expect(guessingScores(q).threeLongest).toBe(0);
  });

  it("counts the language where guessing works best, and a pool that is all guessable scores 100", () => {
    const q = structuredClone(quiz("clean").quiz);
    for (const question of q.questions) {
      if (question.type === "true-false") {
        question.options[0]!.correct = false;
        question.options[1]!.correct = true;
      } else if (!question.multiple) {
        // Longest only in Indonesian.
        question.options.forEach((o) => (o.text.id = o.correct ? "jawaban yang paling panjang sekali di sini" : "pendek"));
      } else {
        question.options.forEach((o) => (o.correct = true));
      }
    }
    expect(guessingScores(q)).toEqual({ longest: 100, threeLongest: 100, alwaysFalse: 100, combined: 100 });
  });
});

describe("the shipped course", () => {
  const shipped = loadContent(path.join(ROOT, "content"));
  it("cannot be passed by blind guessing: every strategy scores below the pass mark in every module", () => {
    expect(shipped.modules.size).toBeGreaterThan(0);
    for (const m of shipped.modules.values()) {
      const s = guessingScores(m.quiz!);
      for (const [strategy, score] of Object.entries(s)) {
        if (score !== null) expect(score, `${m.slug}: ${strategy}`).toBeLessThan(m.settings.passMark);
      }
    }
  });
});
