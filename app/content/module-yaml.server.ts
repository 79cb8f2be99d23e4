// What module.yaml adds beyond its schema: fields the checks ask for (hours, competencies) and, for
// a module.yaml that does not validate, enough of it to answer its links with "being updated".
import fs from "node:fs";
import type { ModuleFile } from "./content-schemas.server";
import type { Bilingual, ContentProblem } from "./model";
import { readLeniently, yamlLineFinder } from "./yaml.server";

/** What is known of a module whose module.yaml does not validate (read leniently, for its address only). */
export type UnavailableModule = {
  slug: string;
  file: string;
  title: Bilingual | null;
  /** The status the file still states, if it can be read: a draft stays unknown to staff. */
  status: "draft" | "published" | null;
  problems: ContentProblem[];
};

/**
 * Fields paths and credentials need but older modules lack: warnings (errors under --strict),
 * each saying what to write. Placed at the line of estimated_minutes, where they belong.
 */
export function moduleFieldProblems(settings: ModuleFile, file: string, source: string): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const line = yamlLineFinder(source)(["estimated_minutes"]);
  if (settings.hours === undefined) {
    // One JP (jam pelajaran) is 45 minutes; rounded to the half hour the schema accepts.
    const jp = Math.max(0.5, Math.round((settings.estimated_minutes / 45) * 2) / 2);
    problems.push({
      file,
      line,
      message: `hours is missing: add the module's lesson hours (JP, 45 minutes each) under estimated_minutes, for example hours: ${jp} for ${settings.estimated_minutes} minutes; certificates count 0 hours without it`,
      severity: "warning",
    });
  }
  if (!settings.competencies || settings.competencies.length === 0) {
    problems.push({
      file,
      line,
      message: 'competencies is missing: list the career-framework competencies (PermenPAN-RB 55/2022) this module trains, one per line, like competencies: then - { en: "Library promotion", id: "Promosi perpustakaan" }',
      severity: "warning",
    });
  }
  return problems;
}

/**
 * A module.yaml that does not validate still names the module's address: its slug (read leniently,
 * else the folder name without its number), so links to it answer "being updated", not 404.
 */
export function unavailableModule(moduleFile: string, folderSlug: string | null, rel: (p: string) => string, problems: ContentProblem[]): UnavailableModule | null {
  if (!fs.existsSync(moduleFile)) return null;
  const raw = readLeniently(fs.readFileSync(moduleFile, "utf8"));
  const slug = typeof raw.slug === "string" && /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(raw.slug) ? raw.slug : folderSlug;
  if (!slug) return null;
  const title = raw.title as Partial<Bilingual> | undefined;
  return {
    slug,
    file: rel(moduleFile),
    title: title && typeof title.en === "string" && typeof title.id === "string" ? { en: title.en, id: title.id } : null,
    status: raw.status === "draft" || raw.status === "published" ? raw.status : null,
    problems: problems.filter((p) => p.file === rel(moduleFile)),
  };
}

