// Every shipped lesson and every fixture lesson, through the trainers' preview route: the loader
// answers (never a 500), and what it hands the page renders. Staff still get "being updated".
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { StaticRouter } from "react-router-dom/server";
import { describe, expect, it, vi } from "vitest";
import { en } from "~/i18n/en";
import { createTestUser, makeRequest, routeArgs, run, sessionCookie, unwrap } from "../setup/factories";
import { FIXTURE_CONTENT, ROOT } from "../setup/paths";

const ROOTS = {
  shipped: path.join(ROOT, "content"),
  fixtures: FIXTURE_CONTENT,
  mistakes: path.join(ROOT, "tests/fixtures/mistakes"),
  broken: path.join(ROOT, "tests/fixtures/broken-content"),
};

type Preview = {
  lesson: { url: string } | null;
  labels: { lang: "en" | "id"; messages: Record<string, string> };
  lang: string;
  problems: { file: string; line: number; message: string }[];
  moduleSlug: string;
  assetBase: string;
};

async function loadRoot(dir: string) {
  process.env.CONTENT_DIR = dir;
  process.env.CONTENT_CACHE_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "preview-cache-"));
  vi.resetModules();
  (await import("~/config.server")).resetConfig();
  const state = await (await import("~/content/registry.server")).warmContent({ force: true });
  const route = await import("~/routes/content.$module.$lesson");
  const { LessonBody } = await import("~/components/mdx/lesson-body");
  const { I18nContext } = await import("~/components/use-t");
  return { state, route, LessonBody, I18nContext };
}

describe("the lesson preview never breaks", () => {
  for (const [name, dir] of Object.entries(ROOTS)) {
    it(`renders every ${name} lesson in both languages, or shows its problems`, async () => {
      const { state, route, LessonBody, I18nContext } = await loadRoot(dir);
      const trainer = await createTestUser({ role: "trainer" });
      const cookie = await sessionCookie(trainer.id);
      let rendered = 0;
      let withProblems = 0;
      for (const mod of state.modules.values()) {
        for (const lesson of mod.lessons) {
          for (const lang of ["en", "id"] as const) {
            const url = `/content/${mod.slug}/${lesson.slug}?lang=${lang}`;
            const { value } = await run(() =>
              route.loader(routeArgs(makeRequest(url, { cookie }), { module: mod.slug, lesson: lesson.slug }) as never),
            );
            const { status, data } = unwrap(value);
            expect(status, url).toBe(200);
            const p = data as Preview;
            if (!p.lesson) {
              expect(p.problems.length, `${url} has no lesson module, so it must say why`).toBeGreaterThan(0);
              withProblems++;
              continue;
            }
            // The page's own lesson component, with the interface in English.
            const html = renderToString(
              createElement(
                StaticRouter,
                { location: "/" },
                createElement(
                  I18nContext.Provider,
                  { value: { locale: "en", messages: en, timeZone: "UTC" } },
                  createElement(LessonBody, {
                    lesson: p.lesson,
                    labels: p.labels as never,
                    links: { moduleSlug: p.moduleSlug, assetBase: p.assetBase },
                  }),
                ),
              ),
            );
            expect(html.length, url).toBeGreaterThan(20);
            rendered++;
          }
        }
      }
      expect(rendered + withProblems).toBeGreaterThan(0);
      if (name === "shipped" || name === "fixtures") expect(withProblems).toBe(0);
      if (name === "mistakes") expect(withProblems).toBeGreaterThanOrEqual(3);
    }, 240_000);
  }

  it("shows the failing lesson's problem with file and line, labels in the lesson's language, and staff the notice", async () => {
    const { route, LessonBody, I18nContext } = await loadRoot(ROOTS.mistakes);
    const trainer = await createTestUser({ role: "trainer" });
    const cookie = await sessionCookie(trainer.id);
    const get = async (module: string, lang: string) =>
      unwrap(
        (
          await run(() =>
            route.loader(routeArgs(makeRequest(`/content/${module}/lesson?lang=${lang}`, { cookie }), { module, lesson: "lesson" }) as never),
          )
        ).value,
      ).data as Preview;

    const failing = await get("render-error", "en");
    expect(failing.lesson).toBeNull();
    expect(failing.problems).toEqual([
      expect.objectContaining({
        file: expect.stringMatching(/10-render-error\/01-lesson\.en\.mdx$/),
        line: 8,
        message: expect.stringContaining("Lessons cannot run code: write the text itself instead of {visitorCount}"),
      }),
    ]);

    // An Indonesian lesson previewed by an English-speaking trainer: "Kiat", not "Tip".
    const id = await get("clean", "id");
    const html = renderToString(
      createElement(
        StaticRouter,
        { location: "/" },
        createElement(
          I18nContext.Provider,
          { value: { locale: "en", messages: en, timeZone: "UTC" } },
          createElement(LessonBody, {
            lesson: id.lesson!,
            labels: id.labels as never,
            links: { moduleSlug: id.moduleSlug, assetBase: id.assetBase },
          }),
        ),
      ),
    );
    expect(html).toContain("Kiat");
    expect(html).not.toContain(">Tip<");

    const staff = await createTestUser();
    const staffCookie = await sessionCookie(staff.id);
    const learner = await import("~/routes/learn.$module.$lesson");
    const { value } = await run(() =>
      learner.loader(
        routeArgs(makeRequest("/learn/render-error/lesson", { cookie: staffCookie }), { module: "render-error", lesson: "lesson" }) as never,
      ),
    );
    expect(unwrap(value)).toMatchObject({ status: 200, data: { unavailable: true, canSeeProblems: false } });
  }, 120_000);
});
