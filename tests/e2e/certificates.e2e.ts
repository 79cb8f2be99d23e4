import fs from "node:fs";
import os from "node:os";
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
import { pdfText } from "../setup/pdf-read";

type QuizFile = { questions: { type: string; prompt: { en: string }; answer?: boolean; options?: { text: { en: string }; correct?: boolean }[] }[] };
const quiz = parse(fs.readFileSync(path.join(FIXTURE_CONTENT, "test-course/01-quick-module/quiz.yaml"), "utf8")) as QuizFile;
/** Prompt → the option texts that are right. */
const key = new Map(
  quiz.questions.map((q) => [
    q.prompt.en,
    q.type === "true-false" ? [q.answer ? "True" : "False"] : q.options!.filter((o) => o.correct).map((o) => o.text.en),
  ]),
);

const NAME = "Nguyễn Thị Ánh";

async function passQuickModule(page: Page, server: TestServer) {
  await visit(page, `${server.url}/learn/quick-module/first-lesson`);
  await clickAndWait(page, page.getByRole("button", { name: "Mark as complete" }));
  await clickAndWait(page, page.getByRole("button", { name: "Mark as complete" }));
  expect(new URL(page.url()).pathname).toBe("/learn/quick-module/quiz");
  await clickAndWait(page, page.getByRole("button", { name: "Start the quiz" }));
  const fieldsets = page.locator("fieldset.question");
  for (let i = 0; i < (await fieldsets.count()); i++) {
    const fieldset = fieldsets.nth(i);
    const legend = (await fieldset.locator("legend").innerText()).replace(/^Question \d+\s*/, "").trim();
    for (const text of key.get(legend)!) await fieldset.getByLabel(text, { exact: true }).check();
  }
  await clickAndWait(page, page.getByRole("button", { name: "Submit answers" }));
  // The URL can change before the result has rendered: wait for it rather than count at once.
  await page.getByRole("status").filter({ hasText: "You passed!" }).waitFor();
}

describe.skipIf(!e2eEnabled)("certificates: earn, download, verify, revoke", () => {
  let server: TestServer;
  let browser: Browser;
  const downloads = fs.mkdtempSync(path.join(os.tmpdir(), "academy-e2e-cert-"));

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    const unit = server.createOrgUnit("Perpustakaan Pusat");
    await server.createUser({ email: "anh@e2e.test", name: NAME, orgUnitId: unit });
    await server.createUser({ email: "hr@e2e.test", name: "Hana HR", role: "hr" });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    fs.rmSync(downloads, { recursive: true, force: true });
  });

  it("a learner passes, downloads the PDF and shares a verify link that anyone can open; HR revokes it", async () => {
    // The learner earns the certificate.
    const learner = await newContext(browser);
    const page = await learner.newPage();
    await loginByCookie(page, server, "anh@e2e.test");
    await passQuickModule(page, server);

    await clickAndWait(page, page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My certificates" }));
    expect(new URL(page.url()).pathname).toBe("/certificates");
    await expectAccessible(page);
    const row = page.getByRole("row", { name: /Quick module/ });
    expect(await row.locator(".badge").innerText()).toBe("Valid");
    const code = (await row.locator("code").innerText()).trim();
    expect(code).toMatch(/^[A-Z0-9]{4}(-[A-Z0-9]{4}){3}$/);

    // The PDF downloads and carries the name and the code.
    const [download] = await Promise.all([page.waitForEvent("download"), row.getByRole("link", { name: /Download PDF/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/^quick-module_Nguyen-Thi-Anh_.+\.pdf$/);
    const file = path.join(downloads, "certificate.pdf");
    await download.saveAs(file);
    expect(fs.readFileSync(file).subarray(0, 5).toString()).toBe("%PDF-");
    const text = await pdfText(file);
    expect(text).toContain(NAME);
    expect(text).toContain(code);

    // The verify link, shown for copying.
    await clickAndWait(page, row.getByRole("link", { name: /Verify link/ }));
    await expectAccessible(page);
    await screenshots(page, "my-certificates");
    const verifyUrl = await page.getByLabel("Verify link", { exact: true }).inputValue();
    expect(verifyUrl).toBe(`${server.url}/verify/${code}`);

    // Anyone, logged out and without JavaScript, sees it valid.
    const visitor = await newContext(browser, { javaScriptEnabled: false });
    const anon = await visitor.newPage();
    await visit(anon, verifyUrl);
    expect(await anon.getByRole("heading", { level: 1 }).innerText()).toContain("This certificate is valid");
    const facts = await anon.locator("dl.facts").innerText();
    expect(facts).toContain(NAME);
    expect(facts).toContain("Quick module");
    await screenshots(anon, "verify-valid");
    // Typing the code by hand, sloppily, leads to the same page.
    await visit(anon, `${server.url}/verify`);
    await anon.getByLabel("Certificate code").fill(code.toLowerCase().replace(/-/g, " "));
    await clickAndWait(anon, anon.getByRole("button", { name: "Verify" }));
    expect(new URL(anon.url()).pathname).toBe(`/verify/${code}`);
    expect(await anon.getByRole("heading", { level: 1 }).innerText()).toContain("This certificate is valid");
    // An unknown code is a clear 404.
    await visit(anon, `${server.url}/verify/2222-3333-4444-6666`, { status: 404 });
    expect(await anon.getByRole("heading", { level: 1 }).innerText()).toBe("No certificate has this code");

    // HR revokes it with a reason.
    const hrContext = await newContext(browser);
    const hr = await hrContext.newPage();
    await loginByCookie(hr, server, "hr@e2e.test");
    await clickAndWait(hr, hr.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Certificates", exact: true }));
    await expectAccessible(hr);
    await hr.getByLabel("Name, staff number or code").fill(code);
    await clickAndWait(hr, hr.getByRole("button", { name: "Apply" }));
    await expect(hr.getByRole("status").filter({ hasText: "Certificates found" }).innerText()).resolves.toBe("Certificates found: 1");
    await screenshots(hr, "hr-certificates");
    await clickAndWait(hr, hr.getByRole("row", { name: new RegExp(NAME) }).getByRole("link", { name: /Revoke/ }));
    await expectAccessible(hr);
    // A reason is required.
    await clickAndWait(hr, hr.getByRole("button", { name: "Revoke certificate" }));
    expect(await hr.getByLabel("Reason").getAttribute("aria-invalid")).toBe("true");
    await expectAccessible(hr);
    await hr.getByLabel("Reason").fill("Quiz answers were shared in a group chat");
    await clickAndWait(hr, hr.getByRole("button", { name: "Revoke certificate" }));
    await expect(hr.getByRole("status").filter({ hasText: "revoked" }).first().innerText()).resolves.toBe("The certificate has been revoked.");
    expect(
      await hr
        .getByRole("row", { name: new RegExp(NAME) })
        .locator(".badge")
        .innerText(),
    ).toBe("Revoked");
    await expectAccessible(hr);

    // The verify page now says revoked, and not why.
    await visit(anon, verifyUrl);
    expect(await anon.getByRole("heading", { level: 1 }).innerText()).toContain("This certificate has been revoked");
    expect(await anon.locator("main").innerText()).not.toContain("group chat");
    await screenshots(anon, "verify-revoked");

    // The learner sees it revoked, with the way back to the module.
    await visit(page, `${server.url}/certificates`);
    const revokedRow = page.getByRole("row", { name: /Quick module/ });
    expect(await revokedRow.locator(".badge").innerText()).toBe("Revoked");
    expect(await revokedRow.getByRole("link", { name: "Take the module again" }).getAttribute("href")).toBe("/learn/quick-module");

    // HR's bulk download holds the one PDF.
    const [zip] = await Promise.all([hr.waitForEvent("download"), hr.getByRole("link", { name: "Download these as a ZIP" }).click()]);
    expect(zip.suggestedFilename()).toMatch(/^certificates-\d{4}-\d{2}-\d{2}\.zip$/);
    const zipFile = path.join(downloads, "certificates.zip");
    await zip.saveAs(zipFile);
    expect(fs.readFileSync(zipFile).subarray(0, 2).toString()).toBe("PK");

    await Promise.all([learner.close(), visitor.close(), hrContext.close()]);
  });

  it("keeps My certificates and HR certificates to their roles", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await loginByCookie(page, server, "anh@e2e.test");
    await visit(page, `${server.url}/hr/certificates`, { status: 403 });
    const nav = await page.getByRole("navigation", { name: "Main" }).getByRole("link").allInnerTexts();
    expect(nav).toContain("My certificates");
    expect(nav).not.toContain("Certificates");
    await context.close();
  });
});
