// Learning paths end to end: HR assigns a path to a branch in the browser; a learner in the
// branch sees it on My learning, finds the second module locked until the first is certified,
// passes both and gets the path certificate, which the public verify page confirms; the learner
// downloads the path's Open Badges credential and the verify page, without JavaScript, says Valid.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { parse } from "yaml";
import { clickAndWait, e2eEnabled, expectAccessible, launchBrowser, loginByCookie, newContext, startServer, visit, type TestServer } from "./harness";
import { FIXTURE_CONTENT } from "./paths";

type QuizFile = { questions: { type: string; prompt: { en: string }; answer?: boolean; options?: { text: { en: string }; correct?: boolean }[] }[] };
/** Prompt → the option texts that are right, for both fixture modules. */
const key = new Map(
  ["01-quick-module", "02-limited-module"].flatMap((folder) =>
    (parse(fs.readFileSync(path.join(FIXTURE_CONTENT, "test-course", folder, "quiz.yaml"), "utf8")) as QuizFile).questions.map(
      (q) =>
        [q.prompt.en, q.type === "true-false" ? [q.answer ? "True" : "False"] : q.options!.filter((o) => o.correct).map((o) => o.text.en)] as const,
    ),
  ),
);

async function passModule(page: Page, server: TestServer, slug: string) {
  await visit(page, `${server.url}/learn/${slug}`);
  await clickAndWait(page, page.getByRole("link", { name: "Start", exact: true }));
  while (new URL(page.url()).pathname !== `/learn/${slug}/quiz`) {
    await clickAndWait(page, page.getByRole("button", { name: "Mark as complete" }));
  }
  await clickAndWait(page, page.getByRole("button", { name: "Start the quiz" }));
  const fieldsets = page.locator("fieldset.question");
  for (let i = 0; i < (await fieldsets.count()); i++) {
    const fieldset = fieldsets.nth(i);
    const legend = (await fieldset.locator("legend").innerText()).replace(/^Question \d+\s*/, "").trim();
    for (const text of key.get(legend)!) await fieldset.getByLabel(text, { exact: true }).check();
  }
  await clickAndWait(page, page.getByRole("button", { name: "Submit answers" }));
  await page.getByRole("status").filter({ hasText: "You passed!" }).waitFor();
}

describe.skipIf(!e2eEnabled)("learning paths: assign to a branch, follow in order, path certificate", () => {
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const branch = server.createOrgUnit("Cabang Sungai");
    await server.createUser({ email: "dewi@e2e.test", name: "Dewi Lestari", orgUnitId: branch });
    await server.createUser({ email: "hr@e2e.test", name: "Hana HR", role: "hr" });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("HR assigns a path to a branch; a learner follows it in order to the path certificate", async () => {
    const hr = await (await newContext(browser)).newPage();
    await loginByCookie(hr, server, "hr@e2e.test", "/hr/paths");
    await expectAccessible(hr);
    await hr.getByLabel("Learning path").selectOption({ label: "Quick start" });
    await hr.getByLabel("An org unit").check();
    await hr.getByLabel("Org unit", { exact: true }).selectOption({ label: "Cabang Sungai" });
    await hr.getByLabel("Due date").fill("2099-12-31");
    await clickAndWait(hr, hr.getByRole("button", { name: "Assign" }));
    await hr
      .getByRole("row", { name: /Quick start/ })
      .first()
      .waitFor();
    await expectAccessible(hr, "/hr/paths after assigning");

    const page = await (await newContext(browser)).newPage();
    await loginByCookie(page, server, "dewi@e2e.test");
    const card = page.locator(".module-card", { has: page.getByRole("link", { name: "Quick start" }) });
    expect(await card.innerText()).toContain("0 of 2 modules certified");
    await expectAccessible(page, "/learn with a path");
    // The second module's lesson sends the learner back to the module page, which says why.
    await visit(page, `${server.url}/learn/limited-module/only-lesson`);
    expect(new URL(page.url()).pathname).toBe("/learn/limited-module");
    await page.locator(".notice", { hasText: "Quick start" }).waitFor();

    await passModule(page, server, "quick-module");
    await passModule(page, server, "limited-module");

    await visit(page, `${server.url}/learn/paths/quick-start`);
    await expectAccessible(page, "the path page");
    await page.locator(".notice", { hasText: "earned its certificate" }).waitFor();
    await visit(page, `${server.url}/certificates`);
    const section = page.locator("section", { has: page.getByRole("heading", { name: "Learning path certificates" }) });
    const code = (await section.locator("code").first().innerText()).trim();
    await expectAccessible(page, "/certificates with a path certificate");
    expect(await section.getByRole("link", { name: /Add to LinkedIn profile/ }).getAttribute("href")).toContain(`certId=${code}`);
    const [download] = await Promise.all([page.waitForEvent("download"), section.getByRole("link", { name: /Download credential/ }).click()]);
    expect(download.suggestedFilename()).toBe(`path-quick-start-${code}.credential.json`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "academy-e2e-path-badge-"));
    const file = path.join(dir, "path.credential.json");
    try {
      await download.saveAs(file);
      const credential = JSON.parse(fs.readFileSync(file, "utf8"));
      expect(credential.credentialSubject.achievement).toMatchObject({ achievementType: "LearningProgram", name: "Quick start" });
      const anon = await (await newContext(browser, { javaScriptEnabled: false })).newPage();
      await visit(anon, `${server.url}/verify`);
      await anon.getByLabel(/Credential file/).setInputFiles(file);
      await clickAndWait(anon, anon.getByRole("button", { name: "Check credential" }));
      const verdict = await anon.locator("#credential-check-heading ~ [role=status]").innerText();
      expect(verdict).toContain("Valid: the signature holds");
      expect(await anon.locator("body").innerText()).toContain("Learning path (every module in it certified)");
      await expectAccessible(anon, "verify page with a path credential");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }

    const visitor = await (await newContext(browser)).newPage();
    await visit(visitor, `${server.url}/verify/${code}`);
    expect(await visitor.getByRole("heading", { level: 1 }).innerText()).toContain("This certificate is valid");
    expect(await visitor.locator("dl.facts").innerText()).toMatch(/Learning path\s+Quick start/);
    await expectAccessible(visitor, "verify page of a path certificate");
  });
});
