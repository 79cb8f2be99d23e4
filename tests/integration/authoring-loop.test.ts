// The authoring loop as a trainer meets it (issue 32): each mistake in tests/fixtures/authoring is
// reported with the exact message the trainer reads, at its file and line; a module.yaml that does
// not load answers learners with "being updated" (503, Retry-After) and shows trainers its error;
// an oversized picture is refused by the check and never served.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { checkContent } from "~/content/check.server";
import { scaffoldModule } from "~/content/scaffold.server";
import { en } from "~/i18n/en";
import { createTestUser, makeRequest, routeArgs, run, sessionCookie, unwrap } from "../setup/factories";
import { ROOT } from "../setup/paths";

const page = vi.hoisted(() => ({ data: null as unknown }));
vi.mock("@remix-run/react", async (importOriginal) => {
  const actual = await importOriginal<Record<string, unknown>>();
  return {
    ...actual,
    useLoaderData: () => page.data,
    useRevalidator: () => ({ revalidate: () => undefined, state: "idle" }),
    Link: ({ to, children }: { to: string; children: ReactNode }) => createElement("a", { href: to }, children),
  };
});

const FIXTURE = path.join(ROOT, "tests/fixtures/authoring");
const base = path.relative(process.cwd(), path.join(FIXTURE, "authoring-course"));
const cache = () => fs.mkdtempSync(path.join(os.tmpdir(), "authoring-cache-"));

type Row = [file: string, line: number, message: string, severity: "error" | "warning"];
const EXPECTED: Row[] = [
  ["01-broken-yaml/module.yaml", 6, "a quote opens on this line but never closes: add the closing quote at the end of the text", "error"],
  [
    "02-needs-work/01-lesson.en.mdx",
    8,
    'a paragraph starting with "export" in lower case is read as code, and lessons cannot hold code: start the sentence with a capital letter ("Export …") or another word',
    "error",
  ],
  [
    "02-needs-work/01-lesson.en.mdx",
    10,
    '"the blind" is on the glossary\'s list of words to avoid in English text: write "blind" or "people who are blind" (content/GLOSSARY.md)',
    "warning",
  ],
  [
    "02-needs-work/01-lesson.id.mdx",
    5,
    'a paragraph starting with "import" in lower case is read as code, and lessons cannot hold code: start the sentence with a capital letter ("Import …") or another word',
    "error",
  ],
  [
    "02-needs-work/01-lesson.id.mdx",
    7,
    '"tunanetra" is on the glossary\'s list of words to avoid in Indonesian text: write "disabilitas netra (penyandang disabilitas netra)" (content/GLOSSARY.md)',
    "warning",
  ],
  [
    "02-needs-work/images/wide.png",
    1,
    "this picture is 1 KB and 3000 × 20 px: pictures may be at most 1.0 MB and 2400 px on each side. Export it again at 1600 px on its longest side (JPEG at quality 80 for photos, PNG for diagrams and screenshots)",
    "error",
  ],
  [
    "02-needs-work/module.yaml",
    6,
    "hours is missing: add the module's lesson hours (JP, 45 minutes each) under estimated_minutes, for example hours: 2 for 90 minutes; certificates count 0 hours without it",
    "warning",
  ],
  [
    "02-needs-work/module.yaml",
    6,
    'competencies is missing: list the career-framework competencies (PermenPAN-RB 55/2022) this module trains, one per line, like competencies: then - { en: "Library promotion", id: "Promosi perpustakaan" }',
    "warning",
  ],
  [
    "02-needs-work/tasks.yaml",
    15,
    'task "reply", criterion "answer", level 2 has no example answer: add example: { en: "…", id: "…" } under its descriptor, a short answer that would get this level (reviewers see it, learners never do)',
    "warning",
  ],
  [
    "02-needs-work/tasks.yaml",
    16,
    'task "reply", criterion "answer", level 2: the English descriptor refers to another level ("level 1"): describe this level on its own, repeating what it shares with the others',
    "warning",
  ],
  [
    "02-needs-work/tasks.yaml",
    16,
    'task "reply", criterion "answer", level 2: the Indonesian descriptor refers to another level ("tingkat 1"): describe this level on its own, repeating what it shares with the others',
    "warning",
  ],
];

async function loadRoot(dir: string) {
  process.env.CONTENT_DIR = dir;
  process.env.CONTENT_CACHE_DIR = cache();
  vi.resetModules();
  (await import("~/config.server")).resetConfig();
  return (await import("~/content/registry.server")).warmContent({ force: true });
}

describe("content:check on the authoring fixture", () => {
  it("reports each mistake once, with the trainer's exact message, file and line, and nothing else", async () => {
    const result = await checkContent(FIXTURE, cache());
    const rows = result.problems.map((p) => [path.relative(base, p.file), p.line, p.message, p.severity]);
    expect(rows).toEqual(EXPECTED);
  });

  it("--strict makes every warning an error (examples, hours, competencies, level references, glossary)", async () => {
    const result = await checkContent(FIXTURE, cache(), { strict: true });
    expect(result.problems).toHaveLength(EXPECTED.length);
    expect(result.problems.every((p) => p.severity === "error")).toBe(true);
  });

  it("refuses a 20 MB picture with its numbers, and the asset route never sends it", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "authoring-big-"));
    fs.cpSync(FIXTURE, root, { recursive: true });
    const images = path.join(root, "authoring-course/02-needs-work/images");
    fs.rmSync(path.join(images, "wide.png"));
    // A real PNG header (1200 × 800) followed by 20 MB, as a camera export might be.
    const png = fs.readFileSync(path.join(ROOT, "tests/fixtures/authoring/authoring-course/02-needs-work/images/wide.png"));
    const header = Buffer.from(png.subarray(0, 33));
    header.writeUInt32BE(1200, 16);
    header.writeUInt32BE(800, 20);
    fs.writeFileSync(path.join(images, "photo.png"), Buffer.concat([header, Buffer.alloc(20 * 1024 * 1024)]));
    fs.writeFileSync(path.join(images, "small.png"), png);
    const result = await checkContent(root, cache());
    const found = result.problems.find((p) => p.file.endsWith("images/photo.png"));
    expect(found?.message).toBe(
      "this picture is 20.0 MB and 1200 × 800 px: pictures may be at most 1.0 MB and 2400 px on each side. Export it again at 1600 px on its longest side (JPEG at quality 80 for photos, PNG for diagrams and screenshots)",
    );
    expect(found?.severity).toBe("error");

    const state = await loadRoot(root);
    const mod = state.modules.get("needs-work")!;
    const trainer = await createTestUser({ role: "trainer" });
    const assets = await import("~/routes/content-assets.$module.$hash.$");
    const fetchAsset = async (file: string) =>
      unwrap(
        (
          await run(async () =>
            assets.loader(
              routeArgs(makeRequest(`/content-assets/needs-work/${mod.contentHash}/${file}`, { cookie: await sessionCookie(trainer.id) }), {
                module: "needs-work",
                hash: mod.contentHash,
                "*": file,
              }) as never,
            ),
          )
        ).value,
      ).status;
    expect(await fetchAsset("images/photo.png")).toBe(404);
    // A picture within the byte budget is served as before.
    expect(await fetchAsset("images/small.png")).toBe(200);
  });
});

describe("a module.yaml that does not load", () => {
  it("answers learners 503 with Retry-After on every module address, and trainers see the YAML error on /content", async () => {
    const state = await loadRoot(FIXTURE);
    expect(state.modules.has("broken-yaml")).toBe(false);
    expect(state.unavailable.get("broken-yaml")?.status).toBe("published");

    const learner = await createTestUser();
    const cookie = await sessionCookie(learner.id);
    for (const [route, url, params] of [
      ["~/routes/learn.$module._index", "/learn/broken-yaml", { module: "broken-yaml" }],
      ["~/routes/learn.$module.tasks.$task", "/learn/broken-yaml/tasks/one-post", { module: "broken-yaml", task: "one-post" }],
      ["~/routes/learn.$module.quiz._index", "/learn/broken-yaml/quiz", { module: "broken-yaml" }],
    ] as const) {
      const mod = (await import(/* @vite-ignore */ route)) as { loader: (a: never) => Promise<unknown> };
      const { thrown, value } = await run(() => mod.loader(routeArgs(makeRequest(url, { cookie }), params) as never));
      expect(thrown, url).toBe(true);
      expect((value as Response).status, url).toBe(503);
      expect((value as Response).headers.get("Retry-After"), url).toBe("300");
    }
    // An unknown address is still a plain 404.
    const index = await import("~/routes/learn.$module._index");
    const unknown = await run(() => index.loader(routeArgs(makeRequest("/learn/nothing-here", { cookie }), { module: "nothing-here" }) as never));
    expect((unknown.value as Response).status).toBe(404);

    const trainer = await createTestUser({ role: "trainer" });
    const overview = await import("~/routes/content._index");
    const { value } = await run(async () =>
      overview.loader(routeArgs(makeRequest("/content", { cookie: await sessionCookie(trainer.id) }), {}) as never),
    );
    const { status, data } = unwrap(value);
    expect(status).toBe(200);
    const d = data as { unavailable: { slug: string; problems: { file: string; line: number; message: string }[] }[]; otherProblems: unknown[] };
    expect(d.unavailable.map((u) => [u.slug, u.problems.map((p) => `${path.relative(base, p.file)}:${p.line}: ${p.message}`)])).toEqual([
      ["broken-yaml", ["01-broken-yaml/module.yaml:6: a quote opens on this line but never closes: add the closing quote at the end of the text"]],
    ]);
    // The misleading follow-ons are gone: no "no quiz.yaml", no "completion is quiz" warning.
    expect(JSON.stringify(d)).not.toMatch(/no quiz\.yaml|completion is quiz/);

    // Errors and warnings differ in words and icon, not colour alone.
    const { I18nContext } = await import("~/components/use-t");
    page.data = data;
    const html = renderToStaticMarkup(
      createElement(I18nContext.Provider, { value: { locale: "en", messages: en, timeZone: "UTC" } }, createElement(overview.default)),
    );
    expect(html).toContain('data-severity="error"><span aria-hidden="true">✖</span> 3 errors</span>');
    expect(html).toContain('data-severity="warning"><span aria-hidden="true">⚠</span> 7 warnings</span>');
    expect(html).toContain('data-severity="error"><span aria-hidden="true">✖</span> Error</span> <code>');
    expect(html).toContain("Modules that cannot load");
  });
});

describe("the lesson preview's language notice", () => {
  it("names the language asked for and the one shown, in the trainer's language", async () => {
    const state = await loadRoot(path.join(ROOT, "tests/fixtures/content"));
    const mod = [...state.modules.values()].find((m) => m.lessons.some((l) => l.translations.en && !l.translations.id))!;
    const lesson = mod.lessons.find((l) => !l.translations.id)!;
    const trainer = await createTestUser({ role: "trainer" });
    const route = await import("~/routes/content.$module.$lesson");
    const { value } = await run(async () =>
      route.loader(
        routeArgs(makeRequest(`/content/${mod.slug}/${lesson.slug}?lang=id`, { cookie: await sessionCookie(trainer.id) }), {
          module: mod.slug,
          lesson: lesson.slug,
        }) as never,
      ),
    );
    const { data } = unwrap(value);
    expect(data).toMatchObject({ requested: "id", lang: "en", fallback: true });
    const { I18nContext } = await import("~/components/use-t");
    page.data = { ...(data as object), code: null, problems: [] };
    const html = renderToStaticMarkup(
      createElement(I18nContext.Provider, { value: { locale: "en", messages: en, timeZone: "UTC" } }, createElement(route.default)),
    );
    expect(html).toContain("This lesson has no Indonesian version yet: you are previewing the English version.");
  });
});

describe("content:new", () => {
  it("scaffolds hours and competencies, and the module passes --strict", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "authoring-new-"));
    fs.mkdirSync(path.join(root, "c"));
    fs.copyFileSync(path.join(FIXTURE, "authoring-course/course.yaml"), path.join(root, "c/course.yaml"));
    const dir = scaffoldModule(path.join(root, "c"), "fresh-module");
    const yaml = fs.readFileSync(path.join(dir, "module.yaml"), "utf8");
    expect(yaml).toMatch(/^hours: 0\.5 /m);
    expect(yaml).toMatch(/^competencies:/m);
    const result = await checkContent(root, cache(), { strict: true });
    expect(result.problems).toEqual([]);
  });
});
