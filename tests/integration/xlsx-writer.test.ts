// The streamed workbook opened the hard way: unzipped (every entry's CRC checked by zlib's own
// crc32) and its sheet XML read, to check what Excel will see: header in the reader's language,
// one row per record row, numbers as number cells, days as date cells, text as inline strings
// (never formulas), characters XML cannot carry dropped.
import { crc32 } from "node:zlib";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import type { Locale } from "~/db/schema";
import { makeTranslator } from "~/i18n";
import { EXPORT_COLUMNS, headerText } from "~/reports/columns.server";
import type { TrainingRecordRow } from "~/reports/training-record.server";
import { columnLetter, xlsxStream } from "~/reports/xlsx.server";
import { dayFormatter } from "~/utils/dates";

const BASE: TrainingRecordRow = {
  userId: "u",
  staffNumber: "S",
  name: "Name",
  email: "p@x.test",
  orgUnitId: null,
  orgUnit: "Kota Harapan",
  role: "staff",
  active: true,
  moduleSlug: "m",
  moduleTitle: "Module",
  moduleOrder: 0,
  moduleMajorVersion: 2,
  moduleContentHash: "h",
  status: "passed",
  lessonsDone: 3,
  lessonsTotal: 3,
  attempts: 1,
  bestScore: 90,
  lastActivity: new Date("2026-03-04T10:00:00Z"),
  passedOn: new Date("2026-03-04T10:00:00Z"),
  certificateCode: "ABC",
  certificateExpiresOn: null,
  dueDate: "2026-03-31",
  overdue: false,
  practice: null,
  tasksApproved: 0,
  tasksTotal: 0,
  yearHours: 4.5,
  underTarget: true,
  sessionHours: 0,
};

async function* rowsOf(rows: TrainingRecordRow[]) {
  yield* rows;
}

/** The ZIP's entries, each checked against the CRC and size in its central directory record. */
function readZip(bytes: Uint8Array) {
  const buf = Buffer.from(bytes);
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(end).toBeGreaterThan(0);
  const count = buf.readUInt16LE(end + 10);
  let at = buf.readUInt32LE(end + 16);
  const files = unzipSync(bytes);
  for (let i = 0; i < count; i++) {
    expect(buf.readUInt32LE(at)).toBe(0x02014b50);
    const crc = buf.readUInt32LE(at + 16);
    const size = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const name = buf.subarray(at + 46, at + 46 + nameLength).toString("utf8");
    const content = files[name];
    expect(content, name).toBeDefined();
    expect(content!.length, `${name} size`).toBe(size);
    expect(crc32(content!) >>> 0, `${name} CRC`).toBe(crc);
    at += 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return Object.fromEntries(Object.entries(files).map(([name, data]) => [name, Buffer.from(data).toString("utf8")]));
}

type Cell = { ref: string; style?: string; type?: string; value?: string; text?: string };
function cellsOf(rowXml: string): Cell[] {
  return [
    ...rowXml.matchAll(/<c r="([A-Z]+\d+)"(?: s="(\d+)")?(?: t="(\w+)")?(?:\/>|>(?:<v>([^<]*)<\/v>|<is><t[^>]*>([^<]*)<\/t><\/is>)<\/c>)/g),
  ].map((m) => ({
    ref: m[1]!,
    style: m[2],
    type: m[3],
    value: m[4],
    text: m[5],
  }));
}

async function workbook(locale: Locale, rows: TrainingRecordRow[]) {
  const t = makeTranslator(locale);
  const c = { t, dayOf: dayFormatter("UTC"), hoursYear: 2026 };
  const stream = xlsxStream(rowsOf(rows), EXPORT_COLUMNS, c, {
    sheetName: t("report.sheetName"),
    aboutSheetName: t("report.aboutSheetName"),
    exportedAt: new Date("2026-03-05T01:02:03Z"),
    about: () => [[t("report.rowCount"), String(rows.length)]],
  });
  const files = readZip(new Uint8Array(await new Response(stream).arrayBuffer()));
  const sheet = files["xl/worksheets/sheet1.xml"]!;
  const rowXml = [...sheet.matchAll(/<row r="(\d+)">(.*?)<\/row>/g)].map((m) => ({ r: Number(m[1]), cells: cellsOf(m[2]!) }));
  return { files, sheet, rowXml, c };
}

const col = (key: string) => EXPORT_COLUMNS.findIndex((x) => x.header === key);
const letter = (key: string) => columnLetter(col(key) + 1);

describe("the streamed XLSX", () => {
  it.each(["en", "id"] as const)("has the %s header, every row, and typed cells", async (locale) => {
    const rows = Array.from({ length: 1234 }, (_, i) => ({ ...BASE, staffNumber: `S-${i}`, bestScore: i % 2 ? null : i % 101 }));
    const { files, rowXml, c } = await workbook(locale, rows);
    expect(files["[Content_Types].xml"]).toContain("/xl/worksheets/sheet1.xml");
    expect(files["xl/workbook.xml"]).toContain(`name="${c.t("report.sheetName")}"`);

    const header = rowXml[0]!;
    expect(header.r).toBe(1);
    expect(header.cells.map((x) => x.text)).toEqual(EXPORT_COLUMNS.map((x) => headerText(x, c)));
    expect(header.cells[0]!.text).toBe(locale === "id" ? "NIP" : "Staff number");
    expect(header.cells.every((x) => x.style === "2" && x.type === "inlineStr")).toBe(true);

    expect(rowXml).toHaveLength(1 + rows.length);
    expect(rowXml.map((r) => r.r)).toEqual(Array.from({ length: rows.length + 1 }, (_, i) => i + 1));
    const get = (row: { r: number; cells: Cell[] }, key: string) => row.cells.find((x) => x.ref === `${letter(key)}${row.r}`);
    const first = rowXml[1]!; // S-0
    const second = rowXml[2]!; // S-1
    expect(get(second, "report.col.staffNumber")).toMatchObject({ type: "inlineStr", text: "S-1" });
    // Numbers: a number cell (no type), formatted "0"; a missing score is no cell at all.
    expect(get(first, "report.col.bestScore")).toMatchObject({ type: undefined, style: "4", value: "0" });
    expect(get(second, "report.col.bestScore")).toBeUndefined();
    expect(get(second, "report.col.version")).toMatchObject({ type: undefined, value: "2" });
    // Days: the serial number of 2026-03-04 (46085) and 2026-03-31, styled as dates.
    expect(get(second, "report.col.passedOn")).toMatchObject({ style: "1", type: undefined, value: "46085" });
    expect(get(second, "report.col.dueDate")).toMatchObject({ style: "1", value: "46112" });
    expect(files["xl/styles.xml"]).toContain('<numFmt numFmtId="164" formatCode="yyyy-mm-dd"/>');
    expect(files["xl/worksheets/sheet2.xml"]).toContain(`>${c.t("report.rowCount")}<`);
    expect(files["xl/worksheets/sheet2.xml"]).toContain(">1234<");
  });

  it("writes text as text: formulas stay strings, markup is escaped, control characters are dropped", async () => {
    const { sheet, rowXml } = await workbook("en", [{ ...BASE, name: '=HYPERLINK("http://evil.example","x") <b>&\u0007', orgUnit: " padded " }]);
    const name = rowXml[1]!.cells.find((x) => x.ref === `${letter("report.col.name")}2`)!;
    expect(name.type).toBe("inlineStr");
    expect(sheet).not.toContain("<f>");
    expect(sheet).toContain("=HYPERLINK(&quot;http://evil.example&quot;,&quot;x&quot;) &lt;b&gt;&amp;</t>");
    expect(sheet).toContain('<t xml:space="preserve"> padded </t>');
  });
});
