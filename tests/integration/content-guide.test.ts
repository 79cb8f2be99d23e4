// The guide's complete example module (content/README.md) is real: written out file by file, it
// passes the strict check.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkContent } from "~/content/check.server";
import { FIXTURE_CONTENT, ROOT } from "../setup/paths";

describe("the trainers' guide", () => {
  it("has an example module with a picture that passes content:check --strict", async () => {
    const guide = fs.readFileSync(path.join(ROOT, "content/README.md"), "utf8");
    const example = guide.slice(guide.indexOf("## A complete small example module"));
    const files = [...example.matchAll(/^`([\w.-]+)`\n```\w*\n([\s\S]*?)```$/gm)].map((m) => [m[1]!, m[2]!] as const);
    expect(files.map(([name]) => name)).toEqual(["module.yaml", "01-plan-it.en.mdx", "01-plan-it.id.mdx", "quiz.yaml"]);

    const root = fs.mkdtempSync(path.join(os.tmpdir(), "guide-"));
    const dir = path.join(root, "01-example-course", "01-first-post");
    fs.mkdirSync(path.join(dir, "images"), { recursive: true });
    fs.copyFileSync(path.join(FIXTURE_CONTENT, "test-course/course.yaml"), path.join(root, "01-example-course/course.yaml"));
    fs.copyFileSync(path.join(FIXTURE_CONTENT, "test-course/01-quick-module/images/reading-corner.png"), path.join(dir, "images/story-time.jpg"));
    for (const [name, text] of files) fs.writeFileSync(path.join(dir, name), text);

    const result = await checkContent(root, fs.mkdtempSync(path.join(os.tmpdir(), "guide-cache-")), { strict: true });
    expect(result.problems).toEqual([]);
    expect(result).toMatchObject({ modules: 1, lessons: 2 });
  });

  it("documents every module.yaml field, completion included, and the tasks.yaml fields", () => {
    const guide = fs.readFileSync(path.join(ROOT, "content/README.md"), "utf8");
    for (const field of [
      "estimated_minutes",
      "pass_mark",
      "max_attempts",
      "cooldown",
      "reveal_answers",
      "certificate_validity_months",
      "completion",
      "pass.min_level",
      "rubric",
      "submit.file",
    ]) {
      expect(guide, field).toContain(`| \`${field}\``);
    }
  });
});
