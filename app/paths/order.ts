// The one rule for modules taken in order, as a pure function: shared by the path page, /learn
// and the server-side lock on lessons and quizzes (lock.server.ts).
import type { ContentPath } from "~/content/model";

/**
 * For a path and the modules the learner holds a valid certificate for: the modules that are
 * locked (in an in-order path, every module after the first uncertified one, unless certified
 * itself) and the module to take next (the first uncertified one, in the path's order).
 */
export function pathOrder(path: Pick<ContentPath, "moduleSlugs" | "inOrder">, certified: ReadonlySet<string>) {
  const firstOpen = path.moduleSlugs.findIndex((s) => !certified.has(s));
  const locked = new Set<string>();
  if (path.inOrder && firstOpen >= 0) {
    for (const slug of path.moduleSlugs.slice(firstOpen + 1)) if (!certified.has(slug)) locked.add(slug);
  }
  return {
    locked,
    next: firstOpen >= 0 ? path.moduleSlugs[firstOpen]! : null,
    done: path.moduleSlugs.filter((s) => certified.has(s)).length,
    total: path.moduleSlugs.length,
  };
}
