import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadContent } from "~/content/load.server";
import { FIXTURE_CONTENT, ROOT } from "../setup/paths";

/** A copy of the fixture content with extra path files, so each mistake can be placed. */
function contentWith(files: Record<string, string>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "paths-"));
  fs.cpSync(FIXTURE_CONTENT, dir, { recursive: true });
  for (const [name, body] of Object.entries(files)) fs.writeFileSync(path.join(dir, "test-course", "paths", name), body);
  return dir;
}

const head = `title: { en: A path, id: Sebuah jalur }
description: { en: About it., id: Tentangnya. }
audience: { en: Everyone, id: Semua orang }
`;

describe("learning paths in content", () => {
  it("loads the fixture paths with their modules, order and total hours", () => {
    const index = loadContent(FIXTURE_CONTENT);
    const quick = index.paths.get("quick-start")!;
    expect(quick.moduleSlugs).toEqual(["quick-module", "limited-module"]);
    expect(quick.inOrder).toBe(true);
    expect(quick.hours).toBe(2.5);
    expect(quick.status).toBe("published");
    expect(index.paths.get("any-order")!.inOrder).toBe(false);
    expect(index.problems.filter((p) => p.severity === "error")).toEqual([]);
  });

  it("reports unknown, repeated and draft modules at their file and line, and leaves the path out", () => {
    const dir = contentWith({
      "unknown.yaml": `${head}modules:\n  - quick-module\n  - limted-module\nin_order: true\n`,
      "twice.yaml": `${head}modules:\n  - quick-module\n  - quick-module\nin_order: false\n`,
      "drafty.yaml": `${head}modules:\n  - quick-module\n  - draft-module\nin_order: false\n`,
      "draft-ok.yaml": `status: draft\n${head}modules:\n  - quick-module\n  - draft-module\nin_order: false\n`,
      "Bad_Name.yaml": `${head}modules: [quick-module, limited-module]\nin_order: true\n`,
      "typo.yaml": `${head}modules: [quick-module, limited-module]\nin_orde: true\n`,
      "one.yaml": `${head}modules: [quick-module]\nin_order: yes\n`,
    });
    const index = loadContent(dir);
    const lines = index.problems.filter((p) => p.file.includes("/paths/")).map((p) => `${path.basename(p.file)}:${p.line}: ${p.message}`);
    const expectLine = (pattern: RegExp) =>
      expect(
        lines.some((l) => pattern.test(l)),
        `${pattern}\n${lines.join("\n")}`,
      ).toBe(true);
    expectLine(/^unknown\.yaml:6: modules → #2: there is no module "limted-module": did you mean "limited-module"\?/);
    expectLine(/^twice\.yaml:6: modules → #2: "quick-module" is listed twice/);
    expectLine(/^drafty\.yaml:6: modules → #2: the module "draft-module" is a draft/);
    expectLine(/^Bad_Name\.yaml:1: path files are named slug\.yaml/);
    expectLine(/^typo\.yaml:5: unknown key `in_orde`: did you mean `in_order`\?/);
    expectLine(/^one\.yaml:4: modules: a path needs at least 2 modules/);
    expectLine(/^one\.yaml:5: in_order must be true/);
    expect(lines.filter((l) => l.startsWith("draft-ok.yaml"))).toEqual([]);
    expect([...index.paths.keys()].sort()).toEqual(["any-order", "draft-ok", "quick-start"]);
  });

  it("does not take the paths folder for a module", () => {
    const index = loadContent(FIXTURE_CONTENT);
    expect(index.problems.some((p) => /module folders are named|needs a module\.yaml/.test(p.message))).toBe(false);
  });
});

describe("the shipped paths", () => {
  const index = loadContent(path.join(ROOT, "content"));
  it("has at least three published paths in both languages, each over published modules", () => {
    const paths = [...index.paths.values()];
    expect(paths.length).toBeGreaterThanOrEqual(3);
    for (const p of paths) {
      expect(p.status, p.slug).toBe("published");
      for (const field of [p.title, p.description, p.audience]) expect(field.en && field.id, p.slug).toBeTruthy();
      for (const slug of p.moduleSlugs) expect(index.modules.get(slug)?.status, `${p.slug}: ${slug}`).toBe("published");
      expect(p.hours, p.slug).toBe(p.moduleSlugs.reduce((s, m) => s + (index.modules.get(m)!.settings.hours ?? 0), 0));
    }
    expect(index.paths.get("social-media-officer")?.inOrder).toBe(true);
    expect(index.problems.filter((p) => p.file.includes("/paths/"))).toEqual([]);
  });
});

describe("the trainers' guide", () => {
  it("has a path example that validates against the shipped modules", () => {
    const guide = fs.readFileSync(path.join(ROOT, "content/README.md"), "utf8");
    const section = guide.slice(guide.indexOf("## Learning paths (`paths/`)"));
    const yaml = /```yaml\n([\s\S]*?)```/.exec(section)![1]!;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "guide-paths-"));
    fs.cpSync(path.join(ROOT, "content"), dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "social-media-skills", "paths", "guide-example.yaml"), yaml);
    const index = loadContent(dir);
    expect(index.problems.filter((p) => p.file.includes("guide-example"))).toEqual([]);
    expect(index.paths.get("guide-example")?.moduleSlugs).toEqual(["why-social-media", "platform-playbooks", "measuring-impact"]);
  });
});
