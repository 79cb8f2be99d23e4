import { describe, expect, it } from "vitest";
import { IMPORT_MAX_BYTES } from "~/people/import-decode.server";
import { chooseImportText, parseImportUpload, readImportSubmission } from "~/people/import-upload.server";
import { importPreviewView, orderPreviewRows, SHOWN_ROWS } from "~/people/import-view.server";
import type { PreviewRow } from "~/people/import-types";

function multipart(form: FormData) {
  return new Request("http://localhost/hr/import", { method: "POST", body: form });
}

function form(parts: { csvText?: string; file?: File | null; intent?: string }) {
  const f = new FormData();
  f.set("intent", parts.intent ?? "preview");
  if (parts.csvText !== undefined) f.set("csvText", parts.csvText);
  if (parts.file) f.set("file", parts.file);
  return f;
}

const csv = "email,name\nsari@example.org,Sari\n";

describe("the upload size policy", () => {
  it("keeps a file within the limit as a file and a text field as text", async () => {
    const result = await parseImportUpload(multipart(form({ csvText: "pasted", file: new File([csv], "staff.csv", { type: "text/csv" }) })));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.form.get("csvText")).toBe("pasted");
    const file = result.form.get("file") as File;
    expect(file.name).toBe("staff.csv");
    expect(await file.text()).toBe(csv);
  });

  it("reads a part over the limit to its end and reports it as too large", async () => {
    const big = new File([new Uint8Array(IMPORT_MAX_BYTES + 1).fill(65)], "big.csv", { type: "text/csv" });
    expect(await parseImportUpload(multipart(form({ file: big })))).toEqual({ ok: false, tooLarge: true });
  });

  it("cuts off an upload past the hard limit as too large", async () => {
    const file = new File([new Uint8Array(2_000).fill(65)], "a.csv");
    expect(await parseImportUpload(multipart(form({ file })), 1_000)).toEqual({ ok: false, tooLarge: true });
  });

  it("answers 413 with the size in the message, and 400 for a body that is not multipart", async () => {
    const big = new File([new Uint8Array(IMPORT_MAX_BYTES + 1)], "big.csv");
    expect(await readImportSubmission(multipart(form({ file: big })))).toEqual({
      ok: false,
      status: 413,
      problem: { message: "import.tooLarge", vars: { mb: IMPORT_MAX_BYTES / 1_000_000 } },
    });
    const broken = new Request("http://localhost/hr/import", {
      method: "POST",
      headers: { "content-type": "multipart/form-data; boundary=x" },
      body: "not multipart at all",
    });
    expect(await readImportSubmission(broken)).toEqual({ ok: false, status: 400, problem: { message: "import.unreadableUpload" } });
  });
});

describe("the file-or-paste choice", () => {
  it("uses a chosen file over pasted text", async () => {
    const result = await chooseImportText(form({ csvText: "other,text", file: new File([csv], "staff.csv") }));
    expect(result).toEqual({ ok: true, text: csv });
  });

  it("uses the pasted text when the file part is empty and unnamed (no file chosen)", async () => {
    expect(await chooseImportText(form({ csvText: csv, file: new File([], "") }))).toEqual({ ok: true, text: csv });
  });

  it("refuses a chosen empty file, and nothing at all, with their own messages", async () => {
    expect(await chooseImportText(form({ csvText: "  ", file: new File([], "empty.csv") }))).toEqual({
      ok: false,
      status: 400,
      problem: { message: "import.emptyFile" },
    });
    expect(await chooseImportText(form({ csvText: "" }))).toEqual({ ok: false, status: 400, problem: { message: "import.noFile" } });
  });

  it("passes on the decoder's message for a spreadsheet saved as .xlsx", async () => {
    const xlsx = new File([new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])], "staff.xlsx");
    expect(await chooseImportText(form({ file: xlsx }))).toEqual({ ok: false, status: 400, problem: { message: "import.spreadsheetFile" } });
  });

  it("refuses a form without the preview intent", async () => {
    expect(await chooseImportText(form({ csvText: csv, intent: "apply" }))).toEqual({
      ok: false,
      status: 400,
      problem: { message: "import.unreadableUpload" },
    });
  });
});

describe("the preview's row order", () => {
  const row = (line: number, action: PreviewRow["action"]): PreviewRow => ({
    line,
    action,
    email: `p${line}@example.org`,
    name: `P ${line}`,
    staffNumber: null,
    orgUnit: null,
    role: "staff",
    changes: [],
    problems: [],
    notes: [],
  });

  it("puts rows with problems first, each group in file order", () => {
    const rows = [row(2, "create"), row(3, "error"), row(4, "unchanged"), row(5, "error"), row(6, "update")];
    expect(orderPreviewRows(rows).map((r) => r.line)).toEqual([3, 5, 2, 4, 6]);
  });

  it("shows at most SHOWN_ROWS rows but counts them all, and sends the text back only when it can be applied", () => {
    const rows = Array.from({ length: SHOWN_ROWS + 5 }, (_, i) => row(i + 2, i === SHOWN_ROWS + 3 ? "error" : "create"));
    const plan = {
      ok: false,
      fileProblems: [],
      delimiter: ";" as const,
      columns: [
        { header: "email", field: "email" as const },
        { header: "Notes", field: null },
        { header: "", field: null },
      ],
      rows,
      counts: { create: rows.length - 1, update: 0, unchanged: 0, error: 1, blank: 0 },
      hash: "h",
      digest: "d",
      text: "t",
    };
    const view = importPreviewView(plan);
    expect(view.total).toBe(SHOWN_ROWS + 5);
    expect(view.rows).toHaveLength(SHOWN_ROWS);
    expect(view.rows[0]!.line).toBe(SHOWN_ROWS + 5);
    expect(view.ignored).toEqual(["Notes"]);
    expect(view.apply).toBeNull();
    expect(importPreviewView({ ...plan, ok: true }).apply).toEqual({ csv: "t", hash: "h", digest: "d" });
  });
});
