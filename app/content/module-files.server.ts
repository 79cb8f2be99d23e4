import fs from "node:fs";
import path from "node:path";
import type { ContentProblem } from "./model";

// The place where a module's extra files (beside module.yaml, the lessons and quiz.yaml) are
// validated. Each validator owns one file name; its problems carry `path:line` like every
// other problem and count towards the module's errors (staff then see "being updated").
// A feature with its own file per module adds one entry to MODULE_FILE_VALIDATORS.

export type ModuleFileContext = {
  /** Absolute module folder. */
  dir: string;
  /** The file's path as problems show it (relative to the working directory). */
  file: string;
  source: string;
  /** The module's `completion` setting, or null when module.yaml did not validate. */
  completion: "quiz" | "tasks" | "both" | null;
};

export type ModuleFileValidator = {
  /** File name inside the module folder, such as tasks.yaml. */
  file: string;
  validate: (ctx: ModuleFileContext) => ContentProblem[];
};

/** Extra per-module files and their validators. */
export const MODULE_FILE_VALIDATORS: ModuleFileValidator[] = [];

/** Runs every validator whose file exists in the module folder. */
export function validateModuleFiles(
  dir: string,
  rel: (p: string) => string,
  completion: ModuleFileContext["completion"],
  validators: readonly ModuleFileValidator[] = MODULE_FILE_VALIDATORS,
): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const v of validators) {
    const full = path.join(dir, v.file);
    if (!fs.existsSync(full)) continue;
    try {
      problems.push(...v.validate({ dir, file: rel(full), source: fs.readFileSync(full, "utf8"), completion }));
    } catch (error) {
      // A validator's own bug must not hide the module's other problems.
      problems.push({ file: rel(full), line: 1, message: `this file could not be checked: ${error instanceof Error ? error.message : String(error)}`, severity: "error" });
    }
  }
  return problems;
}
