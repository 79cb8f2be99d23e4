// Renders a template's YAML into the file people download: forms as DOCX (editable in Word,
// LibreOffice or Google Docs, since every library adapts them), the content calendar as XLSX.
import type { Paragraph, Table } from "docx";
import { loadDocx, loadExcelJs } from "~/utils/lazy-libraries.server";
import type { Locale } from "~/db/schema/users";
import type { CalendarTemplate, DocumentTemplate, TemplateBlock, TemplateEntry } from "./templates.server";

const LANGUAGE_TAG: Record<Locale, string> = { en: "en-GB", id: "id-ID" };
const FILL_IN = "_".repeat(48);

type Docx = Awaited<ReturnType<typeof loadDocx>>;

function blockParagraphs(docx: Docx, block: TemplateBlock, locale: Locale): (Paragraph | Table)[] {
  const { BorderStyle, HeadingLevel, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } = docx;
  if ("heading" in block) return [new Paragraph({ text: block.heading[locale], heading: HeadingLevel.HEADING_2, spacing: { before: 240, after: 80 } })];
  if ("paragraph" in block) return [new Paragraph({ children: [new TextRun(block.paragraph[locale])], spacing: { after: 120 } })];
  if ("list" in block) return block.list[locale].map((item) => new Paragraph({ text: item, bullet: { level: 0 } }));
  if ("fields" in block) {
    return block.fields.map((f) => new Paragraph({ children: [new TextRun({ text: `${f[locale]}: `, bold: true }), new TextRun(FILL_IN)], spacing: { after: 160 } }));
  }
  if ("checkboxes" in block) return block.checkboxes.map((c) => new Paragraph({ children: [new TextRun(`\u2610  ${c[locale]}`)], spacing: { after: 100 } }));
  if ("signatures" in block) {
    return block.signatures.map(
      (s) => new Paragraph({ children: [new TextRun({ text: `${s[locale]}: `, bold: true }), new TextRun("_".repeat(36))], spacing: { before: 240, after: 120 } }),
    );
  }
  const border = { style: BorderStyle.SINGLE, size: 4, color: "888888" };
  const borders = { top: border, bottom: border, left: border, right: border };
  const header = new TableRow({
    tableHeader: true,
    children: block.table.columns.map((c) => new TableCell({ borders, children: [new Paragraph({ children: [new TextRun({ text: c[locale], bold: true })] })] })),
  });
  const { rows } = block.table;
  const labels = typeof rows === "number" ? Array.from({ length: rows }, () => "") : rows.map((r) => r[locale]);
  const body = labels.map(
    (label) =>
      new TableRow({
        height: { value: 480, rule: "atLeast" },
        children: block.table.columns.map((_, i) => new TableCell({ borders, children: [new Paragraph(i === 0 ? label : "")] })),
      }),
  );
  return [new Table({ rows: [header, ...body], width: { size: 100, type: WidthType.PERCENTAGE } }), new Paragraph("")];
}

export async function renderDocx(source: DocumentTemplate, locale: Locale, orgLine: string): Promise<Buffer> {
  const docx = await loadDocx();
  const { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun } = docx;
  const doc = new Document({
    title: source.title[locale],
    description: source.summary[locale],
    creator: orgLine,
    styles: { default: { document: { run: { language: { value: LANGUAGE_TAG[locale] }, font: "Calibri", size: 22 } } } },
    sections: [
      {
        children: [
          new Paragraph({ text: source.title[locale], heading: HeadingLevel.HEADING_1, alignment: AlignmentType.LEFT, spacing: { after: 120 } }),
          new Paragraph({ children: [new TextRun({ text: source.summary[locale], italics: true })], spacing: { after: 240 } }),
          ...source.blocks.flatMap((b) => blockParagraphs(docx, b, locale)),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

const CALENDAR_COLUMNS = {
  en: ["Date", "Day", "National day or observance", "Type", "Post idea", "Platform", "Format", "Owner", "Status"],
  id: ["Tanggal", "Hari", "Hari nasional atau peringatan", "Jenis", "Ide unggahan", "Platform", "Format", "Penanggung jawab", "Status"],
} as const;
const TYPE_LABEL = {
  en: { holiday: "Public holiday", observance: "National observance", international: "International day" },
  id: { holiday: "Hari libur nasional", observance: "Hari peringatan nasional", international: "Hari internasional" },
} as const;
const ESTIMATE = { en: " (estimated date: confirm with the joint ministerial decree for the year)", id: " (tanggal perkiraan: pastikan dengan SKB 3 Menteri tahun itu)" };
const STATUSES = { en: ["idea", "draft", "approved", "scheduled", "published"], id: ["ide", "draf", "disetujui", "terjadwal", "terbit"] };
const PLATFORMS = ["Instagram", "TikTok", "WhatsApp", "Facebook", "YouTube", "X", "Threads"];
const SHEET = { en: { calendar: "Calendar", guide: "How to use" }, id: { calendar: "Kalender", guide: "Cara memakai" } };

/** A row per day of the year, the national days filled in, and lists for platform and status. */
export async function renderCalendarXlsx(source: CalendarTemplate, locale: Locale, orgLine: string): Promise<Buffer> {
  const ExcelJS = await loadExcelJs();
  const workbook = new ExcelJS.Workbook();
  workbook.creator = orgLine;
  workbook.title = source.title[locale];
  const guide = workbook.addWorksheet(SHEET[locale].guide);
  guide.getColumn(1).width = 110;
  guide.addRow([source.title[locale]]).font = { bold: true, size: 14 };
  guide.addRow([source.summary[locale]]);
  guide.addRow([]);
  for (const line of source.instructions[locale]) guide.addRow([line]).alignment = { wrapText: true };

  const sheet = workbook.addWorksheet(`${SHEET[locale].calendar} ${source.year}`, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = CALENDAR_COLUMNS[locale].map((header, i) => ({ header, width: [12, 10, 44, 22, 44, 14, 14, 18, 12][i] }));
  sheet.getRow(1).font = { bold: true };
  const byDate = new Map<string, CalendarTemplate["observances"]>();
  for (const o of source.observances) byDate.set(o.date, [...(byDate.get(o.date) ?? []), o]);
  const weekday = new Intl.DateTimeFormat(LANGUAGE_TAG[locale], { weekday: "long", timeZone: "UTC" });
  for (let day = Date.UTC(source.year, 0, 1); new Date(day).getUTCFullYear() === source.year; day += 86_400_000) {
    const date = new Date(day);
    const iso = date.toISOString().slice(0, 10);
    const found = byDate.get(iso) ?? [];
    const row = sheet.addRow([
      date,
      weekday.format(date),
      found.map((o) => o.name[locale] + (o.estimate ? ESTIMATE[locale] : "")).join("; "),
      [...new Set(found.map((o) => TYPE_LABEL[locale][o.type]))].join("; "),
      found.map((o) => o.idea?.[locale]).filter(Boolean).join(" / "),
      "",
      "",
      "",
      "",
    ]);
    row.getCell(1).numFmt = "yyyy-mm-dd";
    if (found.length > 0) row.font = { bold: true };
    row.getCell(6).dataValidation = { type: "list", allowBlank: true, formulae: [`"${PLATFORMS.join(",")}"`] };
    row.getCell(9).dataValidation = { type: "list", allowBlank: true, formulae: [`"${STATUSES[locale].join(",")}"`] };
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: CALENDAR_COLUMNS[locale].length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const rendered = new Map<string, Promise<Buffer>>();

/** Rendered once per template version and language, then served from memory. */
export function renderTemplate(entry: TemplateEntry, locale: Locale, orgLine: string): Promise<Buffer> {
  const key = `${entry.course}/${entry.slug}/${entry.hash}/${locale}`;
  let file = rendered.get(key);
  if (!file) {
    file = entry.source.kind === "document" ? renderDocx(entry.source, locale, orgLine) : renderCalendarXlsx(entry.source, locale, orgLine);
    file.catch(() => rendered.delete(key));
    rendered.set(key, file);
  }
  return file;
}
