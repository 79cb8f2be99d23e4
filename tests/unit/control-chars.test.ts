// Every field of every schema in app/schemas/ (issue 25, problem 6), found by walking the
// modules' exports: NUL, BEL, ESC, DEL, a C1 control and the Unicode line separator are refused
// by every text field, and line breaks and tabs by every single-line one. A new schema or field
// is walked too, so it cannot forget the rule; a field that keeps line breaks must be named in
// MULTI_LINE below (a textarea), on purpose.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ROOT } from "../setup/paths";

const SCHEMA_DIR = path.join(ROOT, "app/schemas");

/** Arguments for the exported schema factories; a new factory must be added here. */
const FACTORY_ARGS: Record<string, unknown[]> = {
  createAssignmentSchema: ["2026-01-01"],
  createPathAssignmentSchema: ["2026-01-01"],
  reviewDecisionSchema: [[{ id: "c1", levels: 3 }]],
  quizAnswersSchema: [
    [
      { id: "one", multiple: false, options: 3 },
      { id: "all", multiple: true, options: 3 },
    ],
  ],
  lineText: [],
  multiLineText: [],
};

/** Textareas: they keep line breaks and tabs, and still refuse the other controls. */
const MULTI_LINE = new Set([
  "badges.CredentialTextSchema",
  "attendance.FeedbackSchema.comment",
  "certificates.RevokeFormSchema.reason",
  "practice.reviewDecisionSchema.overall",
  "practice.reviewDecisionSchema.comment.c1",
  "practice.WorkFormSchema.text",
  "sessions.LiveSessionSchema.descriptionEn",
  "sessions.LiveSessionSchema.descriptionId",
  "text.multiLineText",
]);

/** A whole uploaded file's text, not a field someone types: each cell is checked on its own (import-csv). */
const FILE_TEXT = new Set(["import.ImportApplySchema.csv", "import.ImportPreviewSchema.csvText"]);

const ALWAYS_REFUSED = ["\u0000", "\u0007", "\u001b", "\u007f", "\u0085", "\u2028"];
const SINGLE_LINE_ONLY = ["\n", "\r", "\t", "\u2029"];
const LINE_BREAKS = ["\n", "\t", "\r\n"];

type Field = { name: string; schema: z.ZodType };

function isSchema(value: unknown): value is z.ZodType {
  return value instanceof z.ZodType;
}

/** The fields a schema reads: an object's keys, each union option's keys, a pipe's input. */
function fieldsOf(name: string, schema: z.ZodType): Field[] {
  const def = schema._zod.def as { type: string; in?: z.ZodType; options?: z.ZodType[] };
  if (def.type === "object") {
    return Object.entries((schema as z.ZodObject).shape).flatMap(([key, field]) => [{ name: `${name}.${key}`, schema: field as z.ZodType }]);
  }
  if (def.type === "union") return def.options!.flatMap((option) => fieldsOf(name, option));
  if (def.type === "pipe" && def.in && ["object", "union", "pipe"].includes((def.in._zod.def as { type: string }).type))
    return fieldsOf(name, def.in);
  return [{ name, schema }];
}

async function allFields(): Promise<Field[]> {
  const fields: Field[] = [];
  for (const file of fs.readdirSync(SCHEMA_DIR).filter((f) => f.endsWith(".ts"))) {
    const mod = (await import(path.join(SCHEMA_DIR, file))) as Record<string, unknown>;
    const moduleName = file.replace(/\.ts$/, "");
    for (const [exportName, value] of Object.entries(mod)) {
      let schema: unknown = value;
      if (typeof value === "function" && !isSchema(value)) {
        const args = FACTORY_ARGS[exportName];
        if (!args) {
          // Helpers (parseForm, hasControlChars…) are not schemas; a schema factory must be listed.
          expect(/schema$/i.test(exportName), `add arguments for the schema factory ${moduleName}.${exportName} to FACTORY_ARGS`).toBe(false);
          continue;
        }
        schema = (value as (...a: unknown[]) => unknown)(...args);
      }
      if (isSchema(schema)) fields.push(...fieldsOf(`${moduleName}.${exportName}`, schema));
    }
  }
  return fields;
}

function containsChar(value: unknown, ch: string): boolean {
  if (typeof value === "string") return value.includes(ch);
  if (Array.isArray(value)) return value.some((v) => containsChar(v, ch));
  if (value && typeof value === "object") return Object.values(value).some((v) => containsChar(v, ch));
  return false;
}

/** Whether a field takes a value with `ch` and hands it on (as a string, or a list of them). */
function keeps(schema: z.ZodType, ch: string) {
  const value = `Ab${ch}cd`;
  return [value, [value]].some((input) => {
    const result = schema.safeParse(input);
    return result.success && containsChar(result.data, ch.replace("\r\n", "\n"));
  });
}

const show = (ch: string) => JSON.stringify(ch);

describe("control characters in form fields", async () => {
  const fields = await allFields();

  it("walks the schemas (sanity: the mentor invitation's name is among them)", () => {
    expect(fields.length).toBeGreaterThan(80);
    expect(fields.map((f) => f.name)).toContain("practice.MentorFormSchema.displayName");
    // Every multi-line and file-text field named above still exists.
    for (const name of [...MULTI_LINE, ...FILE_TEXT])
      expect(
        fields.map((f) => f.name),
        name,
      ).toContain(name);
  });

  it("no field keeps NUL, BEL, ESC, DEL, a C1 control or U+2028", () => {
    const kept = fields
      .filter((f) => !FILE_TEXT.has(f.name))
      .flatMap((f) => ALWAYS_REFUSED.filter((ch) => keeps(f.schema, ch)).map((ch) => `${f.name} keeps ${show(ch)}`));
    expect(kept).toEqual([]);
  });

  it("single-line fields refuse line breaks and tabs; the textareas keep them", () => {
    const problems: string[] = [];
    for (const f of fields.filter((x) => !FILE_TEXT.has(x.name))) {
      if (MULTI_LINE.has(f.name)) {
        for (const ch of LINE_BREAKS) if (!keeps(f.schema, ch)) problems.push(`${f.name} (a textarea) refuses ${show(ch)}`);
      } else {
        for (const ch of SINGLE_LINE_ONLY) if (keeps(f.schema, ch)) problems.push(`${f.name} keeps ${show(ch)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("says which field and why, in both languages", async () => {
    const { MentorFormSchema } = await import("~/schemas/practice");
    const { parseForm } = await import("~/schemas/form");
    const { catalogs } = await import("~/i18n");
    const form = new FormData();
    form.set("email", "mentor@example.org");
    form.set("displayName", "Rina\u0000 Putri");
    form.set("organisation", "Kota Library");
    const parsed = parseForm(MentorFormSchema, form);
    expect(parsed.success).toBe(false);
    if (!parsed.success) {
      expect(parsed.errors).toEqual({ displayName: "validation.controlChars" });
      expect(catalogs.id["validation.controlChars"]).toMatch(/karakter kontrol/);
    }
  });
});
