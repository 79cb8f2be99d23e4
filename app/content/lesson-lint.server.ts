import fs from "node:fs";
import path from "node:path";
import { COMPONENT_NAMES, COMPONENT_PROPS, type ComponentSpec, type PropSpec } from "~/components/mdx/props";
import type { ContentProblem, LessonTranslation } from "./model";
import { closest } from "./suggest";

// Mistakes the MDX compiler either accepts silently (an unknown component compiles, then fails
// when the page renders) or reports in programmer's words. Each message names the fix.

// Lower-case tags MDX passes through as plain HTML; anything else lower-case is a mistake.
export const HTML_TAGS = new Set(
  "a abbr b blockquote br caption cite code dd del details dfn div dl dt em h2 h3 h4 h5 h6 hr i ins kbd li mark ol p pre q s samp small span strong sub summary sup table tbody td tfoot th thead time tr u ul var".split(
    " ",
  ),
);

/** A line that is a real JavaScript import or export (refused elsewhere), not prose. */
const ESM_STATEMENT = /^(?:import\s+(?:["'{*]|[\w$]+\s*(?:,|from\b))|export\s+(?:const|let|var|function|class|default|async|\{|\*))/;

type Attr = { name: string; value: string | null; expression: boolean; line: number };
type Tag = { name: string; attrs: Attr[]; line: number; spread: boolean };

export function lintLesson(t: LessonTranslation, moduleDir: string): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const body = t.body;
  let line = t.bodyLine;
  const report = (at: number, message: string) => problems.push({ file: t.file, line: at, message, severity: "error" });
  let i = 0;
  let lineStart = true;
  let fence: string | null = null;

  const advance = (to: number) => {
    for (let k = i; k < to && k < body.length; k++) if (body[k] === "\n") line++;
    i = to;
    lineStart = i > 0 && body[i - 1] === "\n";
  };

  while (i < body.length) {
    const c = body[i]!;
    if (lineStart) {
      lineStart = false;
      const rest = body.slice(i, body.indexOf("\n", i) === -1 ? body.length : body.indexOf("\n", i));
      const f = /^\s*(`{3,}|~{3,})/.exec(rest);
      if (fence) {
        if (f && f[1]!.startsWith(fence)) fence = null;
        advance(i + rest.length);
        continue;
      }
      if (f) {
        fence = f[1]!;
        advance(i + rest.length);
        continue;
      }
      const word = /^(import|export)\s/.exec(rest)?.[1];
      // MDX reads a paragraph that starts with "import " or "export " as JavaScript: prose such as
      // "export the list…" fails in the compiler's words ("Could not parse import/exports with
      // acorn"), so it is reported here first, at its line. Real statements are refused by
      // lesson-code.server.ts in its own words.
      if (word && (i === 0 || body.slice(0, i).endsWith("\n\n")) && !ESM_STATEMENT.test(rest)) {
        report(
          line,
          `a paragraph starting with "${word}" in lower case is read as code, and lessons cannot hold code: start the sentence with a capital letter ("${word[0]!.toUpperCase()}${word.slice(1)} …") or another word`,
        );
        advance(i + rest.length);
        continue;
      }
    }
    if (c === "\n") {
      line++;
      i++;
      lineStart = true;
      continue;
    }
    if (c === "\\") {
      i += 2;
      continue;
    }
    if (c === "`") {
      const run = /^`+/.exec(body.slice(i))![0];
      const close = body.indexOf(run, i + run.length);
      advance(close === -1 ? i + run.length : close + run.length);
      continue;
    }
    if (c === "{") {
      advance(skipBraces(body, i));
      continue;
    }
    if (c === "!" && body[i + 1] === "[") {
      const m = /^!\[([^\]\n]*)\]\(\s*<?([^)\s>]*)>?[^)\n]*\)/.exec(body.slice(i));
      if (m) {
        const src = m[2]!;
        const exists = src !== "" && !/^https?:/.test(src) && fs.existsSync(path.resolve(moduleDir, src));
        report(
          line,
          `Markdown pictures ![…](${src}) are not shown in lessons${exists ? "" : ` (and ${src || "the file"} does not exist in this module's folder)`}: use <Figure src="images/…" alt="what the picture shows" caption="…" /> and put the file in the module's images/ folder`,
        );
        advance(i + m[0].length);
        continue;
      }
    }
    if (c === "<") {
      const next = body[i + 1] ?? "";
      if (/[A-Za-z]/.test(next)) {
        const { tag, end } = readTag(body, i, line);
        checkTag(tag, report);
        advance(end);
        continue;
      }
      if (next === "/") {
        const close = body.indexOf(">", i);
        advance(close === -1 ? i + 2 : close + 1);
        continue;
      }
      if (next === ">") {
        i += 2;
        continue;
      }
      if (body.startsWith("<!--", i)) {
        report(line, "HTML comments <!-- … --> do not work in lessons: write {/* your comment */} instead");
        const close = body.indexOf("-->", i);
        advance(close === -1 ? body.length : close + 3);
        continue;
      }
      report(line, "a bare < in the text starts a component: write &lt; instead, or put it in backticks (`<`)");
      i++;
      continue;
    }
    i++;
  }
  return problems;
}

/** Index just past the brace that closes the one at `start`, skipping strings. */
function skipBraces(s: string, start: number): number {
  let depth = 0;
  for (let k = start; k < s.length; k++) {
    const ch = s[k];
    if (ch === '"' || ch === "'" || ch === "`") {
      const close = s.indexOf(ch, k + 1);
      if (close === -1) return s.length;
      k = close;
    } else if (ch === "{") depth++;
    else if (ch === "}" && --depth === 0) return k + 1;
  }
  return s.length;
}

/** Reads `<Name attr="x" other={1}>` starting at `start`; lines count from `line`. */
function readTag(s: string, start: number, line: number): { tag: Tag; end: number } {
  const name = /^<([A-Za-z][\w.-]*)/.exec(s.slice(start))![1]!;
  const tag: Tag = { name, attrs: [], line, spread: false };
  let k = start + 1 + name.length;
  let current = line;
  while (k < s.length) {
    const ch = s[k]!;
    if (ch === "\n") {
      current++;
      k++;
    } else if (/\s/.test(ch)) k++;
    else if (ch === ">") return { tag, end: k + 1 };
    else if (ch === "/" && s[k + 1] === ">") return { tag, end: k + 2 };
    else if (ch === "{") {
      const end = skipBraces(s, k);
      if (s.slice(k + 1, k + 4) === "...") tag.spread = true;
      current += (s.slice(k, end).match(/\n/g) ?? []).length;
      k = end;
    } else {
      const m = /^([A-Za-z_:][\w:.-]*)\s*(=\s*)?/.exec(s.slice(k));
      if (!m) {
        k++;
        continue;
      }
      const attr: Attr = { name: m[1]!, value: null, expression: false, line: current };
      k += m[0].length;
      if (m[2]) {
        const q = s[k];
        if (q === '"' || q === "'") {
          const close = s.indexOf(q, k + 1);
          const end = close === -1 ? s.length : close;
          attr.value = s.slice(k + 1, end);
          current += (attr.value.match(/\n/g) ?? []).length;
          k = end + 1;
        } else if (q === "{") {
          const end = skipBraces(s, k);
          attr.value = s.slice(k + 1, end - 1).trim();
          attr.expression = true;
          current += (s.slice(k, end).match(/\n/g) ?? []).length;
          k = end;
        }
      }
      tag.attrs.push(attr);
    }
  }
  return { tag, end: s.length };
}

function list(values: readonly string[]) {
  return values.length <= 1 ? values.join("") : `${values.slice(0, -1).join(", ")} or ${values[values.length - 1]}`;
}

function checkTag(tag: Tag, report: (line: number, message: string) => void) {
  const { name } = tag;
  const known = COMPONENT_NAMES.find((c) => c === name);
  if (!known) {
    const sameLetters = COMPONENT_NAMES.find((c) => c.toLowerCase() === name.toLowerCase());
    if (sameLetters) {
      report(tag.line, `<${name}> is written in the wrong case: component names are written exactly as listed, so write <${sameLetters}>`);
      return;
    }
    const isLower = name[0] === name[0]!.toLowerCase();
    if (isLower && HTML_TAGS.has(name)) return;
    if (isLower && name === "img") {
      report(tag.line, `<img> is not shown in lessons: use <Figure src="images/…" alt="…" caption="…" />`);
      return;
    }
    const guess = closest(name, COMPONENT_NAMES);
    report(tag.line, guess ? `no component ${name}: did you mean ${guess}?` : `no component ${name}: the components are ${list(COMPONENT_NAMES)}`);
    return;
  }
  const spec: ComponentSpec = COMPONENT_PROPS[known];
  const props = spec.props as Record<string, PropSpec>;
  const propNames = Object.keys(props);
  for (const attr of tag.attrs) {
    const p = props[attr.name];
    if (!p) {
      const guess = closest(attr.name, propNames);
      const hint = guess
        ? `did you mean ${guess}?`
        : propNames.length > 0
          ? `it takes ${list(propNames)}`
          : "it takes none, only the text between its tags";
      report(attr.line, `${known} has no prop ${attr.name}: ${hint}`);
      continue;
    }
    if (p.kind === "choice" && attr.value !== null && !attr.expression && !p.values.includes(attr.value)) {
      const guess = closest(attr.value, p.values);
      report(attr.line, `${known} ${attr.name}="${attr.value}" is not allowed: use ${list(p.values.map((v) => `"${v}"`))}${guess ? ` (did you mean "${guess}"?)` : ""}`);
    }
    if (p.kind === "number" && attr.value !== null && !attr.expression) {
      report(attr.line, `${known} ${attr.name} is a number: write ${attr.name}={${/^\d+$/.test(attr.value) ? attr.value : 12}} without quotes`);
    }
    if ((p.kind === "text" || p.kind === "choice") && p.required && attr.value !== null && !attr.expression && attr.value.trim() === "") {
      report(attr.line, `${known} ${attr.name} is empty: write ${p.description}`);
    }
  }
  if (tag.spread) return;
  for (const [propName, p] of Object.entries(props)) {
    if (p.required && !tag.attrs.some((a) => a.name === propName)) {
      report(tag.line, `${known} needs ${propName}: add ${propName}="…" (${p.description})`);
    }
  }
}
