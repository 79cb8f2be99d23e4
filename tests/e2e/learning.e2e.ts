import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { parse } from "yaml";
import {
  clickAndWait,
  e2eEnabled,
  expectAccessible,
  launchBrowser,
  loginByCookie,
  newContext,
  screenshots,
  startServer,
  visit,
  type TestServer,
} from "./harness";
import { FIXTURE_CONTENT } from "./paths";

type QuizFile = {
  questions: {
    type: string;
    prompt: { en: string };
    answer?: boolean;
    options?: { text: { en: string }; correct?: boolean }[];
    explanation: { en: string };
  }[];
};
const quiz = parse(fs.readFileSync(path.join(FIXTURE_CONTENT, "test-course/01-quick-module/quiz.yaml"), "utf8")) as QuizFile;

/** Prompt → the option texts that are right (and one that is wrong). */
const key = new Map(
  quiz.questions.map((q) => {
    const options =
      q.type === "true-false"
        ? [
            { text: { en: "True" }, correct: q.answer === true },
            { text: { en: "False" }, correct: q.answer === false },
          ]
        : q.options!;
    return [q.prompt.en, { right: options.filter((o) => o.correct).map((o) => o.text.en), wrong: options.find((o) => !o.correct)!.text.en }];
  }),
);

async function answerQuiz(page: Page, mode: "right" | "wrong") {
  const fieldsets = page.locator("fieldset.question");
  // With JavaScript, the URL changes a moment before React renders the new page: wait for the quiz.
  await fieldsets.first().waitFor();
  const count = await fieldsets.count();
  expect(count).toBe(3);
  for (let i = 0; i < count; i++) {
    const fieldset = fieldsets.nth(i);
    const legend = (await fieldset.locator("legend").innerText()).replace(/^(Question|Soal) \d+\s*/, "").trim();
    const answer = key.get(legend);
    expect(answer, `answer key for "${legend}"`).toBeDefined();
    // Wrong answers on the first question only: 2 of 3 right is below the 100% pass mark.
    const choices = mode === "wrong" && i === 0 ? [answer!.wrong] : answer!.right;
    for (const text of choices) await fieldset.getByLabel(text, { exact: true }).check();
  }
}

async function journey(page: Page, server: TestServer, email: string, label: string) {
  // Logging in is auth.e2e.ts's subject: here a session cookie is enough.
  await loginByCookie(page, server, email);
  expect(new URL(page.url()).pathname).toBe("/learn");
  await expectAccessible(page);
  await screenshots(page, `my-learning-${label}`);
  const card = page.locator("li.module-card", { hasText: "Quick module" });
  await clickAndWait(page, card.getByRole("link", { name: /Start/ }));
  expect(new URL(page.url()).pathname).toBe("/learn/quick-module/first-lesson");
  await expectAccessible(page);
  await screenshots(page, `lesson-${label}`);
  expect(await page.locator("article").innerText()).toContain("Social media is a conversation.");
  await clickAndWait(page, page.getByRole("button", { name: "Mark as complete" }));
  expect(new URL(page.url()).pathname).toBe("/learn/quick-module/second-lesson");
  await expectAccessible(page);
  await clickAndWait(page, page.getByRole("button", { name: "Mark as complete" }));
  // Completing the last lesson leads to the quiz.
  expect(new URL(page.url()).pathname).toBe("/learn/quick-module/quiz");
  await expectAccessible(page);
  await clickAndWait(page, page.getByRole("button", { name: "Start the quiz" }));
  expect(page.url()).toMatch(/\/learn\/quick-module\/quiz\/[\w-]+$/);
  await expectAccessible(page);
  await screenshots(page, `quiz-${label}`);
  const html = await page.content();
  // No answer key in the markup or the serialised loader data.
  expect(html).not.toMatch(/\\?"correct\\?"\s*[:,]\s*(true|false|!0|!1)/);
  for (const q of quiz.questions) expect(html).not.toContain(q.explanation.en);

  // Submitting with a question unanswered points at it and grades nothing.
  const first = page.locator("fieldset.question").first();
  const firstLegend = (await first.locator("legend").innerText()).replace(/^Question \d+\s*/, "").trim();
  await first.getByLabel(key.get(firstLegend)!.right[0]!, { exact: true }).check();
  await clickAndWait(page, page.getByRole("button", { name: "Submit answers" }));
  await expect(page.getByRole("alert").innerText()).resolves.toContain("2 question(s) still need an answer");
  await expectAccessible(page);

  await answerQuiz(page, "wrong");
  await clickAndWait(page, page.getByRole("button", { name: "Submit answers" }));
  const status = page.getByRole("status").filter({ hasText: "Not passed this time" });
  await expect(status.innerText()).resolves.toContain("Your score: 67%");
  await expectAccessible(page);

  await visit(page, `${server.url}/learn/quick-module`);
  expect(await page.locator(".badge").first().innerText()).toBe("Locked");
  // The fixture's cooldown is an hour: move the server's clock past it instead of waiting.
  await server.advanceClock(3_600_000 + 1_000);
  await visit(page, `${server.url}/learn/quick-module`);
  await clickAndWait(page, page.getByRole("button", { name: "Start the quiz" }));
  await answerQuiz(page, "right");
  await clickAndWait(page, page.getByRole("button", { name: "Submit answers" }));
  await expect(page.getByRole("status").filter({ hasText: "You passed!" }).innerText()).resolves.toContain("Your score: 100%");
  // Answers are revealed after each attempt for this module.
  expect(await page.getByRole("heading", { name: "Review your answers" }).count()).toBe(1);
  await expectAccessible(page);
  await screenshots(page, `result-${label}`);

  await visit(page, `${server.url}/learn`);
  const done = page.locator("li.module-card", { hasText: "Quick module" });
  expect(await done.locator(".badge").innerText()).toBe("Passed");
  const bar = done.getByRole("progressbar");
  expect(await bar.getAttribute("aria-valuenow")).toBe("2");
  expect(await bar.getAttribute("aria-valuemax")).toBe("2");
}

describe.skipIf(!e2eEnabled)("a staff member's learning journey", () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    await server.createUser({ email: "learner@e2e.test", name: "Lina Learner" });
    await server.createUser({ email: "nojs@e2e.test", name: "Nono Script" });
    await server.createUser({ email: "trainer@e2e.test", name: "Tari Trainer", role: "trainer" });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("reads every lesson, fails, waits out the cooldown, passes and sees the module passed", async () => {
    const context = await newContext(browser);
    await journey(await context.newPage(), server, "learner@e2e.test", "js");
    await context.close();
  });

  it("works the same with JavaScript disabled", async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    await journey(await context.newPage(), server, "nojs@e2e.test", "nojs");
    await context.close();
  });

  it("lets a trainer preview a draft module with its answer key, while staff get 404", async () => {
    const trainerContext = await newContext(browser);
    const trainer = await trainerContext.newPage();
    await loginByCookie(trainer, server, "trainer@e2e.test");
    await visit(trainer, `${server.url}/content`);
    await clickAndWait(trainer, trainer.getByRole("link", { name: "Draft module" }));
    await expectAccessible(trainer);
    const keyText = await trainer.locator(".review").innerText();
    // The answer key shows both languages.
    expect(keyText).toContain("The secret draft answer");
    expect(keyText).toContain("Jawaban rahasia draf · correct");
    await clickAndWait(trainer, trainer.getByRole("link", { name: "English · Preview: Draft lesson" }));
    expect(await trainer.locator("article").innerText()).toContain("Work in progress.");
    await expectAccessible(trainer);
    // The learners of a module, with the status each of them sees.
    await visit(trainer, `${server.url}/trainer/learners?module=quick-module`);
    const learner = trainer.getByRole("row").filter({ hasText: "Lina Learner" });
    expect(await learner.getByText("Passed").count()).toBe(1);
    await trainerContext.close();

    const staffContext = await newContext(browser);
    const staff = await staffContext.newPage();
    await loginByCookie(staff, server, "learner@e2e.test");
    await visit(staff, `${server.url}/learn/draft-module`, { status: 404 });
    await visit(staff, `${server.url}/content/draft-module`, { status: 403 });
    await staffContext.close();
  });
});
