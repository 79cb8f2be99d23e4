// Issue 26, "Done when": a learner whose module needs a practical task passes the quiz and sees
// the truthful message (no certificate link); after a mentor with an English UI approves the
// task, the Indonesian learner's PDF (read back with pdftotext) and verify page are in Indonesian.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "./paths";
import {
  clickAndWait,
  e2eEnabled,
  expectAccessible,
  launchBrowser,
  login,
  loginByCookie,
  newContext,
  startServer,
  visit,
  type TestServer,
} from "./harness";

const PRACTICE_CONTENT = path.join(ROOT, "tests/fixtures/practice-content");
const WORK = "Kami menulis untuk orang tua, pelajar dan pembaca lansia. Nada kami hangat, lugas dan ingin tahu.";

describe.skipIf(!e2eEnabled)("certificates in the learner's language", () => {
  let server: TestServer;
  let browser: Browser;
  const downloads = fs.mkdtempSync(path.join(os.tmpdir(), "academy-e2e-cert-lang-"));

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer({ contentDir: PRACTICE_CONTENT }), launchBrowser()]);
    const unit = server.createOrgUnit("Cabang Selatan");
    await server.createUser({ email: "sari@e2e.test", name: "Sari Lestari", orgUnitId: unit, locale: "id" });
    const mentor = await server.createUser({ email: "mentor@e2e.test", name: "Mira Mentor", role: "mentor", locale: "en" });
    const orgId = randomBytes(8).toString("hex");
    const now = Date.now();
    server.db.prepare("insert into partner_organisations (id, name, created_at) values (?, ?, ?)").run(orgId, "Dinas Kominfo", now);
    server.db.prepare("insert into mentor_profiles (user_id, partner_organisation_id, created_at) values (?, ?, ?)").run(mentor, orgId, now);
    server.db
      .prepare("insert into mentor_assignments (id, mentor_id, module_slug, org_unit_id, created_at) values (?, ?, ?, null, ?)")
      .run(randomBytes(8).toString("hex"), mentor, "practice-module", now);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it("passing the quiz says the task is still to be approved; the English-speaking mentor's approval issues an Indonesian certificate", async () => {
    const learner = await (await newContext(browser)).newPage();
    await loginByCookie(learner, server, "sari@e2e.test");
    await visit(learner, `${server.url}/learn/practice-module/voice`);
    await clickAndWait(learner, learner.getByRole("button", { name: "Tandai selesai" }));
    await visit(learner, `${server.url}/learn/practice-module/quiz`);
    await clickAndWait(learner, learner.getByRole("button", { name: "Mulai kuis" }));
    await learner.getByLabel("Benar", { exact: true }).check();
    await clickAndWait(learner, learner.getByRole("button", { name: "Kirim jawaban" }));
    await learner.getByRole("status").filter({ hasText: "Selamat, Anda lulus!" }).waitFor();
    const resultUrl = learner.url();
    const main = await learner.locator("main").innerText();
    expect(main).toContain("sertifikat Anda baru terbit setelah itu, belum sekarang");
    expect(main).toContain("Tulis panduan gaya bahasa perpustakaan Anda: belum diserahkan");
    expect(await learner.locator('main a[href*="/pdf"]').count()).toBe(0);
    expect(main).not.toContain("Unduh sertifikat");
    await expectAccessible(learner);

    // The same page without JavaScript says the same.
    const noJs = await (await newContext(browser, { javaScriptEnabled: false, width: 360 })).newPage();
    await login(noJs, server.url, "sari@e2e.test");
    await visit(noJs, resultUrl);
    expect(await noJs.locator("main").innerText()).toContain("belum diserahkan");
    await expectAccessible(noJs);

    // The learner follows the link to the task and hands it in.
    await clickAndWait(learner, learner.locator("[data-outcome=awaiting-tasks] li a").first());
    expect(new URL(learner.url()).pathname).toBe("/learn/practice-module/tasks/voice-guide");
    await learner.getByLabel("Teks Anda").fill(WORK);
    await clickAndWait(learner, learner.getByRole("button", { name: "Serahkan untuk dinilai" }));
    await visit(learner, resultUrl);
    expect(await learner.locator("[data-standing]").getAttribute("data-standing")).toBe("waiting-for-review");
    expect(await learner.locator("main").innerText()).toContain("sudah diserahkan, menunggu dinilai");

    // A mentor whose site is in English approves.
    const mentor = await (await newContext(browser)).newPage();
    await loginByCookie(mentor, server, "mentor@e2e.test", "/review");
    await clickAndWait(mentor, mentor.getByRole("row", { name: /Sari Lestari/ }).getByRole("link"));
    await clickAndWait(mentor, mentor.getByRole("button", { name: "Start reviewing" }));
    await mentor
      .getByRole("group", { name: "Knows the audience" })
      .getByLabel(/^Level 3/)
      .check();
    await mentor.getByLabel("Comment on Knows the audience").fill("Names parents and students clearly.");
    await mentor
      .getByRole("group", { name: "Tone" })
      .getByLabel(/^Level 2/)
      .check();
    await mentor.getByLabel("Comment on Tone").fill("Warm and plain.");
    await mentor.getByLabel("Overall comment").fill("Ready to use.");
    await mentor.getByLabel("Approve", { exact: true }).check();
    await clickAndWait(mentor, mentor.getByRole("button", { name: "Record the decision" }));
    await mentor.getByRole("status").filter({ hasText: "The decision is recorded." }).first().waitFor();

    // The quiz result now links to the certificate; the PDF is in Indonesian.
    await visit(learner, resultUrl);
    expect(await learner.locator("main").innerText()).toContain("Sertifikat Anda sudah terbit.");
    await expectAccessible(learner);
    const [download] = await Promise.all([
      learner.waitForEvent("download"),
      learner.getByRole("link", { name: "Unduh sertifikat Anda (PDF)" }).click(),
    ]);
    const file = path.join(downloads, "sertifikat.pdf");
    await download.saveAs(file);
    const text = execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
    expect(text).toContain("Sertifikat Penyelesaian");
    expect(text).toContain("Sari Lestari");
    expect(text).toContain("Modul praktik");
    expect(text).toContain("Tugas praktik dinilai oleh Mira Mentor (Dinas Kominfo)");
    expect(text).not.toContain("Certificate of completion");

    // The verify page, opened by a visitor without JavaScript and an English browser, is in Indonesian.
    const code = (text.match(/[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}/) ?? [""])[0];
    expect(code).not.toBe("");
    const visitor = await (await newContext(browser, { javaScriptEnabled: false, locale: "en-GB" })).newPage();
    await visit(visitor, `${server.url}/verify/${code}`);
    expect(await visitor.getByRole("heading", { level: 1 }).innerText()).toContain("Sertifikat ini berlaku");
    const verifyText = await visitor.locator("main").innerText();
    expect(verifyText).toContain("Cara sertifikat ini diperoleh");
    expect(verifyText).toMatch(/Lulus kuis modul dengan nilai 100\s?% pada /);
    expect(verifyText).toContain("dinilai oleh mentor, Mira Mentor (Dinas Kominfo), dan disetujui pada");
    expect(verifyText).not.toMatch(/rubri[ck]/i);
    expect(await visitor.locator("main [lang=id]").count()).toBeGreaterThan(0);
    await expectAccessible(visitor);
    for (const p of [learner, noJs, mentor, visitor]) await p.context().close();
  }, 300_000);
});
