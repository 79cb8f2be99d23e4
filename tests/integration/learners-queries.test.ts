// The learners page reads a page of people in a fixed number of queries, not three per person
// (it used to be 2 + 3 per person: 152 for a page of 50).
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "~/db/client.server";
import { markLessonComplete } from "~/learning/progress.server";
import { moduleLearners } from "~/reports/learners.server";
import { createTestUser } from "../setup/factories";
import { moduleBySlug } from "../setup/learning";

const METHODS = ["all", "get", "iterate", "run"] as const;
type StatementMethods = Record<(typeof METHODS)[number], (...args: unknown[]) => unknown>;
const proto = Object.getPrototypeOf(new Database(":memory:").prepare("select 1")) as StatementMethods;
const originals = Object.fromEntries(METHODS.map((m) => [m, proto[m]])) as StatementMethods;

/** Counts the statements SQLite runs while `fn` runs. */
function countQueries<T>(fn: () => T): { result: T; queries: number } {
  let queries = 0;
  for (const m of METHODS) {
    proto[m] = function (this: unknown, ...args: unknown[]) {
      queries++;
      return originals[m].apply(this, args);
    };
  }
  try {
    return { result: fn(), queries };
  } finally {
    Object.assign(proto, originals);
  }
}

afterEach(() => Object.assign(proto, originals));

describe("the learners page's queries", () => {
  it("stay the same for a page of 50 people as for a page of 1", async () => {
    getDb();
    const mod = await moduleBySlug("quick-module");
    for (let i = 0; i < 50; i++) {
      const person = await createTestUser({ displayName: `Learner ${String(i).padStart(2, "0")}` });
      markLessonComplete(person.id, mod.slug, mod.lessons[0]!.slug, 3);
    }
    const trainer = { role: "trainer" as const };
    const one = countQueries(() => moduleLearners(trainer, mod, { limit: 1 }));
    const fifty = countQueries(() => moduleLearners(trainer, mod, { limit: 50 }));
    expect(one.result.rows).toHaveLength(1);
    expect(fifty.result.rows).toHaveLength(50);
    expect(fifty.result.rows.every((r) => r.lessonsDone === 1 && r.status === "in-progress")).toBe(true);
    console.log(`learners page: ${one.queries} queries for 1 person, ${fifty.queries} for 50`);
    expect(fifty.queries).toBe(one.queries);
    expect(fifty.queries).toBeLessThanOrEqual(5);
  });
});
