import { LineCounter, parseDocument, isNode, type Document } from "yaml";
import type { z } from "zod";

import { KNOWN_KEYS } from "./content-schemas.server";
import type { ContentProblem as Problem } from "./model";
import { closest } from "./suggest";
export type { Problem };

/** Parses YAML and validates it with a zod schema, reporting each problem at its line. */
export function parseYamlWith<S extends z.ZodType>(
  schema: S,
  source: string,
  file: string,
  lineOffset = 0,
): { value: z.output<S> | null; problems: Problem[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: true, uniqueKeys: true });
  // The parser often reports one mistake several times (and its consequences further down):
  // the first error is the one to fix, so it is the only one shown.
  const first = doc.errors[0];
  if (first) {
    const { line, message } = explainYamlError(source, first.code, first.linePos?.[0]?.line ?? 1, first.message);
    return { value: null, problems: [{ file, line: line + lineOffset, message, severity: "error" }] };
  }
  const js: unknown = doc.toJS() ?? {};
  const result = schema.safeParse(js);
  if (result.success) return { value: result.data, problems: [] };
  const problems: Problem[] = [];
  // A misspelt key is one mistake: "unknown key corect: did you mean correct?" says it all, so
  // the missing `correct` it leaves behind is not reported again.
  const misspelt = new Set<string>();
  for (const issue of result.error.issues) {
    if (issue.code !== "unrecognized_keys") continue;
    for (const key of issue.keys) {
      const guess = closest(key, KNOWN_KEYS);
      if (guess) misspelt.add(JSON.stringify([...issue.path.map(String), guess]));
    }
  }
  for (const issue of result.error.issues) {
    const path = issue.path.map((p) => (typeof p === "number" ? p : String(p)));
    if (misspelt.has(JSON.stringify(path.map(String))) && valueAt(js, path) === undefined) continue;
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const guess = closest(key, KNOWN_KEYS);
        if (valueAt(js, [...path, key]) === null && /[\s.]/.test(key)) {
          // `{ en: One lesson, two attempts. }`: the comma ended the text and the rest became a key.
          problems.push({
            file,
            line: lineOf(doc, [...path, key], lineCounter) + lineOffset,
            message: `the text before "${key}" was cut at a comma: inside { … } put each text in quotes, like en: "…, ${key}"`,
            severity: "error",
          });
          continue;
        }
        problems.push({
          file,
          line: lineOf(doc, [...path, key], lineCounter) + lineOffset,
          message: `unknown key \`${key}\`: ${guess && guess !== key ? `did you mean \`${guess}\`?` : "remove it or check the spelling"}`,
          severity: "error",
        });
      }
      continue;
    }
    problems.push({
      file,
      line: lineOf(doc, path, lineCounter) + lineOffset,
      message: describe(path, issue, valueAt(js, path) === undefined),
      severity: "error",
    });
  }
  return { value: null, problems };
}

function valueAt(value: unknown, path: (string | number)[]): unknown {
  let v = value;
  for (const p of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<string | number, unknown>)[p];
  }
  return v;
}

const indentOf = (line: string) => /^[ \t]*/.exec(line)![0].length;

/** A YAML syntax error in plain words, at the line to fix. */
export function explainYamlError(source: string, code: string, line: number, raw: string): { line: number; message: string } {
  const lines = source.split(/\r?\n/);
  const at = (n: number) => lines[n - 1] ?? "";
  const indentMessage = "this line is indented differently from the one above it: line it up with the other keys of its block (spaces only, no tabs)";
  switch (code) {
    case "BLOCK_AS_IMPLICIT_KEY":
    case "MULTILINE_IMPLICIT_KEY": {
      // Either the next line is indented further than this `key: value` line, or the value
      // itself holds ": ", which YAML reads as the start of another key.
      const next = lines.slice(line).findIndex((l) => l.trim() !== "");
      const nextLine = next === -1 ? null : line + next + 1;
      const value = /^\s*(?:-\s+)?[\w-]+:\s+(.*)$/.exec(at(line))?.[1] ?? "";
      if (value.includes(": ") && !/^["']/.test(value)) {
        return { line, message: `this text contains ": " and YAML takes it for a new key: put this text in quotes, like "${value.replace(/"/g, "'")}"` };
      }
      if (nextLine && indentOf(at(nextLine)) > indentOf(at(line))) return { line: nextLine, message: indentMessage };
      return { line, message: `this text contains ": " and YAML takes it for a new key: put this text in quotes` };
    }
    case "BAD_INDENT":
    case "MISSING_CHAR":
      if (/without - indicator|same column|indent/i.test(raw)) return { line, message: indentMessage };
      if (/quote/i.test(raw)) {
        // The parser notices at the end of the file; the opening quote is the line to fix.
        for (let n = line; n >= 1; n--) {
          const quotes = (at(n).match(/(?<!\\)"/g) ?? []).length;
          if (quotes % 2 === 1) return { line: n, message: "a quote opens on this line but never closes: add the closing quote at the end of the text" };
        }
        return { line, message: "a quote is never closed: add the closing quote at the end of the text" };
      }
      break;
    case "TAB_AS_INDENT":
      return { line, message: "this line is indented with a tab: YAML only accepts spaces" };
    case "DUPLICATE_KEY": {
      const key = /^\s*(?:-\s+)?([\w-]+):/.exec(at(line))?.[1] ?? "this key";
      return { line, message: `\`${key}\` appears twice in the same block: keep one` };
    }
  }
  return { line, message: `this is not valid YAML: ${raw.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "")}` };
}

function describe(path: (string | number)[], issue: z.core.$ZodIssue, missing: boolean) {
  const where = path.length > 0 ? `${path.map((p) => (typeof p === "number" ? `#${p + 1}` : p)).join(" → ")}: ` : "";
  const key = path[path.length - 1];
  if (missing && issue.code === "invalid_type" && typeof key === "string") {
    return `\`${key}\` is missing${path.length > 1 ? ` (${path.slice(0, -1).map((p) => (typeof p === "number" ? `#${p + 1}` : p)).join(" → ")})` : ""}: add it${/is missing$/.test(issue.message) ? "" : ` (${issue.message})`}`;
  }
  if (issue.code === "invalid_type" && issue.message.startsWith("Invalid input")) return `${where}has the wrong kind of value`;
  // "pass_mark above 100…" already names its key.
  if (typeof key === "string" && issue.message.startsWith(key)) return issue.message;
  return `${where}${issue.message}`;
}

/** The line of the deepest node on the path that exists (1-based). */
export function lineOf(doc: Document, path: (string | number)[], lineCounter: LineCounter): number {
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
  }
  return 1;
}

/** Line of a key inside a YAML mapping, for problems found after validation. */
export function yamlLineFinder(source: string) {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter });
  return (path: (string | number)[]) => lineOf(doc, path, lineCounter);
}

/**
 * The top-level keys of a YAML text that may not parse or validate, as far as they can be read:
 * a syntax error further down still leaves `slug` and `title` above it readable.
 */
export function readLeniently(source: string): Record<string, unknown> {
  try {
    const js: unknown = parseDocument(source, { uniqueKeys: false }).toJS();
    return js !== null && typeof js === "object" && !Array.isArray(js) ? (js as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
