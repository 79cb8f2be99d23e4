// Example answers per rubric level (tasks.yaml `example`) reach reviewers and trainers, never a
// learner: neither the learner's loader data nor the rendered task page may hold them.
import "../setup/practice-env";
import { createElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";
import { I18nContext } from "~/components/use-t";
import { en } from "~/i18n/en";
import { id } from "~/i18n/id";
import { saveDraft, submitWork } from "~/practice/submissions.server";
import * as taskRoute from "~/routes/learn.$module.tasks.$task";
import * as reviewRoute from "~/routes/review.$submissionId";
import * as previewRoute from "~/routes/content.$module._index";
import * as moduleRoute from "~/routes/learn.$module._index";
import { getDb } from "~/db/client.server";
import { taskSubmissions } from "~/db/schema";
import { eq } from "drizzle-orm";
import { createTestUser, makeRequest, routeArgs, run, sessionCookie, unwrap } from "../setup/factories";
import { moduleBySlug } from "../setup/learning";

const page = vi.hoisted(() => ({ data: null as unknown }));
vi.mock("@remix-run/react", async (importOriginal) => {
  const actual = await importOriginal<Record<string, unknown>>();
  return {
    ...actual,
    useLoaderData: () => page.data,
    useActionData: () => undefined,
    useNavigation: () => ({ state: "idle" }),
    useRevalidator: () => ({ revalidate: () => undefined, state: "idle" }),
    Link: ({ to, children }: { to: string; children: ReactNode }) => createElement("a", { href: to }, children),
    Form: ({ children, method }: { children: ReactNode; method?: string }) => createElement("form", { method }, children),
  };
});

function render(Component: () => ReactNode, data: unknown, locale: "en" | "id" = "en") {
  page.data = data;
  return renderToStaticMarkup(
    createElement(I18nContext.Provider, { value: { locale, messages: locale === "en" ? en : id, timeZone: "UTC" } }, createElement(Component)),
  );
}

async function load(loader: (args: never) => unknown, url: string, params: Record<string, string>, userId: string) {
  const cookie = await sessionCookie(userId);
  const { value } = await run(() => loader(routeArgs(makeRequest(url, { cookie }), params) as never) as Promise<unknown>);
  const { status, data } = unwrap(value);
  expect(status, url).toBe(200);
  return data;
}

const EXAMPLE = /EXAMPLE-L\d|CONTOH-L\d/;

describe("example answers", () => {
  it("are not in a learner's task page: neither its loader data nor its HTML, in either language", async () => {
    for (const locale of ["en", "id"] as const) {
      const learner = await createTestUser({ locale });
      const data = await load(
        taskRoute.loader,
        "/learn/practice-module/tasks/voice-guide",
        { module: "practice-module", task: "voice-guide" },
        learner.id,
      );
      expect(JSON.stringify(data)).not.toMatch(EXAMPLE);
      const html = render(taskRoute.default, data, locale);
      expect(html).toContain(locale === "en" ? "Clear audiences with their needs." : "Khalayak jelas dengan kebutuhannya.");
      expect(html).not.toMatch(EXAMPLE);
      // Levels count up from 1 = lowest, and points agree in number: "0 points", "1 point".
      if (locale === "en") {
        expect(html).toContain("Level 1 (lowest)");
        expect(html).toContain("1 point<");
        expect(html).not.toContain("1 points");
      }
    }
  });

  it("are on the reviewer's page, level by level, in the reviewer's language", async () => {
    const learner = await createTestUser();
    const mod = await moduleBySlug("practice-module");
    const task = mod.tasks.find((t) => t.slug === "voice-guide")!;
    await saveDraft({ id: learner.id }, mod, task, {
      text: "We write for parents, students and retired readers.",
      link: null,
      removeFileIds: [],
      upload: null,
    });
    expect(await submitWork({ id: learner.id }, mod, task)).toMatchObject({ ok: true });
    const [sub] = await getDb().select().from(taskSubmissions).where(eq(taskSubmissions.userId, learner.id));
    const trainer = await createTestUser({ role: "trainer", locale: "id" });
    const data = (await load(reviewRoute.loader, `/review/${sub!.id}`, { submissionId: sub!.id }, trainer.id)) as {
      examples: Record<string, (string | null)[]>;
    };
    expect(data.examples).toEqual({
      audience: [
        "CONTOH-L1: Kami mengunggah untuk semua orang.",
        "CONTOH-L2: Kami mengunggah untuk anak muda.",
        "CONTOH-L3: Orang tua balita, yang perlu jadwal dongeng seminggu sebelumnya.",
      ],
      tone: [null, null],
    });
    const html = render(reviewRoute.default, data, "id");
    expect(html).toContain("Contoh jawaban pada tingkat ini");
    expect(html).toContain("CONTOH-L3: Orang tua balita");
    expect(html).toContain("Belum ada contoh jawaban.");
  });

  it("are in the trainer's module preview with the task and its rubric, beside hours and competencies", async () => {
    const trainer = await createTestUser({ role: "trainer" });
    const data = await load(previewRoute.loader, "/content/practice-module", { module: "practice-module" }, trainer.id);
    const html = render(previewRoute.default, data);
    expect(html).toContain('data-task-preview="voice-guide"');
    expect(html).toContain("EXAMPLE-L2: We post for young people.");
    expect(html).toContain("Example answers are shown to reviewers and trainers only");
    expect(html).toContain("Learning hours: 1.5 JP");
    expect(html).toContain("Public communication");
  });

  it("the learner's module page shows the hours and competencies, and no example", async () => {
    const learner = await createTestUser({ locale: "id" });
    const data = await load(moduleRoute.loader, "/learn/practice-module", { module: "practice-module" }, learner.id);
    expect(JSON.stringify(data)).not.toMatch(EXAMPLE);
    const html = render(moduleRoute.default, data, "id");
    expect(html).toContain("Jam pelajaran: 1,5 JP");
    expect(html).toContain("Komunikasi publik");
  });
});
