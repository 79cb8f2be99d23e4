// Imports point one way: routes -> features -> core services -> db. This test reads every static
// import and export-from in app/ (with the TypeScript parser, so `import type` and
// `import { type X }` are told apart) and fails on any edge that breaks the rules below, listing
// the offenders. What cannot be fixed yet stands in ALLOWED with a reason; an entry that no longer
// matches anything fails too, so the list can only shrink.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const APP = path.join(ROOT, "app");

/** Known offenders, as "rule: from -> to" (or "cycle: a, b, ..." sorted), each with its reason. */
const ALLOWED: Record<string, string> = {};

type Edge = { from: string; to: string; runtime: boolean };

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith(".d.ts") ? [full] : [];
  });
}

const rel = (file: string) => path.relative(ROOT, file).split(path.sep).join("/");

/** `~/x` and relative specifiers to the app file they name; null for packages and non-code files. */
export function resolveSpecifier(fromFile: string, spec: string, known: ReadonlySet<string>): string | null {
  let base: string;
  if (spec.startsWith("~/")) base = path.join(APP, spec.slice(2));
  else if (spec.startsWith("./") || spec.startsWith("../")) base = path.resolve(path.dirname(fromFile), spec);
  else return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")]) {
    if (known.has(rel(candidate))) return rel(candidate);
  }
  return null;
}

/** The static imports and export-froms of one file; `runtime` is false when the compiler erases it. */
export function importsOf(fileName: string, text: string): { spec: string; runtime: boolean }[] {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, fileName.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: { spec: string; runtime: boolean }[] = [];
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier)) {
      const clause = st.importClause;
      let runtime = true;
      if (clause?.isTypeOnly) runtime = false;
      else if (clause && !clause.name && clause.namedBindings && ts.isNamedImports(clause.namedBindings)) {
        const els = clause.namedBindings.elements;
        runtime = els.length === 0 || els.some((e) => !e.isTypeOnly);
      }
      out.push({ spec: st.moduleSpecifier.text, runtime });
    } else if (ts.isExportDeclaration(st) && st.moduleSpecifier && ts.isStringLiteral(st.moduleSpecifier)) {
      let runtime = !st.isTypeOnly;
      if (runtime && st.exportClause && ts.isNamedExports(st.exportClause)) {
        runtime = st.exportClause.elements.some((e) => !e.isTypeOnly);
      }
      out.push({ spec: st.moduleSpecifier.text, runtime });
    }
  }
  return out;
}

function graph(): { files: string[]; edges: Edge[] } {
  const files = sourceFiles(APP).map(rel).sort();
  const known = new Set(files);
  const edges: Edge[] = [];
  for (const file of files) {
    const full = path.join(ROOT, file);
    for (const { spec, runtime } of importsOf(full, readFileSync(full, "utf8"))) {
      const to = resolveSpecifier(full, spec, known);
      if (to && to !== file) edges.push({ from: file, to, runtime });
    }
  }
  return { files, edges };
}

const isServer = (f: string) => /\.server\.tsx?$/.test(f);
const under = (f: string, dir: string) => f.startsWith(`app/${dir}/`);
/** Route modules (and the root route) run loaders and actions: they may import server code. */
const isRoute = (f: string) => under(f, "routes") || f === "app/root.tsx";
const FEATURES = ["learning", "certificates", "people", "practice", "reports", "notifications", "account", "paths", "sessions"];
const isFeature = (f: string) => FEATURES.some((d) => under(f, d));
const isCore = (f: string) => ["db", "outbox", "auth", "utils", "i18n", "content"].some((d) => under(f, d)) || f === "app/audit/record.server.ts";

/** Every rule broken by one edge, as "rule: from -> to". */
export function violations(edges: Edge[]): string[] {
  const out = new Set<string>();
  for (const { from, to } of edges) {
    if (!isServer(from) && !isRoute(from) && isServer(to)) out.add(`client-imports-server: ${from} -> ${to}`);
    if (under(from, "db") && !under(to, "db") && to !== "app/config.server.ts" && !under(to, "utils")) out.add(`db-imports-out: ${from} -> ${to}`);
    if (isCore(from) && isFeature(to)) out.add(`core-imports-feature: ${from} -> ${to}`);
  }
  return [...out].sort();
}

/** Strongly connected components of more than one file among runtime imports (Tarjan). */
export function runtimeCycles(files: string[], edges: Edge[]): string[][] {
  const next = new Map<string, string[]>(files.map((f) => [f, []]));
  for (const e of edges) if (e.runtime) next.get(e.from)?.push(e.to);
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const sccs: string[][] = [];
  const connect = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) sccs.push(scc.sort());
    }
  };
  for (const f of files) if (!index.has(f)) connect(f);
  return sccs;
}

function offenders(): string[] {
  const { files, edges } = graph();
  return [...violations(edges), ...runtimeCycles(files, edges).map((c) => `cycle: ${c.join(", ")}`)].sort();
}

describe("import direction", () => {
  it("reads type-only imports apart from runtime ones", () => {
    const found = importsOf(
      "x.ts",
      `import type { A } from "./a"; import { type B } from "./b"; import { type C, d } from "./c";
       import e from "./e"; import "./f"; export type { G } from "./g"; export * from "./h"; export { i } from "./i";`,
    );
    expect(found).toEqual([
      { spec: "./a", runtime: false },
      { spec: "./b", runtime: false },
      { spec: "./c", runtime: true },
      { spec: "./e", runtime: true },
      { spec: "./f", runtime: true },
      { spec: "./g", runtime: false },
      { spec: "./h", runtime: true },
      { spec: "./i", runtime: true },
    ]);
  });

  it("catches each kind of bad edge and a runtime cycle", () => {
    const edges: Edge[] = [
      { from: "app/components/a.tsx", to: "app/learning/b.server.ts", runtime: false },
      { from: "app/db/c.server.ts", to: "app/audit/record.server.ts", runtime: true },
      { from: "app/db/c.server.ts", to: "app/utils/d.ts", runtime: true },
      { from: "app/auth/e.server.ts", to: "app/people/f.server.ts", runtime: false },
      { from: "app/routes/g.tsx", to: "app/people/f.server.ts", runtime: true },
    ];
    expect(violations(edges)).toEqual([
      "client-imports-server: app/components/a.tsx -> app/learning/b.server.ts",
      "core-imports-feature: app/auth/e.server.ts -> app/people/f.server.ts",
      "db-imports-out: app/db/c.server.ts -> app/audit/record.server.ts",
    ]);
    const loop: Edge[] = [
      { from: "x", to: "y", runtime: true },
      { from: "y", to: "z", runtime: true },
      { from: "z", to: "x", runtime: true },
      { from: "z", to: "w", runtime: false },
      { from: "w", to: "z", runtime: true },
    ];
    expect(runtimeCycles(["w", "x", "y", "z"], loop)).toEqual([["x", "y", "z"]]);
  });

  it("app/ has no import against the direction beyond the allow-list", () => {
    const found = offenders();
    expect(found.filter((o) => !(o in ALLOWED))).toEqual([]);
    // A fixed offender leaves the list: an entry that matches nothing fails.
    expect(Object.keys(ALLOWED).filter((o) => !found.includes(o))).toEqual([]);
  });
});
