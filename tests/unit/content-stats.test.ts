import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { contentStats, lessonWords, replaceStatsSection, STATS_END, STATS_START, statsMarkdown, statsSectionIsCurrent } from "~/content/stats.server";
import { FIXTURE_CONTENT, ROOT } from "../setup/paths";

describe("counting a course", () => {
  it("counts the fixture course's modules, lessons, words per language, questions by type and pictures exactly", () => {
    const stats = contentStats(FIXTURE_CONTENT);
    expect(stats.courses).toBe(1);
    expect(stats.modules).toEqual([
      {
        course: "test-course",
        slug: "quick-module",
        title: "Quick module",
        status: "published",
        lessons: 2,
        // First lesson 41 + second lesson (English only) 20; the Indonesian first lesson 31.
        words: { en: 61, id: 31 },
        questions: { total: 3, single: 1, multiple: 1, "true-false": 1, scenario: 0 },
        pictures: 1,
      },
      {
        course: "test-course",
        slug: "limited-module",
        title: "Limited module",
        status: "published",
        lessons: 1,
        words: { en: 8, id: 9 },
        questions: { total: 2, single: 0, multiple: 0, "true-false": 1, scenario: 1 },
        pictures: 0,
      },
      {
        course: "test-course",
        slug: "draft-module",
        title: "Draft module",
        status: "draft",
        lessons: 1,
        words: { en: 5, id: 0 },
        questions: { total: 1, single: 1, multiple: 0, "true-false": 0, scenario: 0 },
        pictures: 0,
      },
    ]);
    expect(stats.totals).toEqual({
      modules: 3,
      draftModules: 1,
      lessons: 4,
      words: { en: 74, id: 40 },
      questions: { total: 6, single: 2, multiple: 1, "true-false": 2, scenario: 1 },
      pictures: 1,
    });
    expect(stats.templates).toEqual({ total: 0, document: 0, calendar: 0 });
  });

  it("counts the words a reader sees: prose, link text, box titles, captions and alt text, never markup", () => {
    const body = [
      "## What reach means",
      "",
      "1. Read the [policy](lesson:social-media-policy) and UU 27/2022 at 08.00 on lapor.go.id.",
      "- A *bold* and **strong** `word` &lt; {/* a note to trainers */}",
      '> quoted <Callout type="tip" title="Start small">one</Callout>',
      '<Figure src="images/a.svg" alt="Two cats, one > the other" caption="Cats" />',
      '<SocialPost platform="Instagram" account="@lib" likes={12} time="2 h">Story time! 📚</SocialPost>',
      "{1 + 1} Library's day-to-day work",
    ].join("\n");
    // Title 2; heading 3; line 3: 10 (27/2022, 08.00 and lapor.go.id are one word each); line 4: 5;
    // line 5: quoted, Start small, one = 4; Figure: alt 5 + caption 1; SocialPost: 2; last line: 3.
    expect(lessonWords("Lesson title", body)).toBe(2 + 3 + 10 + 5 + 4 + 6 + 2 + 3);
    expect(lessonWords("", "- A *bold* and **strong** `word` &lt; {/* a note */}")).toBe(5);
    expect(lessonWords("", '<Figure src="images/a.svg" alt="Two cats, one > the other" caption="Cats" />')).toBe(6);
  });
});

describe("the README section", () => {
  const fixtureSection = statsMarkdown(contentStats(FIXTURE_CONTENT));

  it("is a table with a row per module, a total row and the templates", () => {
    expect(fixtureSection.split("\n")).toEqual([
      "| module | lessons | words (en) | words (id) | quiz questions | pictures |",
      "|---|---:|---:|---:|---|---:|",
      "| 1. Quick module | 2 | 61 | 31 | 3 (1 single, 1 select-all, 1 true/false, 0 scenario) | 1 |",
      "| 2. Limited module | 1 | 8 | 9 | 2 (0 single, 0 select-all, 1 true/false, 1 scenario) | 0 |",
      "| 3. Draft module (draft) | 1 | 5 | 0 | 1 (1 single, 0 select-all, 0 true/false, 0 scenario) | 0 |",
      "| **3 modules** | **4** | **74** | **40** | **6 (2 single, 1 select-all, 2 true/false, 1 scenario)** | **1** |",
      "",
      "Templates to download: 0 (0 documents as DOCX, 0 calendars as XLSX), each in English and Bahasa Indonesia.",
      expect.stringMatching(/^Words are those a reader meets/),
    ]);
  });

  it("replaces only what is between the markers, the same way twice, and refuses a README without them", () => {
    const readme = `# Title\n\nBefore.\n\n${STATS_START}\nold table\n${STATS_END}\n\nAfter.\n`;
    const once = replaceStatsSection(readme, fixtureSection);
    expect(once).toBe(`# Title\n\nBefore.\n\n${STATS_START}\n${fixtureSection}\n${STATS_END}\n\nAfter.\n`);
    expect(replaceStatsSection(once, fixtureSection)).toBe(once);
    expect(statsSectionIsCurrent(once, fixtureSection)).toBe(true);
    expect(statsSectionIsCurrent(readme, fixtureSection)).toBe(false);
    // A Markdown formatter that pads the table does not make the section stale.
    expect(statsSectionIsCurrent(once.replace("|---|---:|", "| ------ | ----: |").replace("| 1. Quick", "|  1. Quick"), fixtureSection)).toBe(true);
    expect(() => replaceStatsSection("# No markers\n", fixtureSection)).toThrow(/course-stats:start/);
  });

  it("in README.md matches the shipped course (run npm run content:stats -- --write after changing it)", () => {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    expect(statsSectionIsCurrent(readme, statsMarkdown(contentStats(path.join(ROOT, "content"))))).toBe(true);
  });
});
