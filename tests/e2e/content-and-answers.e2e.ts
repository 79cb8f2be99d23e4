// Issue 25 through the real server and browser: a forged quiz body (every option of a one-answer
// question) gets the quiz page back with the reason, without JavaScript; lessons that hold code
// answer 200 with "being updated" in both languages and never carry the server's environment.
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { clickAndWait, e2eEnabled, expectAccessible, launchBrowser, loginByCookie, newContext, startServer, visit, type TestServer } from "./harness";
import { ROOT } from "./paths";

describe.skipIf(!e2eEnabled)("forged quiz answers, without JavaScript", () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    await server.createUser({ email: "forger@e2e.test", name: "Fira Forger", locale: "id" });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("shows the quiz again with the reason, grades nothing, and takes the honest answers after", async () => {
    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await loginByCookie(page, server, "forger@e2e.test", "/learn/quick-module/first-lesson");
    await clickAndWait(page, page.getByRole("button", { name: "Tandai selesai" }));
    await clickAndWait(page, page.getByRole("button", { name: "Tandai selesai" }));
    await clickAndWait(page, page.getByRole("button", { name: "Mulai kuis" }));
    const quizUrl = page.url();
    // One option of every question ticked, as a learner would.
    const fieldsets = page.locator("fieldset.question");
    for (let i = 0; i < (await fieldsets.count()); i++) await fieldsets.nth(i).locator("input").first().check();
    // What a browser cannot send, the forger's proxy adds: every option of the first radio group.
    const group = (await page.locator('input[type="radio"]').first().getAttribute("name"))!;
    const options = await page.locator(`input[name="${group}"]`).count();
    await page.route(quizUrl, async (route) => {
      const body = new URLSearchParams(route.request().postData() ?? "");
      body.delete(group);
      for (let p = 0; p < options; p++) body.append(group, String(p));
      await route.continue({ postData: body.toString() });
    });
    const [response] = await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: "Kirim jawaban" }).click()]);
    expect(response!.status()).toBe(400);
    const alert = await page.getByRole("alert").innerText();
    expect(alert).toContain("Jawaban Anda tidak diterima");
    expect(alert).toContain("Soal ini hanya punya satu jawaban. Pilih satu opsi saja.");
    // The question says it too, next to its options, and the form is there to try again.
    expect(await page.locator(`fieldset:has(input[name="${group}"]) .field__error`).innerText()).toContain("hanya punya satu jawaban");
    await expectAccessible(page);
    await page.unroute(quizUrl);
    // Nothing was graded: the honest form goes through and is graded once.
    for (let i = 0; i < (await fieldsets.count()); i++) await fieldsets.nth(i).locator("input").first().check();
    await clickAndWait(page, page.getByRole("button", { name: "Kirim jawaban" }));
    expect(page.url()).toBe(quizUrl);
    expect(await page.getByRole("status").innerText()).toMatch(/\d/);
    await context.close();
  });
});

describe.skipIf(!e2eEnabled)("lessons that hold code", () => {
  let server: TestServer;
  let browser: Browser;
  // Values the server has that no page may show.
  const HOME = "/home/e2e-secret-home";

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startServer({ contentDir: path.join(ROOT, "tests/fixtures/lesson-code"), env: { HOME } }),
      launchBrowser(),
    ]);
    await server.createUser({ email: "reader-en@e2e.test", name: "Rea Reader", locale: "en" });
    await server.createUser({ email: "reader-id@e2e.test", name: "Rani Pembaca", locale: "id" });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("answers 200 with 'being updated' in the learner's language, without the server's environment", async () => {
    for (const [email, notice] of [
      ["reader-en@e2e.test", "This module is being updated"],
      ["reader-id@e2e.test", "Modul ini sedang diperbarui"],
    ] as const) {
      const context = await newContext(browser, { javaScriptEnabled: false });
      const page = await context.newPage();
      await loginByCookie(page, server, email, "/learn");
      for (const lesson of ["text-expression", "export", "import", "attribute", "spread", "throws", "database-path", "script-link"]) {
        await visit(page, `${server.url}/learn/runs-code/${lesson}`);
        const html = await page.content();
        expect(html, lesson).toContain(notice);
        expect(html, lesson).not.toContain(HOME);
        expect(html, lesson).not.toContain(server.dbPath);
      }
      await expectAccessible(page);
      await context.close();
    }
  });
});
