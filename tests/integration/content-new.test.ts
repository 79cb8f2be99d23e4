import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { checkContent } from "~/content/check.server";
import { guessingProblems } from "~/content/guessing-check.server";
import { loadContent } from "~/content/load.server";
import { ScaffoldError, scaffoldModule } from "~/content/scaffold.server";
import { FIXTURE_CONTENT } from "../setup/paths";

function tmpCourse() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "content-new-"));
  const course = path.join(root, "01-course");
  fs.mkdirSync(course);
  fs.copyFileSync(path.join(FIXTURE_CONTENT, "test-course/course.yaml"), path.join(course, "course.yaml"));
  return { root, course };
}

describe("content:new", () => {
  it("scaffolds a module in both languages, with a quiz and a task, that passes the strict check", async () => {
    const { root, course } = tmpCourse();
    const dir = scaffoldModule(course, "answering-patrons");
    expect(path.basename(dir)).toBe("01-answering-patrons");
    expect(fs.readdirSync(dir).sort()).toEqual([
      "01-getting-started.en.mdx",
      "01-getting-started.id.mdx",
      "images",
      "module.yaml",
      "quiz.yaml",
      "tasks.yaml",
    ]);
    const result = await checkContent(root, fs.mkdtempSync(path.join(os.tmpdir(), "content-new-cache-")), { strict: true });
    expect(result.problems).toEqual([]);
    expect(result).toMatchObject({ modules: 1, lessons: 2, questions: 6 });

    const mod = loadContent(root).modules.get("answering-patrons")!;
    expect(mod.status).toBe("draft");
    // A draft's six starter questions are not judged by the guessing model yet: the writer grows
    // the pool before publishing, and content:check judges it then.
    const index = loadContent(root);
    expect(guessingProblems(index)).toEqual([]);
    const published = { ...index, modules: new Map([[mod.slug, { ...mod, status: "published" as const }]]) };
    expect(guessingProblems(published).map((p) => p.message)).toEqual([expect.stringMatching(/^guessing: /), expect.stringMatching(/^guessing: /)]);

    // tasks.yaml follows the shared format (docs in content/README.md).
    const tasks = parse(fs.readFileSync(path.join(dir, "tasks.yaml"), "utf8")) as { tasks: Record<string, unknown>[] };
    expect(tasks.tasks).toHaveLength(1);
    const task = tasks.tasks[0] as {
      slug: string;
      version: number;
      title: { en: string; id: string };
      instructions: { en: string; id: string };
      submit: Record<string, unknown>;
      rubric: { id: string; levels: { points: number }[] }[];
      pass: { min_level: number };
    };
    expect(task).toMatchObject({ slug: "first-reply", version: 1, pass: { min_level: 2 } });
    expect(task.title.en && task.title.id && task.instructions.en && task.instructions.id).toBeTruthy();
    expect(Object.keys(task.submit)).toEqual(["text"]);
    expect(task.rubric.length).toBeGreaterThanOrEqual(1);
    for (const c of task.rubric) expect(c.levels.map((l) => l.points)).toEqual([0, 1, 2]);
    expect(fs.readFileSync(path.join(dir, "module.yaml"), "utf8")).toMatch(/^completion: both/m);
  });

  it("numbers the next module after the last one and refuses bad or taken names", () => {
    const { course } = tmpCourse();
    scaffoldModule(course, "first");
    expect(path.basename(scaffoldModule(course, "second"))).toBe("02-second");
    expect(() => scaffoldModule(course, "first")).toThrow(new ScaffoldError("a module folder named 01-first already exists"));
    expect(() => scaffoldModule(course, "Bad Name")).toThrow(/is not a module name: use lower-case words joined by hyphens/);
    expect(() => scaffoldModule(path.dirname(course), "x")).toThrow(/is not a course folder/);
  });
});
