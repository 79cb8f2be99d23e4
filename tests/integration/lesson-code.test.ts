// Lessons are content, not code (issue 25, problem 2; ADR 0019). Each fixture lesson in
// tests/fixtures/lesson-code tries one way MDX runs code on the server: content:check names it
// with file:line:column, the compile step refuses it even when nobody ran the check, learners get
// "being updated" (200, never 500) and no page carries the server's environment.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { StaticRouter } from "react-router-dom/server";
import { describe, expect, it, vi } from "vitest";
import { checkContent } from "~/content/check.server";
import { problemAt } from "~/content/model";
import { en } from "~/i18n/en";
import { createTestUser, makeRequest, routeArgs, run, sessionCookie, unwrap } from "../setup/factories";
import { ROOT } from "../setup/paths";

const DIR = path.join(ROOT, "tests/fixtures/lesson-code");
const base = path.relative(process.cwd(), path.join(DIR, "code-course/01-runs-code"));

// What content:check prints for each lesson that holds code (warnings about missing
// translations left out).
const EXPECTED = [
  "01-text-expression.en.mdx:6:31: Lessons cannot run code: write the text itself instead of {process.env.HOME}; to show braces as text write \\{process.env.HOME\\}",
  '02-export.en.mdx:8:1: Lessons cannot export code: remove the line starting with "export" (the lesson components are there without importing them)',
  '03-import.en.mdx:6:1: Lessons cannot import code: remove the line starting with "import" (the lesson components are there without importing them)',
  '04-attribute.en.mdx:8:21: Lessons cannot run code: write title="the text itself" (or title={12} for a number) instead of title={process.env.HOME}',
  '05-spread.en.mdx:8:10: Lessons cannot pass props with {…}: write each prop as name="value" instead of {...props}',
  '06-throws.en.mdx:8:8: Lessons cannot run code: write the text itself instead of {(() => { throw new Error("boom") })()}; to show braces as text write \\{(() => { throw new Error("boom") })()\\}',
  '07-database-path.en.mdx:8:45: Lessons cannot run code: write likes="the text itself" (or likes={12} for a number) instead of likes={process.env.DATABASE_PATH.length}',
  '07-database-path.en.mdx:8:86: Lessons cannot run code: write time="the text itself" (or time={12} for a number) instead of time={`${process.env.DATABASE_PATH}`}',
  '08-script-link.en.mdx:8:1: "javascript:" links run a script: link to a web address (https://…) instead',
  '08-script-link.en.mdx:8:50: href="javascript:…" is a script, not an address: use a web address (https://…) or a file in the module',
  "08-script-link.en.mdx:8:77: Lessons cannot run code: remove onClick from <a>",
  "08-script-link.en.mdx:10: no component script: the components are Callout, SocialPost, DoDont, Do, Dont, Checklist, KeyTakeaways, Reflection, Figure or Video",
].map((line) => `${base}/${line}`);

// The values a leak would show. DATABASE_PATH is the per-file test database; HOME is the user's.
const SECRETS = [process.env.HOME, process.env.DATABASE_PATH].filter((v): v is string => Boolean(v && v.length > 3));

async function loadContentFrom(dir: string) {
  process.env.CONTENT_DIR = dir;
  process.env.CONTENT_CACHE_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "lesson-code-cache-"));
  vi.resetModules();
  (await import("~/config.server")).resetConfig();
  const registry = await import("~/content/registry.server");
  return { state: await registry.warmContent({ force: true }) };
}

describe("lessons that hold code", () => {
  it("content:check names each with file, line, column and a plain fix", async () => {
    const result = await checkContent(DIR, fs.mkdtempSync(path.join(os.tmpdir(), "lesson-code-check-")));
    const errors = result.problems.filter((p) => p.severity === "error").map((p) => `${problemAt(p)}: ${p.message}`);
    expect(errors).toEqual(EXPECTED);
  }, 60_000);

  it("the command prints the same lines and fails", () => {
    const out = spawnSync("npx", ["tsx", "scripts/content-check.ts", "--dir", DIR], { cwd: ROOT, encoding: "utf8" });
    expect(out.status).toBe(1);
    const printed = out.stdout.split("\n").filter((l) => l.startsWith(base) && !l.includes(": warning: "));
    expect(printed).toEqual(EXPECTED);
  }, 120_000);

  it("does not compile, even when nobody ran the check", async () => {
    const { compileLesson } = await import("~/content/compile.server");
    const { loadContent } = await import("~/content/load.server");
    const index = loadContent(DIR);
    const mod = index.modules.get("runs-code")!;
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "lesson-code-compile-"));
    for (const lesson of mod.lessons) {
      const result = await compileLesson(lesson.translations.en!, cacheDir);
      expect(result.ok, lesson.slug).toBe(false);
      if (!result.ok)
        expect(
          result.problems.every((p) => p.column && p.line >= 6),
          lesson.slug,
        ).toBe(true);
    }
    // Nothing was written to the cache for a lesson that holds code.
    expect(fs.readdirSync(cacheDir)).toEqual([]);
  }, 60_000);

  it("shows learners 'being updated' (200) without the server's environment, and names the error for trainers", async () => {
    expect(SECRETS.length).toBeGreaterThan(0);
    const { state } = await loadContentFrom(DIR);
    expect(state.broken.has("runs-code")).toBe(true);
    expect(state.broken.has("plain-props")).toBe(false);
    const learner = await import("~/routes/learn.$module.$lesson");
    for (const locale of ["en", "id"] as const) {
      const staff = await createTestUser({ locale });
      const cookie = await sessionCookie(staff.id);
      for (const lesson of state.modules.get("runs-code")!.lessons) {
        const res = await run(() =>
          learner.loader(
            routeArgs(makeRequest(`/learn/runs-code/${lesson.slug}`, { cookie }), { module: "runs-code", lesson: lesson.slug }) as never,
          ),
        );
        expect(res.thrown, lesson.slug).toBe(false);
        const { status, data } = unwrap(res.value);
        expect(status).toBe(200);
        expect(data).toMatchObject({ unavailable: true, canSeeProblems: false });
        const json = JSON.stringify(data);
        for (const secret of SECRETS) expect(json).not.toContain(secret);
      }
    }
    const { catalogs } = await import("~/i18n");
    expect(catalogs.en["learn.beingUpdated"]).toMatch(/being updated/);
    expect(catalogs.id["learn.beingUpdated"]).toMatch(/sedang diperbarui/);

    const trainer = await createTestUser({ role: "trainer" });
    const trainerCookie = await sessionCookie(trainer.id);
    const page = await import("~/routes/content.$module._index");
    const preview = unwrap(
      (await run(() => page.loader(routeArgs(makeRequest("/content/runs-code", { cookie: trainerCookie }), { module: "runs-code" }) as never))).value,
    ).data as { problems: { file: string; line: number; column?: number; message: string; severity: string }[] };
    const named = preview.problems.filter((p) => p.severity === "error").map((p) => `${problemAt(p)}: ${p.message}`);
    expect([...named].sort()).toEqual([...EXPECTED].sort());
  }, 120_000);

  it("keeps plain literal props and comments, and shows them", async () => {
    const { state } = await loadContentFrom(DIR);
    const learner = await import("~/routes/learn.$module.$lesson");
    const { LessonBody } = await import("~/components/mdx/lesson-body");
    const { I18nContext } = await import("~/components/use-t");
    const staff = await createTestUser();
    const staffCookie = await sessionCookie(staff.id);
    const res = await run(() =>
      learner.loader(
        routeArgs(makeRequest("/learn/plain-props/plain-props", { cookie: "" }), { module: "plain-props", lesson: "plain-props" }) as never,
      ),
    );
    // Without a session the loader sends the visitor to log in: the route is not open to all.
    expect((res.value as Response).status).toBe(302);
    const ok = unwrap(
      (
        await run(() =>
          learner.loader(
            routeArgs(makeRequest("/learn/plain-props/plain-props", { cookie: staffCookie }), {
              module: "plain-props",
              lesson: "plain-props",
            }) as never,
          ),
        )
      ).value,
    ).data as { unavailable: boolean; lesson: { url: string }; moduleSlug: string; assetBase: string };
    expect(ok.unavailable).toBe(false);
    expect(state.problemsByModule.get("plain-props")!.filter((p) => p.severity === "error")).toEqual([]);
    const html = renderToString(
      createElement(
        StaticRouter,
        { location: "/" },
        createElement(
          I18nContext.Provider,
          { value: { locale: "en", messages: en, timeZone: "UTC" } },
          createElement(LessonBody, { lesson: ok.lesson, links: { moduleSlug: ok.moduleSlug, assetBase: ok.assetBase } }),
        ),
      ),
    );
    expect(html).toContain("@citylibrary");
    expect(html).toMatch(/>12</);
    expect(html).toContain("Check first");
    expect(html).not.toContain("a note for the next trainer");
  }, 120_000);

  it("tells plain values from code, wherever the braces are", async () => {
    const { compileLesson } = await import("~/content/compile.server");
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "lesson-code-cases-"));
    const cases: [string, boolean][] = [
      ['<SocialPost platform="X" account="@a" likes={12} shares={-3}>Hi.</SocialPost>', true],
      ["Text {/* a note */} more text.", true],
      ['<Callout type="tip" title={"Quoted"}>Hi.</Callout>', true],
      ['<Callout type="tip" title={`Plain template`}>Hi.</Callout>', true],
      ['<Callout type="tip" title={["a", 1, true, null, { b: [2] }]}>Hi.</Callout>', true],
      ["<Callout>{process.env.HOME}</Callout>", false],
      ["| a | b |\n|---|---|\n| {1 + 1} | x |", false],
      ["## Heading {new Date().getFullYear()}", false],
      ["[link text {x}](https://example.org)", false],
      ['<Callout title={"a" + "b"}>Hi.</Callout>', false],
      ["<Callout title={`${1}`}>Hi.</Callout>", false],
      ["<Callout title={undefined}>Hi.</Callout>", false],
      ["<Callout title={{ [key]: 1 }}>Hi.</Callout>", false],
      ["<Callout title={{ a }}>Hi.</Callout>", false],
      ["<Callout title={-x}>Hi.</Callout>", false],
      ["Text {/* a note */ globalThis.x} text.", false],
      ["<Callout.Inner>Hi.</Callout.Inner>", false],
      ['<iframe src="https://example.org" />', false],
      ['<a href=" JavaScript:alert(1)">x</a>', false],
      ['<a href="https://example.org">x</a>', true],
      ['<Callout type="note" title="Data: what we keep">Hi.</Callout>', true],
      ['<span style={{ position: "fixed", inset: 0 }}>Log in again</span>', false],
      ["![pic](data:image/png;base64,AAAA)", false],
    ];
    for (const [body, ok] of cases) {
      const t = {
        locale: "en" as const,
        title: "Case",
        minutes: 1,
        file: "case.mdx",
        body: `Intro.\n\n${body}\n`,
        bodyLine: 1,
        hash: createHash("sha256").update(body).digest("hex"),
      };
      const result = await compileLesson(t, cacheDir);
      expect(result.ok, `${body}: ${result.ok ? "compiled" : result.problem.message}`).toBe(ok);
    }
  }, 120_000);
});
