// A practical task's scenario is shown with the SocialPost look, so it needs its platform: the
// page once rendered "Comment · " with an empty platform. The loader data, the rendered page and
// the tasks.yaml check are tested here.
import "../setup/practice-env";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { I18nContext } from "~/components/use-t";
import { loadContent } from "~/content/load.server";
import { en } from "~/i18n/en";
import { id } from "~/i18n/id";
import * as taskRoute from "~/routes/learn.$module.tasks.$task";
import { createTestUser, makeRequest, routeArgs, run, sessionCookie, unwrap } from "../setup/factories";

// The page component reads its data through Remix hooks; here they return the real loader's data.
const page = vi.hoisted(() => ({ data: null as unknown }));
vi.mock("@remix-run/react", async (importOriginal) => {
  const actual = await importOriginal<Record<string, unknown>>();
  return {
    ...actual,
    useLoaderData: () => page.data,
    useActionData: () => undefined,
    useNavigation: () => ({ state: "idle" }),
    Link: ({ to, children }: { to: string; children: ReactNode }) => createElement("a", { href: to }, children),
    Form: ({ children, method }: { children: ReactNode; method?: string }) => createElement("form", { method }, children),
  };
});

type Scenario = { platform: string; account: string; kind: string; text: string };

async function taskPage(locale: "en" | "id") {
  const user = await createTestUser({ locale });
  const cookie = await sessionCookie(user.id);
  const { value } = await run(() =>
    taskRoute.loader(
      routeArgs(makeRequest("/learn/practice-module/tasks/voice-guide", { cookie }), { module: "practice-module", task: "voice-guide" }) as never,
    ),
  );
  const { status, data } = unwrap(value);
  expect(status).toBe(200);
  page.data = data;
  const html = renderToStaticMarkup(
    createElement(
      I18nContext.Provider,
      { value: { locale, messages: locale === "en" ? en : id, timeZone: "UTC" } },
      createElement(taskRoute.default),
    ),
  );
  return { scenario: (data as { task: { scenario: Scenario } }).task.scenario, html };
}

describe("task scenario", () => {
  it("passes the platform and kind from tasks.yaml to the page, in the reader's language", async () => {
    const enPage = await taskPage("en");
    expect(enPage.scenario).toEqual({
      platform: "Instagram",
      account: "@rina_reads",
      kind: "comment",
      text: "Why is the library closed on Sunday again??",
    });
    const idPage = await taskPage("id");
    expect(idPage.scenario).toMatchObject({ platform: "Instagram", kind: "comment", text: "Kenapa perpustakaan tutup lagi hari Minggu??" });
  });

  it("shows the platform in the SocialPost head and in its accessible name", async () => {
    const { html } = await taskPage("en");
    expect(html).toContain('<span class="social-post__meta">Comment · Instagram</span>');
    expect(html).toContain('aria-label="Comment by @rina_reads on Instagram"');
    expect(html).not.toMatch(/· <\/span>/);
    const idPage = await taskPage("id");
    expect(idPage.html).toMatch(/<span class="social-post__meta">[^<]+ · Instagram<\/span>/);
  });

  it("reports a scenario without a platform, or with an unknown kind, at its line", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "task-scenario-"));
    const dir = path.join(root, "c", "01-m");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(root, "c", "course.yaml"), "slug: c\nstatus: published\ntitle: { en: C, id: C }\nsummary: { en: C, id: C }\n");
    fs.writeFileSync(
      path.join(dir, "module.yaml"),
      "slug: m\nstatus: published\nmajor_version: 1\ntitle: { en: M, id: M }\nsummary: { en: M, id: M }\nestimated_minutes: 5\npass_mark: 50\nmax_attempts: 1\ncooldown: 0\nreveal_answers: never\ncertificate_validity_months: none\ncompletion: tasks\n",
    );
    fs.writeFileSync(path.join(dir, "01-a.en.mdx"), "---\ntitle: A\nminutes: 1\n---\n\nText.\n");
    fs.writeFileSync(path.join(dir, "01-a.id.mdx"), "---\ntitle: A\nminutes: 1\n---\n\nTeks.\n");
    const task = (slug: string, scenario: string[]) => [
      `  - slug: ${slug}`,
      "    version: 1",
      "    title: { en: T, id: T }",
      "    instructions: { en: I, id: I }",
      ...scenario,
      "    submit: { text: { min: 1, max: 100 } }",
      "    rubric:",
      "      - id: a",
      "        title: { en: A, id: A }",
      "        levels:",
      "          - { points: 0, descriptor: { en: x, id: x } }",
      "          - { points: 1, descriptor: { en: y, id: y } }",
      "    pass: { min_level: 1 }",
    ];
    fs.writeFileSync(
      path.join(dir, "tasks.yaml"),
      [
        "tasks:",
        ...task("no-platform", ["    scenario:", "      account: { en: '@a', id: '@a' }", "      text: { en: Hi, id: Halo }"]),
        ...task("bad-kind", [
          "    scenario:",
          "      platform: WhatsApp",
          "      account: { en: '@a', id: '@a' }",
          "      kind: story",
          "      text: { en: Hi, id: Halo }",
        ]),
        ...task("fine", ["    scenario:", "      platform: Facebook", "      account: { en: '@a', id: '@a' }", "      text: { en: Hi, id: Halo }"]),
        "",
      ].join("\n"),
    );
    const loaded = loadContent(root);
    const messages = loaded.problems.filter((p) => p.file.endsWith("tasks.yaml")).map((p) => `${p.line}: ${p.message}`);
    expect(messages).toEqual([
      "7: `platform` is missing (tasks → #1 → scenario): add it",
      "24: tasks → #2 → scenario → kind: scenario kind must be post, comment or message",
    ]);
  });

  it("keeps a valid scenario's platform and defaults its kind to comment", () => {
    const mod = loadContent(process.env.CONTENT_DIR!).modules.get("practice-module")!;
    expect(mod.tasks[0]!.scenario).toEqual({
      platform: "Instagram",
      account: { en: "@rina_reads", id: "@rina_reads" },
      kind: "comment",
      text: { en: "Why is the library closed on Sunday again??", id: "Kenapa perpustakaan tutup lagi hari Minggu??" },
    });
  });
});
