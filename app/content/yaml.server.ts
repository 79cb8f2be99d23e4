import { LineCounter, parseDocument, isNode, type Document } from "yaml";
import type { z } from "zod";

import type { ContentProblem as Problem } from "./model";
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
  const problems: Problem[] = doc.errors.map((e) => ({
    file,
    line: (e.linePos?.[0]?.line ?? 1) + lineOffset,
    message: `this is not valid YAML: ${e.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "")}`,
    severity: "error" as const,
  }));
  if (problems.length > 0) return { value: null, problems };
  const result = schema.safeParse(doc.toJS() ?? {});
  if (result.success) return { value: result.data, problems: [] };
  for (const issue of result.error.issues) {
    const path = issue.path.map((p) => (typeof p === "number" ? p : String(p)));
    problems.push({
      file,
      line: lineOf(doc, path, lineCounter) + lineOffset,
      message: describe(path, issue),
      severity: "error",
    });
  }
  return { value: null, problems };
}

function describe(path: (string | number)[], issue: z.core.$ZodIssue) {
  const where = path.length > 0 ? `${path.map((p) => (typeof p === "number" ? `#${p + 1}` : p)).join(" → ")}: ` : "";
  if (issue.code === "unrecognized_keys") return `${where}unknown setting ${issue.keys.join(", ")} (check the spelling)`;
  if (issue.code === "invalid_type" && issue.message.startsWith("Invalid input")) return `${where}is missing or has the wrong kind of value`;
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
