import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { checkContent } from "~/content/check.server";
import { loadContent } from "~/content/load.server";
import { createTestUser, makeRequest, routeArgs, run, sessionCookie } from "../setup/factories";
import { FIXTURE_CONTENT, ROOT } from "../setup/paths";

const BROKEN = path.join(ROOT, "tests/fixtures/broken-content");
const rel = (p: string) => path.relative(process.cwd(), path.join(BROKEN, "broken-course", p));

describe("content:check on broken modules", () => {
  it("reports each kind of mistake at its file and line", async () => {
    const result = await checkContent(BROKEN, fs.mkdtempSync(path.join(os.tmpdir(), "cc-")));
    const lines = result.problems.map((p) => `${p.file}:${p.line}: ${p.severity === "warning" ? "warning: " : ""}${p.message}`);
    const expectLine = (file: string, line: number, pattern: RegExp) => {
      const hit = lines.find((l) => l.startsWith(`${rel(file)}:${line}: `) && pattern.test(l));
      expect(hit, `${file}:${line} ${pattern}\n${lines.join("\n")}`).toBeDefined();
    };
    expectLine("01-bad-settings/module.yaml", 7, /pass_mark above 100 can never be reached/);
    expectLine("01-bad-settings/module.yaml", 9, /cooldown must be 0 or a duration/);
    expectLine("01-bad-settings/module.yaml", 10, /reveal_answers must be/);
    expectLine("01-bad-settings/module.yaml", 12, /hours must be a whole or half number, such as 2 or 3\.5/);
    expectLine("02-bad-quiz/quiz.yaml", 1, /draw is 5 but the pool has only 3 questions/);
    expectLine("02-bad-quiz/quiz.yaml", 11, /question id "same-id" is used twice/);
    expectLine("02-bad-quiz/quiz.yaml", 11, /has no correct option/);
    expectLine("02-bad-quiz/quiz.yaml", 18, /single choice but has 2 correct options/);
    expectLine("03-bad-lessons/01-no-minutes.en.mdx", 2, /minutes must be the reading time/);
    expectLine("03-bad-lessons/02-broken-links.en.mdx", 6, /lesson:does-not-exist points to a lesson that does not exist/);
    expectLine("03-bad-lessons/02-broken-links.en.mdx", 8, /picture images\/nowhere.png does not exist/);
    expectLine("03-bad-lessons/03-bad-syntax.en.mdx", 8, /does not compile: Expected a closing tag for `<Callout>`/);
    expectLine("04-bad-yaml/module.yaml", 5, /this line is indented differently from the one above it/);
    // A module.yaml that does not validate leaves the completion rule unknown: no follow-on "no
    // quiz.yaml" for 01 and 04 (ADR 0033).
    expect(lines.filter((l) => l.includes("has no quiz.yaml"))).toEqual([]);
    expect(result.problems.filter((p) => p.severity === "error")).toHaveLength(15);
  });

  it("passes the fixture content with warnings only", async () => {
    const result = await checkContent(FIXTURE_CONTENT);
    expect(result.problems.filter((p) => p.severity === "error")).toEqual([]);
    expect(result.modules).toBe(3);
  });

  it("exits non-zero from the command line on errors", async () => {
    const { spawnSync } = await import("node:child_process");
    const bad = spawnSync("npx", ["tsx", "scripts/content-check.ts", "--dir", BROKEN], { cwd: ROOT, encoding: "utf8" });
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/03-bad-syntax\.en\.mdx:8: the lesson does not compile/);
  }, 60_000);
});

describe("the shipped course", () => {
  const index = loadContent(path.join(ROOT, "content"));
  it("has eleven published modules, each complete in both languages with a full quiz", () => {
    expect(index.problems.filter((p) => p.severity === "error")).toEqual([]);
    const modules = [...index.modules.values()];
    expect(modules).toHaveLength(11);
    for (const m of modules) {
      expect(m.status, m.slug).toBe("published");
      expect(m.title.en && m.title.id, m.slug).toBeTruthy();
      expect(m.lessons.length, m.slug).toBeGreaterThanOrEqual(3);
      // The platform playbooks have one lesson per platform, plus Business Profiles and WhatsApp broadcasting.
      expect(m.lessons.length, m.slug).toBeLessThanOrEqual(8);
      for (const l of m.lessons) {
        expect(Object.keys(l.translations).sort(), `${m.slug}/${l.slug}`).toEqual(["en", "id"]);
        for (const t of Object.values(l.translations)) {
          expect(t.body, t.file).toMatch(/<(SocialPost|DoDont|Checklist|Callout|KeyTakeaways|Reflection)\b/);
        }
      }
      expect(m.quiz, m.slug).not.toBeNull();
      expect(m.quiz!.questions.length, m.slug).toBeGreaterThanOrEqual(12);
      expect(m.quiz!.draw, m.slug).toBeGreaterThanOrEqual(8);
      expect(m.settings.passMark, m.slug).toBe(80);
      expect(m.quiz!.questions.filter((q) => q.type === "scenario").length, m.slug).toBeGreaterThanOrEqual(2);
      for (const q of m.quiz!.questions) {
        expect(q.explanation.en.length > 10 && q.explanation.id.length > 10, `${m.slug}/${q.id}`).toBe(true);
        const correct = q.options.filter((o) => o.correct).length;
        expect(q.multiple ? correct >= 1 : correct === 1, `${m.slug}/${q.id} answer is unambiguous`).toBe(true);
      }
    }
  });

  it("names the platform of every task scenario, as the SocialPost look needs", () => {
    const scenarios = [...index.modules.values()].flatMap((m) =>
      m.tasks.filter((t) => t.scenario).map((t) => ({ where: `${m.slug}/${t.slug}`, ...t.scenario! })),
    );
    expect(scenarios.length).toBeGreaterThanOrEqual(1);
    for (const s of scenarios) expect(["Instagram", "TikTok", "WhatsApp", "Facebook", "YouTube", "X", "Threads"], s.where).toContain(s.platform);
  });

  it("dates platform facts the same way in both languages, and records their sources", () => {
    const dir = path.join(ROOT, "content", "social-media-skills");
    // Indonesian month names differ from the English ones in nine months (Desember, Maret…).
    const ID_MONTHS: Record<string, string> = {
      Januari: "January",
      Februari: "February",
      Maret: "March",
      Mei: "May",
      Juni: "June",
      Juli: "July",
      Agustus: "August",
      Oktober: "October",
      Desember: "December",
    };
    const dated = (text: string, word: string) =>
      [...text.matchAll(new RegExp(`\\b${word} ([A-Z][a-z]+) (\\d{4})`, "g"))].map((m) => `${ID_MONTHS[m[1]!] ?? m[1]} ${m[2]}`).sort();
    let facts = 0;
    for (const m of index.modules.values()) {
      for (const l of m.lessons) {
        const [en, id] = [l.translations.en!, l.translations.id!];
        expect(dated(id.body, "dicek"), `${m.slug}/${l.slug}`).toEqual(dated(en.body, "checked"));
        facts += dated(en.body, "checked").length;
      }
    }
    expect(facts).toBeGreaterThanOrEqual(30);
    const sources = fs.readFileSync(path.join(dir, "SOURCES.md"), "utf8");
    for (const url of [
      "https://help.instagram.com/",
      "https://faq.whatsapp.com/",
      "https://help.x.com/",
      "https://support.tiktok.com/",
      "https://www.tiktok.com/legal/",
    ]) {
      expect(sources, url).toContain(url);
    }
  });
});

describe("the second-edition quizzes cannot be passed by guessing", () => {
  const index = loadContent(path.join(ROOT, "content"));
  // Every shipped module follows the second-edition quiz rules (issue 15).
  const SECOND_EDITION = [...index.modules.keys()];

  it("covers all eleven modules", () => expect(SECOND_EDITION).toHaveLength(11));

  it.each(SECOND_EDITION)("%s: longest option, three longest and 'false' all score far below the pass mark", (slug) => {
    const m = index.modules.get(slug)!;
    const questions = m.quiz!.questions;
    expect(questions.length).toBeGreaterThanOrEqual(20);
    for (const locale of ["en", "id"] as const) {
      const len = (o: (typeof questions)[number]["options"][number]) => o.text[locale].length;
      let guessedRight = 0;
      let singles = 0;
      let longestCorrect = 0;
      let trueFalse = 0;
      let trueAnswers = 0;
      const correctCounts = new Set<number>();
      for (const q of questions) {
        const texts = q.options.map((o) => o.text[locale].toLowerCase());
        expect(new Set(texts).size, `${slug}/${q.id} has duplicate options`).toBe(texts.length);
        for (const t of texts)
          expect(t, `${slug}/${q.id}`).not.toMatch(/all of the above|none of the above|semua jawaban|semua di atas|tidak ada yang benar/);
        if (q.type === "true-false") {
          trueFalse++;
          const answerTrue = q.options[0]!.correct;
          if (answerTrue) trueAnswers++;
          else guessedRight++; // always "false"
        } else if (!q.multiple) {
          singles++;
          const longest = q.options.reduce((a, b) => (len(b) > len(a) ? b : a));
          if (longest.correct) {
            longestCorrect++;
            guessedRight++; // always the longest
          }
        } else {
          correctCounts.add(q.options.filter((o) => o.correct).length);
          const threeLongest = new Set([...q.options].sort((a, b) => len(b) - len(a)).slice(0, 3));
          if (q.options.every((o) => o.correct === threeLongest.has(o))) guessedRight++; // always the three longest
        }
      }
      expect(longestCorrect / singles, `${slug} (${locale}): correct option is the longest`).toBeLessThanOrEqual(0.35);
      expect(trueAnswers / trueFalse, `${slug}: share of true answers`).toBeGreaterThanOrEqual(0.4);
      expect(trueAnswers / trueFalse, `${slug}: share of true answers`).toBeLessThanOrEqual(0.6);
      expect(correctCounts.size, `${slug}: select-all questions vary in their number of correct options`).toBeGreaterThanOrEqual(2);
      expect((100 * guessedRight) / questions.length, `${slug} (${locale}): guessing score`).toBeLessThan(m.settings.passMark / 2);
    }
  });
});

describe("compilation", () => {
  it("compiles once; a page request compiles nothing; a restart reuses the on-disk cache", async () => {
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "academy-cache-"));
    process.env.CONTENT_CACHE_DIR = cacheDir;
    vi.resetModules();
    const { resetConfig } = await import("~/config.server");
    resetConfig();
    const { compileStats } = await import("~/content/compile.server");
    const { warmContent } = await import("~/content/registry.server");
    const state = await warmContent({ force: true });
    const lessonFiles = [...state.modules.values()].flatMap((m) => m.lessons.flatMap((l) => Object.keys(l.translations))).length;
    expect(compileStats.compiled).toBe(lessonFiles);
    const modules = fs.readdirSync(cacheDir).filter((f) => f.endsWith(".mjs"));
    expect(modules).toHaveLength(lessonFiles);

    const staff = await createTestUser();
    const cookie = await sessionCookie(staff.id);
    const lessonRoute = await import("~/routes/learn.$module.$lesson");
    const before = { ...compileStats };
    const { value } = await run(() =>
      lessonRoute.loader(
        routeArgs(makeRequest("/learn/quick-module/first-lesson", { cookie }), { module: "quick-module", lesson: "first-lesson" }) as never,
      ),
    );
    // The page data names the lesson's module; the module route answers with a cache file's bytes.
    const url = (value as { lesson: { url: string } }).lesson.url;
    expect(url).toMatch(/^\/lesson-code\/[A-Za-z0-9_-]{22}\.js$/);
    expect(JSON.stringify(value)).not.toContain("_jsx_runtime");
    const codeRoute = await import("~/routes/lesson-code.$file");
    const served = (await run(() => codeRoute.loader(routeArgs(makeRequest(url), { file: url.split("/").pop()! }) as never))).value as Response;
    expect(served.status).toBe(200);
    expect(served.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const code = await served.text();
    expect(code).toContain("One good post a week beats five rushed ones.");
    expect(modules.map((f) => fs.readFileSync(path.join(cacheDir, f), "utf8"))).toContain(code);
    expect(compileStats.compiled).toBe(before.compiled);

    // A restart: fresh modules, empty memory cache, same disk cache.
    vi.resetModules();
    const fresh = await import("~/content/compile.server");
    const registry = await import("~/content/registry.server");
    await registry.warmContent({ force: true });
    expect(fresh.compileStats.compiled).toBe(0);
    expect(fresh.compileStats.fromDisk).toBe(lessonFiles);
  });
});

describe("pictures beside the lessons", () => {
  it("are served with a year-long cache under the module's content hash, and nothing outside the module", async () => {
    const { getContent } = await import("~/content/registry.server");
    const assets = await import("~/routes/content-assets.$module.$hash.$");
    const mod = (await getContent()).modules.get("quick-module")!;
    const staff = await createTestUser();
    const cookie = await sessionCookie(staff.id);
    const get = (hash: string, file: string) =>
      run(() =>
        assets.loader(
          routeArgs(makeRequest(`/content-assets/quick-module/${hash}/${file}`, { cookie }), { module: "quick-module", hash, "*": file }) as never,
        ),
      );
    const ok = (await get(mod.contentHash, "images/reading-corner.png")).value as Response;
    expect(ok.status).toBe(200);
    expect(ok.headers.get("Content-Type")).toBe("image/png");
    expect(ok.headers.get("Cache-Control")).toBe("private, max-age=31536000, immutable");
    expect(new Uint8Array(await ok.arrayBuffer()).slice(1, 4)).toEqual(new Uint8Array([0x50, 0x4e, 0x47]));
    const stale = (await get("0000000000000000", "images/reading-corner.png")).value as Response;
    expect(stale.headers.get("Cache-Control")).toBe("private, no-cache");
    for (const evil of ["../02-limited-module/module.yaml", "module.yaml", "images/../../../../package.json", "images/missing.png"]) {
      expect(((await get(mod.contentHash, evil)).value as Response).status, evil).toBe(404);
    }
  });

  it("serve a module's files/ (a task's sample export) as downloads, and such files nowhere else", async () => {
    const { getContent } = await import("~/content/registry.server");
    const assets = await import("~/routes/content-assets.$module.$hash.$");
    const mod = (await getContent()).modules.get("quick-module")!;
    const cookie = await sessionCookie((await createTestUser()).id);
    const get = (file: string) =>
      run(() =>
        assets.loader(
          routeArgs(makeRequest(`/content-assets/quick-module/${mod.contentHash}/${file}`, { cookie }), {
            module: "quick-module",
            hash: mod.contentHash,
            "*": file,
          }) as never,
        ),
      );
    const csv = (await get("files/sample.csv")).value as Response;
    expect(csv.status).toBe(200);
    expect(csv.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("Content-Disposition")).toBe('attachment; filename="sample.csv"');
    expect(csv.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(await csv.text()).toContain("2026-10-01,Instagram,1200");
    // A spreadsheet or CSV outside files/ is not served, nor a picture type the list lacks.
    expect(((await get("images/../files/../quiz.yaml")).value as Response).status).toBe(404);
    expect(((await get("files/../module.yaml")).value as Response).status).toBe(404);
  });
});
