// A member of staff follows a template link in a lesson and gets the form in the lesson's
// language, then picks another from the Templates page. Served from the shipped module 07 and
// the shipped templates folder (one module keeps the server's start-up compile short).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { strFromU8, unzipSync } from "fflate";
import type { Browser, Download, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { e2eEnabled, launchBrowser, login, newContext, visit, type TestServer, startServer } from "./harness";
import { SHIPPED_CONTENT } from "./paths";

const COURSE = path.join(SHIPPED_CONTENT, "social-media-skills");

/** The text of a downloaded DOCX, XML entities decoded. */
async function docxText(download: Download) {
  const file = await download.path();
  const xml = strFromU8(unzipSync(new Uint8Array(fs.readFileSync(file)))["word/document.xml"]!);
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
    .map((m) =>
      m[1]!
        .replace(/&apos;/g, "'")
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, "&"),
    )
    .join(" ");
}

async function download(page: Page, link: ReturnType<Page["getByRole"]>) {
  const [file] = await Promise.all([page.waitForEvent("download"), link.click()]);
  return file;
}

describe.skipIf(!e2eEnabled)("templates to download", () => {
  let server: TestServer;
  let browser: Browser;
  let contentDir: string;

  beforeAll(async () => {
    contentDir = fs.mkdtempSync(path.join(os.tmpdir(), "academy-e2e-templates-"));
    const course = path.join(contentDir, "social-media-skills");
    fs.mkdirSync(course);
    fs.copyFileSync(path.join(COURSE, "course.yaml"), path.join(course, "course.yaml"));
    fs.cpSync(path.join(COURSE, "07-safety-privacy-policy"), path.join(course, "07-safety-privacy-policy"), { recursive: true });
    fs.cpSync(path.join(COURSE, "templates"), path.join(course, "templates"), { recursive: true });
    server = await startServer({ contentDir });
    browser = await launchBrowser();
    await server.createUser({ email: "sari@e2e.test", name: "Sari Wulandari", locale: "id" });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (contentDir) fs.rmSync(contentDir, { recursive: true, force: true });
  });

  it("from the consent lesson, in Indonesian, and from the Templates page", async () => {
    const context = await newContext(browser, { locale: "id-ID" });
    const page = await context.newPage();
    await login(page, server.url, "sari@e2e.test");

    await visit(page, `${server.url}/learn/safety-privacy-policy/photo-consent`);
    const guardianLink = page.getByRole("link", { name: "versi untuk orang tua/wali (DOCX)" });
    expect(await guardianLink.getAttribute("href")).toBe("/templates/formulir-izin-foto-orang-tua-wali.docx");
    const guardian = await download(page, guardianLink);
    expect(guardian.suggestedFilename()).toBe("formulir-izin-foto-orang-tua-wali.docx");
    const guardianText = await docxText(guardian);
    expect(guardianText).toContain("Formulir izin foto dan video (orang tua atau wali anak)");
    expect(guardianText).toContain("Nama panggilan anak saja (bukan nama lengkap):");

    await visit(page, `${server.url}/learn/safety-privacy-policy/social-media-policy`);
    const policy = await download(page, page.getByRole("link", { name: "Templat kebijakan media sosial (DOCX)" }));
    expect(policy.suggestedFilename()).toBe("kebijakan-media-sosial.docx");
    expect(await docxText(policy)).toContain("8. Waktu tanggap");

    await visit(page, `${server.url}/templates`);
    const cards = page.locator("li.module-card");
    // Every YAML file in the shipped templates folder is one card.
    expect(await cards.count()).toBe(fs.readdirSync(path.join(COURSE, "templates")).filter((f) => f.endsWith(".yaml")).length);
    expect(await cards.filter({ hasText: "Rancangan SK kepala tentang kebijakan media sosial" }).count()).toBe(1);
    const sheetCard = cards.filter({ hasText: "Lembar eskalasi media sosial" });
    const sheet = await download(page, sheetCard.getByRole("link", { name: "English (DOCX)" }));
    expect(sheet.suggestedFilename()).toBe("escalation-sheet.docx");
    expect(await docxText(sheet)).toContain("Pass it on: to whom, and how fast");
    await context.close();
  });
});
