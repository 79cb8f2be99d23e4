import path from "node:path";
import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { renderTemplate } from "~/content/template-render.server";
import { checkTemplateLinks, downloadName, loadTemplates } from "~/content/templates.server";
import type { LessonTranslation } from "~/content/model";
import * as downloadRoute from "~/routes/templates.$file";
import * as indexRoute from "~/routes/templates._index";
import { createTestUser, makeRequest, routeArgs, run, sessionCookie } from "../setup/factories";
import { ROOT } from "../setup/paths";

const SHIPPED = path.join(ROOT, "content");
const shipped = loadTemplates(SHIPPED);

/** The text of a DOCX: every w:t run of its document part, joined. */
function docxText(bytes: Uint8Array) {
  const xml = strFromU8(unzipSync(bytes)["word/document.xml"]!);
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(" ");
}

describe("the shipped templates", () => {
  it("pass the check, with file names unique in both languages", () => {
    expect(shipped.problems).toEqual([]);
    expect(shipped.templates.length).toBeGreaterThanOrEqual(1);
  });

  it("open as documents whose text is the template's, in each language", async () => {
    for (const entry of shipped.templates.filter((t) => t.source.kind === "document")) {
      for (const locale of ["en", "id"] as const) {
        const text = docxText(await renderTemplate(entry, locale, "Test Library"));
        if (entry.source.kind !== "document") continue;
        expect(text, downloadName(entry, locale)).toContain(entry.source.title[locale]);
        const firstField = entry.source.blocks.find((b) => "fields" in b);
        if (firstField && "fields" in firstField) expect(text).toContain(firstField.fields[0]![locale]);
      }
    }
  });

  it("give a calendar with every day of the year and the national days filled in", async () => {
    const calendar = shipped.templates.find((t) => t.source.kind === "calendar");
    expect(calendar).toBeDefined();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await renderTemplate(calendar!, "id", "Test Library")) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(["Cara memakai", "Kalender 2027"]);
    const sheet = workbook.getWorksheet("Kalender 2027")!;
    expect(sheet.rowCount).toBe(1 + 365);
    const rowOf = (iso: string) => {
      let found: ExcelJS.Row | undefined;
      sheet.eachRow((row) => {
        const value = row.getCell(1).value;
        if (value instanceof Date && value.toISOString().startsWith(iso)) found = row;
      });
      return found!;
    };
    expect(rowOf("2027-08-17").getCell(3).value).toBe("Hari Kemerdekaan Republik Indonesia");
    expect(rowOf("2027-08-17").getCell(2).value).toBe("Selasa");
    expect(rowOf("2027-09-14").getCell(3).value).toContain("Hari Kunjung Perpustakaan");
    expect(String(rowOf("2027-03-10").getCell(3).value)).toContain("perkiraan");
    expect(rowOf("2027-01-02").getCell(3).value).toBe("");
    expect(rowOf("2027-01-02").getCell(9).dataValidation).toMatchObject({ type: "list" });
  });
});

describe("checking templates", () => {
  it("reports an impossible day and an unknown block with their lines", () => {
    const { problems, templates } = loadTemplates(path.join(ROOT, "tests/fixtures/template-content"));
    expect(problems).toEqual([
      { file: "tests/fixtures/template-content/course/templates/bad-calendar.yaml", line: 10, message: "observances #1: 2027-02-30 is not a day of 2027", severity: "error" },
      expect.objectContaining({ file: "tests/fixtures/template-content/course/templates/form.yaml", line: 9 }),
    ]);
    expect(templates.map((t) => t.slug)).toEqual(["bad-calendar"]);
  });

  it("reports a lesson link to a template that does not exist, at its line", () => {
    const lesson: LessonTranslation = {
      locale: "en",
      title: "T",
      minutes: 5,
      file: "content/c/01-m/01-l.en.mdx",
      body: "Intro\n\nDownload [the calendar](/templates/content-calendar-2027.xlsx) and\n[the form](/templates/no-such-form.docx).\n",
      bodyLine: 6,
      hash: "x",
    };
    expect(checkTemplateLinks([lesson], shipped.templates)).toEqual([
      { file: "content/c/01-m/01-l.en.mdx", line: 9, message: "the link /templates/no-such-form.docx names no template (see the course's templates/ folder)", severity: "error" },
    ]);
  });
});

describe("downloading", () => {
  it("sends a template as an attachment to a logged-in person, and 404 for an unknown name", async () => {
    process.env.CONTENT_DIR = SHIPPED;
    const { resetConfig } = await import("~/config.server");
    resetConfig();
    const user = await createTestUser();
    const cookie = await sessionCookie(user.id);
    const response = (await downloadRoute.loader(routeArgs(makeRequest("/templates/kalender-konten-2027.xlsx", { cookie }), { file: "kalender-konten-2027.xlsx" }) as never)) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="kalender-konten-2027.xlsx"');
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(new Uint8Array(await response.arrayBuffer()).slice(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));

    const missing = await run(() => downloadRoute.loader(routeArgs(makeRequest("/templates/x.docx", { cookie }), { file: "../module.yaml" }) as never));
    expect((missing.value as Response).status).toBe(404);

    const anonymous = await run(() => downloadRoute.loader(routeArgs(makeRequest("/templates/kalender-konten-2027.xlsx"), { file: "kalender-konten-2027.xlsx" }) as never));
    expect((anonymous.value as Response).status).toBe(302);

    const page = (await indexRoute.loader(routeArgs(makeRequest("/templates", { cookie })) as never)) as Awaited<ReturnType<typeof indexRoute.loader>>;
    expect(page.templates.find((t) => t.files.id === "kalender-konten-2027.xlsx")).toMatchObject({ format: "XLSX", files: { en: "content-calendar-2027.xlsx" } });
  });
});
