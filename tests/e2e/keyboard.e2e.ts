import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { parse } from "yaml";
import { e2eEnabled, expectAccessible, hydrated, launchBrowser, newContext, PASSWORD, startServer, type TestServer } from "./harness";
import { FIXTURE_CONTENT } from "./paths";

type QuizFile = { questions: { type: string; prompt: { en: string }; answer?: boolean; options?: { text: { en: string }; correct?: boolean }[] }[] };
const quiz = parse(fs.readFileSync(path.join(FIXTURE_CONTENT, "test-course/01-quick-module/quiz.yaml"), "utf8")) as QuizFile;
const rightAnswers = new Map(
  quiz.questions.map((q) => [
    q.prompt.en,
    q.type === "true-false" ? [q.answer ? "True" : "False"] : q.options!.filter((o) => o.correct).map((o) => o.text.en),
  ]),
);

type Focused = { tag: string; name: string | null; id: string; text: string; type: string | null; outline: string; checked: boolean | null };

async function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement & { checked?: boolean };
    const style = getComputedStyle(el);
    const label = el.closest("label")?.textContent ?? "";
    return {
      tag: el.tagName.toLowerCase(),
      name: el.getAttribute("name"),
      id: el.id,
      text: (el.textContent || label).trim(),
      type: el.getAttribute("type"),
      outline: `${style.outlineStyle} ${style.outlineWidth}`,
      checked: typeof el.checked === "boolean" ? el.checked : null,
    };
  });
}

/** Presses Tab until the focused element matches, failing after `max` presses. */
async function tabTo(page: Page, match: (f: Focused) => boolean, what: string, max = 40) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const f = await focused(page);
    if (match(f)) {
      // Focus is always visible: the focus ring is drawn (3px outline from :focus-visible).
      expect(f.outline, `focus ring on ${what}`).not.toMatch(/^none/);
      return f;
    }
  }
  throw new Error(`could not reach ${what} with Tab`);
}

async function pressAndWait(page: Page, key: string) {
  await Promise.all([page.waitForNavigation(), page.keyboard.press(key)]);
  await page.waitForLoadState();
  await hydrated(page);
}

describe.skipIf(!e2eEnabled)("keyboard only", () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    await server.createUser({ email: "keys@e2e.test", name: "Kirana Keys" });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("logs in, reads a lesson, marks it complete and passes a quiz with Tab, Space, Enter and arrows", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${server.url}/login`);

    // The skip link comes first and moves focus to the main content.
    await page.keyboard.press("Tab");
    expect((await focused(page)).text).toBe("Skip to main content");
    await page.keyboard.press("Enter");
    expect((await focused(page)).id).toBe("main");

    // Submitting the empty form: focus lands on the first invalid field.
    await tabTo(page, (f) => f.name === "email", "the email field");
    await pressAndWait(page, "Enter");
    expect((await focused(page)).name).toBe("email");
    await expectAccessible(page);
    await page.keyboard.type("keys@e2e.test");
    await page.keyboard.press("Tab");
    expect((await focused(page)).name).toBe("password");
    await page.keyboard.type(PASSWORD);
    await pressAndWait(page, "Enter");
    expect(new URL(page.url()).pathname).toBe("/learn");

    await tabTo(page, (f) => f.tag === "a" && f.text.startsWith("Start"), "the Start link of a module");
    // The first module card in the catalog is the quick module.
    await pressAndWait(page, "Enter");
    expect(new URL(page.url()).pathname).toBe("/learn/quick-module/first-lesson");

    await tabTo(page, (f) => f.text === "Mark as complete", "Mark as complete");
    await pressAndWait(page, "Space");
    expect(new URL(page.url()).pathname).toBe("/learn/quick-module/second-lesson");
    await tabTo(page, (f) => f.text === "Mark as complete", "Mark as complete");
    await pressAndWait(page, "Enter");
    expect(new URL(page.url()).pathname).toBe("/learn/quick-module/quiz");
    await tabTo(page, (f) => f.text === "Start the quiz", "Start the quiz");
    await pressAndWait(page, "Enter");

    const questions = page.locator("fieldset.question");
    const count = await questions.count();
    for (let i = 0; i < count; i++) {
      const legend = (await questions.nth(i).locator("legend").innerText()).replace(/^Question \d+\s*/, "").trim();
      const right = rightAnswers.get(legend)!;
      const first = await tabTo(page, (f) => f.name?.startsWith("q.") === true, `question ${i + 1}`);
      if (first.type === "radio") {
        // Arrow keys move through a radio group and select as they go.
        await page.keyboard.press("Space");
        for (let step = 0; step < 8 && !right.includes((await focused(page)).text); step++) await page.keyboard.press("ArrowDown");
        expect(right).toContain((await focused(page)).text);
        expect((await focused(page)).checked).toBe(true);
      } else {
        // Checkboxes: Space on each right option, Tab between them.
        const options = await questions.nth(i).locator("input").count();
        for (let o = 0; o < options; o++) {
          if (o > 0) await page.keyboard.press("Tab");
          if (right.includes((await focused(page)).text)) await page.keyboard.press("Space");
        }
      }
    }
    await tabTo(page, (f) => f.text === "Submit answers", "Submit answers");
    await pressAndWait(page, "Enter");

    // The result is announced (a live status region) and focused. The URL changes a moment
    // before the new page renders, so allow the render (not the focus) a little time.
    await page.waitForFunction(() => document.activeElement?.tagName === "H1", null, { timeout: 5000 });
    const result = await focused(page);
    expect(result.tag).toBe("h1");
    expect(result.text).toBe("You passed!");
    const live = page.locator('[role="status"][aria-live="polite"]');
    expect(await live.innerText()).toContain("Your score: 100%");
    await expectAccessible(page);

    // Shift+Tab goes back the way it came.
    await page.keyboard.press("Tab");
    const forward = await focused(page);
    await page.keyboard.press("Tab");
    await page.keyboard.press("Shift+Tab");
    expect((await focused(page)).text).toBe(forward.text);
    await context.close();
  });
});
