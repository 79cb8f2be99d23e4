// The fast loop: a change under content/ reloads the content, compiling only the lessons whose
// text changed, and tells open previews. No sleeps: every step waits for its condition.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { FIXTURE_CONTENT } from "../setup/paths";

describe("content watcher", () => {
  it("recompiles only the edited lesson and notifies listeners", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "watch-content-"));
    fs.cpSync(FIXTURE_CONTENT, dir, { recursive: true });
    process.env.CONTENT_DIR = dir;
    process.env.CONTENT_CACHE_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "watch-cache-"));
    vi.resetModules();
    (await import("~/config.server")).resetConfig();
    const { compileStats } = await import("~/content/compile.server");
    const { warmContent, getContent } = await import("~/content/registry.server");
    const { createContentWatcher } = await import("~/content/watch.server");

    const first = await warmContent({ force: true });
    const lessonFiles = [...first.modules.values()].flatMap((m) => m.lessons.flatMap((l) => Object.keys(l.translations))).length;
    expect(compileStats.compiled).toBe(lessonFiles);

    const watcher = createContentWatcher(dir, { debounceMs: 20 });
    const heard: number[] = [];
    watcher.subscribe((v) => heard.push(v));
    try {
      const before = compileStats.compiled;
      const lesson = path.join(dir, "test-course/01-quick-module/01-first-lesson.en.mdx");
      fs.appendFileSync(lesson, "\nA sentence added while the server runs.\n");
      await vi.waitFor(() => expect(watcher.version()).toBeGreaterThanOrEqual(1), { timeout: 30_000, interval: 20 });
      expect(compileStats.compiled - before).toBe(1);
      const state = await getContent();
      const t = state.modules.get("quick-module")!.lessons[0]!.translations.en!;
      expect(t.body).toContain("A sentence added while the server runs.");
      expect(state.compiled.get(t.file)).toBeTruthy();
      expect(heard).toContain(1);

      // A settings change compiles nothing.
      const settled = watcher.version();
      const compiled = compileStats.compiled;
      const moduleYaml = path.join(dir, "test-course/02-limited-module/module.yaml");
      fs.writeFileSync(moduleYaml, fs.readFileSync(moduleYaml, "utf8").replace("pass_mark: 50", "pass_mark: 60"));
      await vi.waitFor(() => expect(watcher.version()).toBeGreaterThan(settled), { timeout: 30_000, interval: 20 });
      expect(compileStats.compiled).toBe(compiled);
      expect((await getContent()).modules.get("limited-module")!.settings.passMark).toBe(60);

      // A mistake shows as a problem at once, and the module is "being updated" for staff.
      const again = watcher.version();
      fs.appendFileSync(lesson, '\n<Callout type="tips">Oops</Callout>\n');
      await vi.waitFor(() => expect(watcher.version()).toBeGreaterThan(again), { timeout: 30_000, interval: 20 });
      const broken = await getContent();
      expect(broken.broken.has("quick-module")).toBe(true);
      expect(broken.problemsByModule.get("quick-module")!.map((p) => p.message)).toContain(
        'Callout type="tips" is not allowed: use "tip", "note" or "warning" (did you mean "tip"?)',
      );
    } finally {
      watcher.close();
    }
  }, 120_000);
});
