// One fixture module per authoring mistake (tests/fixtures/mistakes): each must be reported with
// its exact message at its exact line, and nothing else may be reported.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkContent } from "~/content/check.server";
import { ROOT } from "../setup/paths";

const MISTAKES = path.join(ROOT, "tests/fixtures/mistakes");
const base = path.relative(process.cwd(), path.join(MISTAKES, "mistakes-course"));

// folder → [file, line, message, severity]
// Six-question pools with a draw of 3 are all easy to guess: the guessing model's verdict on them
// is left out here except for the fixture about the longest option (and tested in
// tests/unit/guessing.test.ts and tests/integration/content-guessing.test.ts).
const isGuessing = (message: string) => message.startsWith("guessing: ");

const EXPECTED: Record<string, [string, number, string, "error" | "warning"][]> = {
  "01-clean": [],
  "02-unknown-component": [["01-lesson.en.mdx", 8, "no component Checklst: did you mean Checklist?", "error"]],
  "03-lowercase-component": [
    ["01-lesson.en.mdx", 8, "<checklist> is written in the wrong case: component names are written exactly as listed, so write <Checklist>", "error"],
  ],
  "04-figure-without-alt": [["01-lesson.en.mdx", 8, 'Figure needs alt: add alt="…" (what the picture shows, for people who cannot see it)', "error"]],
  "05-post-without-account": [["01-lesson.en.mdx", 8, 'SocialPost needs account: add account="…" (the account name, such as @citylibrary)', "error"]],
  "06-callout-bad-type": [
    ["01-lesson.en.mdx", 8, 'Callout type="tips" is not allowed: use "tip", "note" or "warning" (did you mean "tip"?)', "error"],
  ],
  "07-markdown-image": [
    [
      "01-lesson.en.mdx",
      8,
      'Markdown pictures ![…](images/missing.png) are not shown in lessons (and images/missing.png does not exist in this module\'s folder): use <Figure src="images/…" alt="what the picture shows" caption="…" /> and put the file in the module\'s images/ folder',
      "error",
    ],
  ],
  "08-bare-less-than": [
    ["01-lesson.en.mdx", 8, "a bare < in the text starts a component: write &lt; instead, or put it in backticks (`<`)", "error"],
  ],
  "09-unknown-prop": [["01-lesson.en.mdx", 8, "Figure has no prop captoin: did you mean caption?", "error"]],
  "10-render-error": [
    [
      "01-lesson.en.mdx",
      8,
      "Lessons cannot run code: write the text itself instead of {visitorCount}; to show braces as text write \\{visitorCount\\}",
      "error",
    ],
  ],
  "11-colon-in-text": [
    [
      "quiz.yaml",
      24,
      'this text contains ": " and YAML takes it for a new key: put this text in quotes, like "Remember: consistency builds trust."',
      "error",
    ],
  ],
  "12-bad-indent": [
    [
      "module.yaml",
      7,
      "this line is indented differently from the one above it: line it up with the other keys of its block (spaces only, no tabs)",
      "error",
    ],
  ],
  "13-unknown-key": [["quiz.yaml", 36, "unknown key `corect`: did you mean `correct`?", "error"]],
  "14-missing-field": [
    ["quiz.yaml", 26, "`explanation` is missing (questions → #4): add it (explanation needs an English (en) and an Indonesian (id) text)", "error"],
  ],
  "15-single-two-correct": [
    ["quiz.yaml", 3, 'question "single-1" is single choice but has 2 correct options: keep one, or use type: multiple', "error"],
  ],
  // An invalid module.yaml no longer hides the lesson's own mistake.
  "16-invalid-module-yaml": [
    ["01-lesson.en.mdx", 8, "no component Checklst: did you mean Checklist?", "error"],
    ["module.yaml", 7, "pass_mark above 100 can never be reached", "error"],
  ],
  "17-comma-in-braces": [
    ["module.yaml", 5, 'the text before "one quiz." was cut at a comma: inside { … } put each text in quotes, like en: "…, one quiz."', "error"],
  ],
  // The longest option being right is now one rule of the guessing model (checked below).
  "18-longest-is-correct": [],
  "19-true-false-one-way": [
    [
      "quiz.yaml",
      3,
      "2 of 2 true/false answers are false: a learner can pass by guessing, always answering false; balance them (at most 65% one way)",
      "warning",
    ],
  ],
  "20-same-number-correct": [
    [
      "quiz.yaml",
      3,
      'every "select all that apply" question has exactly 2 correct options: a learner can pass by guessing, always ticking 2; vary how many options are correct',
      "warning",
    ],
  ],
  "21-all-of-the-above": [
    [
      "quiz.yaml",
      10,
      'question "single-1": "All of the above" is an all/none-of-the-above option: options are shuffled so "above" means nothing, and a learner can guess it without knowing the answer; write each answer out',
      "warning",
    ],
  ],
  "22-none-of-the-above-id": [
    [
      "quiz.yaml",
      10,
      'question "single-1": "Tidak ada yang benar" is an all/none-of-the-above option: options are shuffled so "above" means nothing, and a learner can guess it without knowing the answer; write each answer out',
      "warning",
    ],
  ],
  "23-duplicate-options": [
    [
      "quiz.yaml",
      10,
      'question "single-1" has two options with the same Indonesian text: Indonesian readers cannot tell them apart and can only guess',
      "warning",
    ],
  ],
  "24-length-mismatch": [
    [
      "quiz.yaml",
      30,
      'question "tf-false" explanation: the English (83 characters) and Indonesian (24) texts differ a lot in length; a sentence may be missing in one language, and readers of that language lose the hint that lets them answer',
      "warning",
    ],
  ],
};

describe("content:check catches every authoring mistake", async () => {
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "mistakes-"));
  const result = await checkContent(MISTAKES, cacheDir);
  const strict = await checkContent(MISTAKES, cacheDir, { strict: true });

  it("has a fixture for every expected mistake and no other folder", () => {
    expect(
      fs
        .readdirSync(path.join(MISTAKES, "mistakes-course"))
        .filter((f) => f !== "course.yaml")
        .sort(),
    ).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [folder, expected] of Object.entries(EXPECTED)) {
    it(`${folder}: ${expected.length === 0 ? "no problem" : expected.map((e) => e[2].slice(0, 40)).join(" / ")}`, () => {
      const prefix = `${base}/${folder}`;
      const got = result.problems
        .filter((p) => (p.file === prefix || p.file.startsWith(`${prefix}/`)) && !isGuessing(p.message))
        .map((p) => [p.file.slice(prefix.length + 1), p.line, p.message, p.severity]);
      expect(got).toEqual(expected);
    });
  }

  it("the guessing model names the longest option where it is always right", () => {
    const prefix = `${base}/18-longest-is-correct/quiz.yaml`;
    const guessing = result.problems.filter((p) => p.file === prefix && isGuessing(p.message));
    expect(guessing.map((p) => [p.line, p.severity])).toEqual([
      [3, "warning"],
      [3, "warning"],
    ]);
    expect(guessing[0]!.message).toContain(
      "(English; it must stay under 1.00%) by following this rule: single choice: the option of length rank 1 (1 = longest)",
    );
    expect(guessing[0]!.message).toContain("It gets these questions right: single-1, single-2,");
  });

  it("--strict turns the quiz-quality warnings into errors", () => {
    expect(result.problems.some((p) => p.severity === "warning")).toBe(true);
    expect(strict.problems.every((p) => p.severity === "error")).toBe(true);
    expect(strict.problems.map((p) => p.message)).toEqual(result.problems.map((p) => p.message));
  });
});
