// Issue 30 end to end: a learner downloads the Open Badges credential, a visitor without
// JavaScript checks the file on the verify page (valid), HR revokes the certificate, and the
// same file then checks as revoked.
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

type QuizFile = { questions: { type: string; prompt: { en: string }; answer?: boolean; options?: { text: { en: string }; correct?: boolean }[] }[] };
const quiz = parse(fs.readFileSync(path.join(FIXTURE_CONTENT, "test-course/01-quick-module/quiz.yaml"), "utf8")) as QuizFile;
const key = new Map(
  quiz.questions.map((q) => [
    q.prompt.en,
    q.type === "true-false" ? [q.answer ? "True" : "False"] : q.options!.filter((o) => o.correct).map((o) => o.text.en),
  ]),
);
const NAME = "Sri Rahayu";

async function passQuickModule(page: Page, server: TestServer) {
  await visit(page, `${server.url}/learn/quick-module/first-lesson`);
  await clickAndWait(page, page.getByRole("button", { name: "Mark as complete" }));
  await clickAndWait(page, page.getByRole("button", { name: "Mark as complete" }));
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

async function checkFile(page: Page, server: TestServer, file: string) {
  await visit(page, `${server.url}/verify`);
  await page.getByLabel(/Credential file/).setInputFiles(file);
  await clickAndWait(page, page.getByRole("button", { name: "Check credential" }));
  return page.locator("#credential-check-heading ~ [role=status]").innerText();
}

describe.skipIf(!e2eEnabled)("Open Badges: download, verify the file, revoke", () => {
  let server: TestServer;
  let browser: Browser;
  const downloads = fs.mkdtempSync(path.join(os.tmpdir(), "academy-e2e-badge-"));

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    await server.createUser({ email: "sri@e2e.test", name: NAME });
    await server.createUser({ email: "hr@e2e.test", name: "Hana HR", role: "hr" });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    fs.rmSync(downloads, { recursive: true, force: true });
  });

  it("a learner's credential file verifies, then verifies as revoked once HR revokes the certificate", async () => {
    const learner = await newContext(browser);
    const page = await learner.newPage();
    await loginByCookie(page, server, "sri@e2e.test");
    await passQuickModule(page, server);
    await visit(page, `${server.url}/certificates`);
    await expectAccessible(page);
    const row = page.getByRole("row", { name: /Quick module/ });
    const code = (await row.locator("code").innerText()).trim();
    expect(await row.getByRole("link", { name: /Add to LinkedIn profile/ }).getAttribute("href")).toContain(`certId=${code}`);

    const [download] = await Promise.all([page.waitForEvent("download"), row.getByRole("link", { name: /Download credential/ }).click()]);
    expect(download.suggestedFilename()).toBe(`quick-module-${code}.credential.json`);
    const file = path.join(downloads, "credential.json");
    await download.saveAs(file);
    const credential = JSON.parse(fs.readFileSync(file, "utf8"));
    expect(credential.type).toEqual(["VerifiableCredential", "OpenBadgeCredential"]);
    expect(credential.credentialSubject.identifier[0].identityHash).toBe(NAME);

    // The issuer's key and the status list are public, where the credential says.
    const did = await fetch(`${server.url}/.well-known/did.json`).then((r) => r.json());
    expect(did.id).toBe(credential.issuer.id);
    expect((await fetch(credential.credentialStatus.statusListCredential)).status).toBe(200);

    // A visitor, logged out and without JavaScript, checks the file.
    const visitor = await newContext(browser, { javaScriptEnabled: false });
    const anon = await visitor.newPage();
    const valid = await checkFile(anon, server, file);
    expect(valid).toContain("Valid: the signature holds");
    expect(valid).toContain(NAME);
    await expectAccessible(anon);
    await screenshots(anon, "verify-credential-valid");

    // HR revokes the certificate.
    const hrContext = await newContext(browser);
    const hr = await hrContext.newPage();
    await loginByCookie(hr, server, "hr@e2e.test");
    await visit(hr, `${server.url}/hr/certificates`);
    await hr.getByLabel("Name, staff number or code").fill(code);
    await clickAndWait(hr, hr.getByRole("button", { name: "Apply" }));
    await clickAndWait(hr, hr.getByRole("row", { name: new RegExp(NAME) }).getByRole("link", { name: /Revoke/ }));
    await hr.getByLabel("Reason").fill("Issued to the wrong person");
    await clickAndWait(hr, hr.getByRole("button", { name: "Revoke certificate" }));
    await expect(hr.getByRole("status").filter({ hasText: "revoked" }).first().innerText()).resolves.toBe("The certificate has been revoked.");

    // The very same file now checks as revoked.
    const revoked = await checkFile(anon, server, file);
    expect(revoked).toContain("Revoked: the signature holds");
    await expectAccessible(anon);
    await screenshots(anon, "verify-credential-revoked");

    // A changed copy does not hold.
    credential.credentialSubject.achievement.name = "Advanced module";
    const forgedFile = path.join(downloads, "forged.json");
    fs.writeFileSync(forgedFile, JSON.stringify(credential));
    expect(await checkFile(anon, server, forgedFile)).toContain("Not valid: the signature does not hold");
  });
});
