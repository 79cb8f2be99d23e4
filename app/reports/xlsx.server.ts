// The training record as an Excel workbook, written as SpreadsheetML parts into a streaming ZIP
// (app/utils/zip-stream.server.ts): rows become sheet XML as the client reads, so the workbook is
// never held whole and memory does not grow with rows. Dates are real date cells (serial
// numbers with a date format), counts are number cells, and text is an inline string, never a
// formula, so a name such as "=HYPERLINK(…)" stays text. Why not exceljs any more: ADR 0030.
import { headerText, type CellValue, type ColumnContext, type ColumnKind, type ExportColumn } from "./columns.server";
import { zipReadableStream, type ZipEntry } from "~/utils/zip-stream.server";
import type { TrainingRecordRow } from "./training-record.server";

export type XlsxMeta = {
  sheetName: string;
  aboutSheetName: string;
  /** The second sheet, asked for once every row is written: label/value pairs (filters, export time, row count…). */
  about: () => [string, string | Date][];
  exportedAt: Date;
};

/** Sheet XML is handed to the compressor in pieces of about this many characters. */
const PIECE = 64 * 1024;
/**
 * zlib level 1: measured on the 100,090-row record (ADR 0030), level 6 took 0.6 s more CPU (6.4
 * against 5.8 s) for a file 23% smaller (8.7 against 11.3 MB): building the rows dominates either way.
 */
const ZIP_LEVEL = 1;

// Cell styles (indexes into cellXfs of STYLES_XML).
const STYLE = { plain: 0, day: 1, header: 2, dateTime: 3, number: 4 } as const;

const NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const STYLES_XML = `${XML_HEAD}<styleSheet xmlns="${NS}">\
<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd hh:mm"/></numFmts>\
<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>\
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
<xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>\
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

// Characters XML 1.0 cannot carry at all (control characters other than tab and line breaks, lone surrogates, U+FFFE/U+FFFF).
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const SPECIAL = /[&<>"]/;
const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

/** Text for an XML attribute or element: escaped, with characters XML cannot hold dropped. */
export function xmlText(s: string): string {
  const clean = s.replace(NOT_XML, "");
  return SPECIAL.test(clean) ? clean.replace(/[&<>"]/g, (ch) => ENTITIES[ch]!) : clean;
}

/** The column letter(s) of a 1-based column number. */
export function columnLetter(n: number) {
  let s = "";
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

const DAY_MS = 86_400_000;
/** Excel's serial day number of 1970-01-01 (its epoch is 1899-12-30). */
const UNIX_EPOCH_SERIAL = 25_569;
/** A `YYYY-MM-DD` day as Excel's serial number (whole days, no time zone involved). */
const daySerial = (day: string) =>
  Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / DAY_MS + UNIX_EPOCH_SERIAL;
/** An instant as a serial date-time, in UTC as exceljs wrote it. */
const instantSerial = (d: Date) => d.getTime() / DAY_MS + UNIX_EPOCH_SERIAL;

function textCell(ref: string, s: string, style: number = STYLE.plain) {
  const t = xmlText(s);
  const space = t !== t.trim() ? ' xml:space="preserve"' : "";
  return `<c r="${ref}"${style ? ` s="${style}"` : ""} t="inlineStr"><is><t${space}>${t}</t></is></c>`;
}

function cell(ref: string, kind: ColumnKind, value: CellValue): string {
  if (value === null || value === "") return kind === "day" ? `<c r="${ref}" s="${STYLE.day}"/>` : "";
  if (kind === "day" && typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value))
    return `<c r="${ref}" s="${STYLE.day}"><v>${daySerial(value)}</v></c>`;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return "";
    return `<c r="${ref}"${kind === "number" ? ` s="${STYLE.number}"` : ""}><v>${value}</v></c>`;
  }
  return textCell(ref, value);
}

function sheetHead(widths: readonly number[], frozenHeader: boolean) {
  const pane = frozenHeader ? '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/>' : "";
  const cols = widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join("");
  return `${XML_HEAD}<worksheet xmlns="${NS}" xmlns:r="${REL_NS}"><sheetViews><sheetView workbookViewId="0">${pane}</sheetView></sheetViews>\
<sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData>`;
}

/** The record sheet's XML, in pieces, pulling rows only as the pieces are taken. */
async function* recordSheet<R>(rows: AsyncIterator<R>, columns: readonly ExportColumn<R>[], c: ColumnContext) {
  const letters = columns.map((_, i) => columnLetter(i + 1));
  let xml = sheetHead(
    columns.map((col) => col.width),
    true,
  );
  xml += `<row r="1">${columns.map((col, i) => textCell(`${letters[i]}1`, headerText(col, c), STYLE.header)).join("")}</row>`;
  let r = 1;
  try {
    for (let next = await rows.next(); !next.done; next = await rows.next()) {
      const row = next.value;
      r++;
      let line = `<row r="${r}">`;
      for (let i = 0; i < columns.length; i++) {
        const col = columns[i]!;
        line += cell(`${letters[i]}${r}`, col.kind, col.value(row, c));
      }
      xml += `${line}</row>`;
      if (xml.length >= PIECE) {
        yield xml;
        xml = "";
      }
    }
  } finally {
    // Ends the row generator when the download is abandoned (a no-op once it has finished).
    await rows.return?.(undefined);
  }
  yield `${xml}</sheetData><autoFilter ref="A1:${letters.at(-1) ?? "A"}1"/><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;
}

/** The about sheet: label/value pairs, labels bold; a Date value is a date-time cell. */
function* aboutSheet(pairs: () => [string, string | Date][]) {
  let xml = sheetHead([30, 50], false);
  let r = 0;
  for (const [label, value] of pairs()) {
    r++;
    const second = value instanceof Date ? `<c r="B${r}" s="${STYLE.dateTime}"><v>${instantSerial(value)}</v></c>` : textCell(`B${r}`, value);
    xml += `<row r="${r}">${textCell(`A${r}`, label, STYLE.header)}${second}</row>`;
  }
  yield `${xml}</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;
}

function workbookXml(sheetName: string, aboutName: string, lastColumn: string) {
  const name = (s: string) => xmlText(s.slice(0, 31));
  // The filter range as Excel records it for the header's autofilter; the name is quoted for spaces.
  const quoted = `'${sheetName.slice(0, 31).replace(/'/g, "''")}'`;
  return `${XML_HEAD}<workbook xmlns="${NS}" xmlns:r="${REL_NS}"><bookViews><workbookView/></bookViews>\
<sheets><sheet name="${name(sheetName)}" sheetId="1" r:id="rId1"/><sheet name="${name(aboutName)}" sheetId="2" r:id="rId2"/></sheets>\
<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">${xmlText(`${quoted}!$A$1:$${lastColumn}$1`)}</definedName></definedNames></workbook>`;
}

const CONTENT_TYPES_XML = `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>\
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>\
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`;

const ROOT_RELS_XML = `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">\
<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/>\
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`;

const WORKBOOK_RELS_XML = `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">\
<Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>\
<Relationship Id="rId2" Type="${REL_NS}/worksheet" Target="worksheets/sheet2.xml"/>\
<Relationship Id="rId3" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`;

function coreXml(creator: string, created: Date) {
  const at = created.toISOString().replace(/\.\d{3}Z$/, "Z");
  return `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\
<dc:creator>${xmlText(creator)}</dc:creator><dcterms:created xsi:type="dcterms:W3CDTF">${at}</dcterms:created></cp:coreProperties>`;
}

export function xlsxStream<R = TrainingRecordRow>(
  rows: AsyncIterator<R>,
  columns: readonly ExportColumn<R>[],
  c: ColumnContext,
  meta: XlsxMeta,
): ReadableStream<Uint8Array> {
  const modified = meta.exportedAt;
  const lastColumn = columnLetter(Math.max(columns.length, 1));
  // The record sheet comes before the about sheet, which counts its rows.
  const entries: ZipEntry[] = [
    { name: "[Content_Types].xml", content: [CONTENT_TYPES_XML], modified },
    { name: "_rels/.rels", content: [ROOT_RELS_XML], modified },
    { name: "docProps/core.xml", content: [coreXml("Pustaka Academy", meta.exportedAt)], modified },
    { name: "xl/workbook.xml", content: [workbookXml(meta.sheetName, meta.aboutSheetName, lastColumn)], modified },
    { name: "xl/_rels/workbook.xml.rels", content: [WORKBOOK_RELS_XML], modified },
    { name: "xl/styles.xml", content: [STYLES_XML], modified },
    { name: "xl/worksheets/sheet1.xml", content: recordSheet(rows, columns, c), modified },
    { name: "xl/worksheets/sheet2.xml", content: { [Symbol.iterator]: () => aboutSheet(meta.about) }, modified },
  ];
  return zipReadableStream(entries, { level: ZIP_LEVEL, onCancel: () => rows.return?.(undefined) });
}
