import { COMPONENT_NAMES } from "~/components/mdx/props";
import { HTML_TAGS } from "./lesson-lint.server";

// Lessons are content, not code (docs/decisions/0019-lessons-are-content-not-code.md). MDX would
// run any `{…}`, `import` or `export` in a lesson file on the server (and in every learner's
// browser); this walk over the parsed lesson finds each one, so the compile step can refuse the
// lesson and content:check can name the line and column. It runs on the MDX syntax tree (mdast
// with the mdx nodes), which the compiler builds anyway, so nothing is guessed from the text.

/** The parts of mdast and estree nodes the walk reads (the libraries' types are not direct dependencies). */
type Point = { line: number; column: number };
type MdNode = {
  type: string;
  name?: string | null;
  value?: unknown;
  url?: string;
  attributes?: MdNode[];
  children?: MdNode[];
  position?: { start: Point };
  data?: { estree?: EsNode | null };
};
type EsNode = { type: string; [key: string]: unknown };

export type CodeFinding = { line: number; column: number; message: string };

/** A short, one-line quote of the trainer's own `{…}` for messages. */
function quote(value: unknown) {
  const text = String(value ?? "").replace(/\s+/g, " ").trim();
  return text.length > 40 ? `${text.slice(0, 39)}…` : text || "…";
}

const runsCode = (value: unknown) =>
  `Lessons cannot run code: write the text itself instead of {${quote(value)}}; to show braces as text write \\{${quote(value)}\\}`;
const UNSAFE_URL = /^\s*(javascript|vbscript|data):/i;
/** Props whose text is an address (a title that starts "Data: …" is only text). */
const URL_PROPS = /^(href|src|image|poster|action|formaction|cite|xlink:href)$/i;

/** A value that is only data: strings, numbers, booleans, null, and arrays or objects of those. */
function isPlainValue(node: EsNode | null | undefined): boolean {
  if (!node) return false;
  switch (node.type) {
    case "Literal":
      return !("regex" in node) && !("bigint" in node);
    case "TemplateLiteral":
      return (node.expressions as unknown[]).length === 0;
    case "UnaryExpression":
      return node.operator === "-" && (node.argument as EsNode).type === "Literal" && typeof (node.argument as EsNode).value === "number";
    case "ArrayExpression":
      return (node.elements as (EsNode | null)[]).every((e) => e !== null && isPlainValue(e));
    case "ObjectExpression":
      return (node.properties as EsNode[]).every(
        (p) =>
          p.type === "Property" &&
          p.kind === "init" &&
          !p.computed &&
          !p.method &&
          !p.shorthand &&
          ["Identifier", "Literal"].includes((p.key as EsNode).type) &&
          isPlainValue(p.value as EsNode),
      );
    default:
      return false;
  }
}

/** The one expression of `{…}` when the estree holds exactly that; null for anything else. */
function onlyExpression(program: EsNode | null | undefined): EsNode | null {
  const body = (program?.body as EsNode[] | undefined) ?? [];
  if (body.length !== 1 || body[0]!.type !== "ExpressionStatement") return null;
  return body[0]!.expression as EsNode;
}

/** `{/* a comment *\/}` holds no statement: the one kind of braces a lesson may keep. */
function isComment(node: MdNode) {
  const program = node.data?.estree;
  if (program) return (program.body as unknown[]).length === 0;
  return /^\s*\/\*[\s\S]*\*\/\s*$/.test(String(node.value ?? ""));
}

function isEventOrRawHtml(name: string) {
  return /^on[A-Z]/i.test(name) || name === "dangerouslySetInnerHTML" || name === "ref";
}

function checkElement(node: MdNode, at: (n: MdNode) => Point, report: (p: Point, message: string) => void) {
  const name = node.name;
  // A fragment (<>…</>) is only grouping.
  if (name) {
    const known = (COMPONENT_NAMES as readonly string[]).includes(name) || (name === name.toLowerCase() && HTML_TAGS.has(name));
    if (!known) report(at(node), `<${name}> is not a lesson component: use one of ${COMPONENT_NAMES.join(", ")}, or plain Markdown`);
  }
  for (const attr of node.attributes ?? []) {
    if (attr.type === "mdxJsxExpressionAttribute") {
      report(at(attr.position ? attr : node), `Lessons cannot pass props with {…}: write each prop as name="value" instead of {${quote(attr.value)}}`);
      continue;
    }
    const attrName = String(attr.name ?? "");
    const where = at(attr.position ? attr : node);
    if (isEventOrRawHtml(attrName)) {
      report(where, `Lessons cannot run code: remove ${attrName} from <${name ?? ""}>`);
      continue;
    }
    if (attrName === "style") {
      // A style can cover the page with something else (a fake login box): the look is the site's.
      report(where, `Lessons take their look from the site: remove style from <${name ?? ""}>`);
      continue;
    }
    const value = attr.value as MdNode | string | null | undefined;
    if (typeof value === "string") {
      if (URL_PROPS.test(attrName) && UNSAFE_URL.test(value)) report(where, `${attrName}="${value.split(":")[0]}:…" is a script, not an address: use a web address (https://…) or a file in the module`);
      continue;
    }
    if (value && value.type === "mdxJsxAttributeValueExpression" && !isPlainValue(onlyExpression(value.data?.estree))) {
      report(where, `Lessons cannot run code: write ${attrName}="the text itself" (or ${attrName}={12} for a number) instead of ${attrName}={${quote(value.value)}}`);
    }
  }
}

/**
 * Every place in a parsed lesson that would run code: `import`/`export`, `{…}` in the text,
 * attribute values that are not plain data, spread props, event handlers, script addresses and
 * components that are not registered for lessons. Positions are the tree's (1-based).
 */
export function findCode(tree: MdNode): CodeFinding[] {
  const findings: CodeFinding[] = [];
  const report = (p: Point, message: string) => findings.push({ line: p.line, column: p.column, message });
  const at = (n: MdNode): Point => n.position?.start ?? { line: 1, column: 1 };
  const visit = (node: MdNode) => {
    switch (node.type) {
      case "mdxjsEsm": {
        const word = /^\s*(import|export)\b/.exec(String(node.value ?? ""))?.[1] ?? "import";
        report(at(node), `Lessons cannot ${word} code: remove the line starting with "${word}" (the lesson components are there without importing them)`);
        break;
      }
      case "mdxFlowExpression":
      case "mdxTextExpression":
        if (!isComment(node)) report(at(node), runsCode(node.value));
        break;
      case "mdxJsxFlowElement":
      case "mdxJsxTextElement":
        checkElement(node, at, report);
        break;
      case "link":
      case "image":
      case "definition":
        if (node.url && UNSAFE_URL.test(node.url)) report(at(node), `"${node.url.split(":")[0]}:" links run a script: link to a web address (https://…) instead`);
        break;
    }
    for (const child of node.children ?? []) visit(child);
  };
  visit(tree);
  return findings;
}

/** Thrown by the compile step's check; carries every finding, not only the first. */
export class LessonCodeError extends Error {
  constructor(readonly findings: CodeFinding[]) {
    super(findings[0]?.message ?? "the lesson contains code");
  }
}

/** A remark plugin for the compiler: a lesson with any finding does not compile. */
export function refuseLessonCode(sink: { findings: CodeFinding[] }) {
  return () => (tree: unknown) => {
    const findings = findCode(tree as MdNode);
    if (findings.length > 0) {
      sink.findings = findings;
      throw new LessonCodeError(findings);
    }
  };
}
