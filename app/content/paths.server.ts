import fs from "node:fs";
import path from "node:path";
import type { ContentModule, ContentPath, ContentProblem } from "./model";
import { PathFileSchema } from "./path-schema.server";
import { closest } from "./suggest";
import { parseYamlWith, yamlLineFinder } from "./yaml.server";

/** The folder of a course that holds its learning paths (not a module folder). */
export const PATHS_FOLDER = "paths";

const PATH_FILE = /^([a-z0-9]+(?:-[a-z0-9]+)*)\.yaml$/;

type PendingPath = { path: ContentPath; source: string };

/** Reads and validates the YAML of one course's paths/ folder; module references are checked later. */
export function readCoursePaths(courseDir: string, courseSlug: string, rel: (p: string) => string, problems: ContentProblem[]): PendingPath[] {
  const dir = path.join(courseDir, PATHS_FOLDER);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  } catch {
    return [];
  }
  const found: PendingPath[] = [];
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (!entry.isFile()) {
      problems.push({ file: rel(full), line: 1, message: "the paths folder holds only .yaml files, one per path", severity: "error" });
      continue;
    }
    const m = PATH_FILE.exec(entry.name);
    if (!m) {
      problems.push({ file: rel(full), line: 1, message: "path files are named slug.yaml in lower-case words joined by hyphens (for example social-media-officer.yaml)", severity: "error" });
      continue;
    }
    const source = fs.readFileSync(full, "utf8");
    const parsed = parseYamlWith(PathFileSchema, source, rel(full));
    problems.push(...parsed.problems);
    if (!parsed.value) continue;
    const v = parsed.value;
    found.push({
      source,
      path: {
        slug: m[1]!,
        courseSlug,
        file: rel(full),
        status: v.status,
        title: v.title,
        description: v.description,
        audience: v.audience,
        moduleSlugs: v.modules,
        inOrder: v.in_order,
        hours: 0,
      },
    });
  }
  return found;
}

/**
 * Checks each path against the loaded modules (unknown, repeated or draft modules, slugs used
 * twice) and returns the valid ones with their total hours. A path with an error is left out,
 * so nobody is assigned a path that cannot be finished.
 */
export function resolvePaths(pending: PendingPath[], modules: Map<string, ContentModule>, problems: ContentProblem[]): Map<string, ContentPath> {
  const paths = new Map<string, ContentPath>();
  const known = [...modules.keys()];
  for (const { path: p, source } of pending) {
    const lineOf = yamlLineFinder(source);
    const own: ContentProblem[] = [];
    const seen = new Set<string>();
    p.moduleSlugs.forEach((slug, i) => {
      const line = lineOf(["modules", i]);
      const mod = modules.get(slug);
      if (seen.has(slug)) {
        own.push({ file: p.file, line, message: `modules → #${i + 1}: "${slug}" is listed twice: keep it once`, severity: "error" });
      } else if (!mod) {
        const guess = closest(slug, known);
        own.push({ file: p.file, line, message: `modules → #${i + 1}: there is no module "${slug}"${guess ? `: did you mean "${guess}"?` : ""}`, severity: "error" });
      } else if (mod.status === "draft" && p.status === "published") {
        own.push({ file: p.file, line, message: `modules → #${i + 1}: the module "${slug}" is a draft, so staff could never finish this published path: publish the module or set status: draft on the path`, severity: "error" });
      } else if (mod.settings.hours === null) {
        own.push({ file: p.file, line, message: `modules → #${i + 1}: the module "${slug}" declares no hours, so it adds 0 JP to the path's certificate`, severity: "warning" });
      }
      seen.add(slug);
    });
    const existing = paths.get(p.slug);
    if (existing) {
      own.push({ file: p.file, line: 1, message: `the path slug "${p.slug}" is already used by ${existing.file}`, severity: "error" });
    }
    problems.push(...own);
    if (own.some((x) => x.severity === "error")) continue;
    p.hours = p.moduleSlugs.reduce((sum, s) => sum + (modules.get(s)!.settings.hours ?? 0), 0);
    paths.set(p.slug, p);
  }
  return paths;
}
