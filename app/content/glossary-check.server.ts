import fs from "node:fs";
import path from "node:path";
import type { ContentProblem, LessonTranslation } from "./model";

// content/GLOSSARY.md is the course's word list, and the file itself says how a program reads it:
// its only Markdown table has five cells per row (`en | id | avoid in en | avoid in id | note`);
// the avoid cells list literal phrases, separated by `;`, wrong anywhere in text of that language.
// The rule (ADR 0033): a lesson that uses an avoided phrase gets a warning naming the glossary's
// term (an error under --strict). Lessons mark no terms; the glossary's own wording decides.

export type GlossaryEntry = { en: string; id: string; avoid: { en: string[]; id: string[] }; line: number };

const cells = (row: string) =>
  row
    .trim()
    .replace(/^\||\|$/g, "")
    .split("|")
    .map((c) => c.trim());

const phrases = (cell: string) => (cell === "–" || cell === "-" || cell === "" ? [] : cell.split(";").map((p) => p.trim()).filter(Boolean));

/** The glossary's rows, or null when the content folder has no GLOSSARY.md. */
export function readGlossary(root: string): GlossaryEntry[] | null {
  const file = path.join(root, "GLOSSARY.md");
  if (!fs.existsSync(file)) return null;
  const lines = fs.readFileSync(file, "utf8").split(/\r?\n/);
  const entries: GlossaryEntry[] = [];
  lines.forEach((row, i) => {
    if (!row.trim().startsWith("|")) return;
    const c = cells(row);
    if (c.length < 5 || /^-+$/.test(c[0]!.replace(/\s/g, "")) || c[0] === "en") return;
    entries.push({ en: c[0]!, id: c[1]!, avoid: { en: phrases(c[2]!), id: phrases(c[3]!) }, line: i + 1 });
  });
  return entries;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Avoided phrases in one lesson translation, each at its line, outside code fences and backticks. */
export function glossaryProblems(t: LessonTranslation, glossary: GlossaryEntry[]): ContentProblem[] {
  const rules = glossary.flatMap((g) =>
    g.avoid[t.locale].map((phrase) => ({ phrase, write: g[t.locale], pattern: new RegExp(`(?<![\\p{L}\\p{N}])${escape(phrase)}(?![\\p{L}\\p{N}])`, "iu") })),
  );
  const problems: ContentProblem[] = [];
  let fence = false;
  t.body.split("\n").forEach((raw, i) => {
    if (/^\s*(`{3,}|~{3,})/.test(raw)) fence = !fence;
    if (fence) return;
    const line = raw.replace(/`[^`]*`/g, " ");
    for (const r of rules) {
      if (!r.pattern.test(line)) continue;
      problems.push({
        file: t.file,
        line: t.bodyLine + i,
        message: `"${r.phrase}" is on the glossary's list of words to avoid in ${t.locale === "en" ? "English" : "Indonesian"} text: write ${r.write
          .split(";")
          .map((w) => `"${w.trim()}"`)
          .join(" or ")} (content/GLOSSARY.md)`,
        severity: "warning",
      });
    }
  });
  return problems;
}
