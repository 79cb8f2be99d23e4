import path from "node:path";
import ExcelJS from "exceljs";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { renderTemplate } from "~/content/template-render.server";
import { loadContent } from "~/content/load.server";
import { checkTemplateLinks, downloadName, findTemplate, loadTemplates, type TemplateBlock } from "~/content/templates.server";
import type { LessonTranslation } from "~/content/model";
import * as downloadRoute from "~/routes/templates.$file";
import * as indexRoute from "~/routes/templates._index";
import { createTestUser, makeRequest, routeArgs, run, sessionCookie } from "../setup/factories";
import { ROOT } from "../setup/paths";

const SHIPPED = path.join(ROOT, "content");
const shipped = loadTemplates(SHIPPED);

const XML_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** The text of a DOCX: every w:t run of its document part, unescaped and joined. */
function docxText(bytes: Uint8Array) {
  const xml = strFromU8(unzipSync(bytes)["word/document.xml"]!);
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
    .map((m) => m[1]!.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => XML_ENTITIES[e]!))
    .join(" ");
}

const blocksOf = <K extends string>(blocks: TemplateBlock[], key: K) =>
  blocks.filter((b): b is Extract<TemplateBlock, Record<K, unknown>> => key in b);

describe("the shipped templates", () => {
  it("are the calendar and the six forms, with file names unique in both languages", () => {
    expect(shipped.problems).toEqual([]);
    expect(shipped.templates.map((t) => [t.slug, t.source.kind, downloadName(t, "en"), downloadName(t, "id")])).toEqual([
      ["content-calendar-2027", "calendar", "content-calendar-2027.xlsx", "kalender-konten-2027.xlsx"],
      ["escalation-sheet", "document", "escalation-sheet.docx", "lembar-eskalasi.docx"],
      ["monthly-report", "document", "monthly-social-media-report.docx", "laporan-bulanan-media-sosial.docx"],
      ["photo-consent-guardian", "document", "photo-consent-form-parent-guardian.docx", "formulir-izin-foto-orang-tua-wali.docx"],
      ["photo-consent", "document", "photo-consent-form.docx", "formulir-izin-foto.docx"],
      ["sk-social-media-policy", "document", "draft-decree-social-media-policy.docx", "rancangan-sk-kebijakan-media-sosial.docx"],
      ["social-media-policy", "document", "social-media-policy.docx", "kebijakan-media-sosial.docx"],
    ]);
  });

  it("open as documents whose text is the template's title, fields, headings and row labels, in each language", async () => {
    const documents = shipped.templates.filter((t) => t.source.kind === "document");
    expect(documents).toHaveLength(6);
    for (const entry of documents) {
      if (entry.source.kind !== "document") continue;
      const { blocks } = entry.source;
      const headings = blocksOf(blocks, "heading");
      const fields = blocksOf(blocks, "fields");
      expect(headings.length, entry.slug).toBeGreaterThan(0);
      expect(fields.length, entry.slug).toBeGreaterThan(0);
      for (const locale of ["en", "id"] as const) {
        const name = downloadName(entry, locale);
        const bytes = await renderTemplate(entry, locale, "Test Library");
        expect(bytes.subarray(0, 2), name).toEqual(Buffer.from("PK"));
        const text = docxText(bytes);
        expect(text, name).toContain(entry.source.title[locale]);
        expect(text, name).toContain(entry.source.summary[locale]);
        expect(text, name).toContain(`${fields[0]!.fields[0]![locale]}:`);
        expect(text, name).toContain(`${fields.at(-1)!.fields.at(-1)![locale]}:`);
        for (const h of headings) expect(text, name).toContain(h.heading[locale]);
        for (const t of blocksOf(blocks, "table")) {
          for (const c of t.table.columns) expect(text, name).toContain(c[locale]);
          if (Array.isArray(t.table.rows)) for (const r of t.table.rows) expect(text, name).toContain(r[locale]);
        }
        // The other language's title never leaks into this file.
        const other = locale === "en" ? "id" : "en";
        expect(text, name).not.toContain(entry.source.title[other]);
      }
    }
  });

  it("read back the forms' own words: consent checkboxes, the law, escalation and the figures table", async () => {
    const text = async (slug: string, locale: "en" | "id") =>
      docxText(
        await renderTemplate(
          shipped.templates.find((t) => t.slug === slug)!,
          locale,
          "Test Library",
        ),
      );
    const adult = await text("photo-consent", "en");
    expect(adult).toContain("\u2610  The library's Instagram account: @");
    expect(adult).toContain("UU 27/2022");
    expect(adult).not.toContain("Pasal");
    const guardian = await text("photo-consent-guardian", "id");
    expect(guardian).toContain("UU 27/2022, Pasal 25 ayat 2");
    expect(guardian).toContain("Nama panggilan anak saja (bukan nama lengkap):");
    expect(guardian).toContain("Tanda tangan orang tua atau wali:");
    const policy = await text("social-media-policy", "id");
    for (const law of ["UU 27/2022", "UU 28/2014", "UU 25/2009", "UU 20/2023"]) expect(policy).toContain(law);
    expect(policy).toContain("diganti pada hari yang sama (bagi staf yang keluar, pada hari terakhir staf bekerja)");
    expect(policy).toContain("7. Komentar dan aturan komunitas");
    expect(policy).toContain("8. Waktu tanggap");
    const sheet = await text("escalation-sheet", "en");
    expect(sheet.indexOf("Criticism and complaints about a service, even harsh ones")).toBeLessThan(
      sheet.indexOf("Pass it on: to whom, and how fast"),
    );
    expect(sheet.indexOf("A journalist, an official")).toBeGreaterThan(sheet.indexOf("Pass it on: to whom, and how fast"));
    const report = await text("monthly-report", "id");
    expect(report).toContain("Angka utama");
    expect(report).toContain("Pesan yang dijawab");
    expect(report).toContain("Waktu tanggap (persentase pesan yang dibalas pada hari kerja yang sama)");
  });

  it("are each linked from at least one lesson in each language, with the file in the lesson's language", () => {
    const content = loadContent(SHIPPED);
    const linked = { en: new Set<string>(), id: new Set<string>() };
    for (const mod of content.modules.values()) {
      for (const lesson of mod.lessons) {
        for (const t of Object.values(lesson.translations)) {
          for (const m of t.body.matchAll(/\]\(\/templates\/([^)\s]+)\)/g)) {
            const found = findTemplate(shipped.templates, m[1]!);
            expect(found, `${t.file}: /templates/${m[1]}`).not.toBeNull();
            expect(found!.locale, `${t.file} links ${m[1]}`).toBe(t.locale);
            linked[t.locale].add(found!.entry.slug);
          }
        }
      }
    }
    const all = shipped.templates.map((t) => t.slug).sort();
    expect([...linked.en].sort()).toEqual(all);
    expect([...linked.id].sort()).toEqual(all);
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
      {
        file: "tests/fixtures/template-content/course/templates/bad-calendar.yaml",
        line: 10,
        message: "observances #1: 2027-02-30 is not a day of 2027",
        severity: "error",
      },
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
      {
        file: "content/c/01-m/01-l.en.mdx",
        line: 9,
        message: "the link /templates/no-such-form.docx names no template (see the course's templates/ folder)",
        severity: "error",
      },
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
    const response = (await downloadRoute.loader(
      routeArgs(makeRequest("/templates/kalender-konten-2027.xlsx", { cookie }), { file: "kalender-konten-2027.xlsx" }) as never,
    )) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Disposition")).toBe('attachment; filename="kalender-konten-2027.xlsx"');
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(new Uint8Array(await response.arrayBuffer()).slice(0, 2)).toEqual(new Uint8Array([0x50, 0x4b]));

    const missing = await run(() =>
      downloadRoute.loader(routeArgs(makeRequest("/templates/x.docx", { cookie }), { file: "../module.yaml" }) as never),
    );
    expect((missing.value as Response).status).toBe(404);

    const anonymous = await run(() =>
      downloadRoute.loader(routeArgs(makeRequest("/templates/kalender-konten-2027.xlsx"), { file: "kalender-konten-2027.xlsx" }) as never),
    );
    expect((anonymous.value as Response).status).toBe(302);

    const page = (await indexRoute.loader(routeArgs(makeRequest("/templates", { cookie })) as never)) as Awaited<
      ReturnType<typeof indexRoute.loader>
    >;
    expect(page.templates.find((t) => t.files.id === "kalender-konten-2027.xlsx")).toMatchObject({
      format: "XLSX",
      files: { en: "content-calendar-2027.xlsx" },
    });
  });
});
