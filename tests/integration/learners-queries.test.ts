// The learners page reads a page of people in a fixed number of queries, not three per person
// (it used to be 2 + 3 per person: 152 for a page of 50).
import { afterEach, describe, expect, it } from "vitest";
import { getDb, pgPool, sqliteClient } from "~/db/client.server";
import { isPostgres } from "~/db/dialect";
import { markLessonComplete } from "~/learning/progress.server";
import { moduleLearners } from "~/reports/learners.server";
import { createTestUser } from "../setup/factories";
import { moduleBySlug } from "../setup/learning";

type Method = (...args: unknown[]) => unknown;
let restore = () => {};

/**
 * Counts each statement the database driver is handed: better-sqlite3's statement methods, or
 * node-postgres's Client#query (the pool's queries and transactions all go through it).
 */
function watchQueries(onQuery: () => void) {
  const proto = (
    isPostgres
      ? (pgPool() as unknown as { Client: { prototype: object } }).Client.prototype
      : Object.getPrototypeOf(sqliteClient().prepare("select 1"))
  ) as Record<string, Method>;
  const methods = isPostgres ? ["query"] : ["all", "get", "iterate", "run"];
  const originals = Object.fromEntries(methods.map((m) => [m, proto[m]!]));
  for (const m of methods) {
    proto[m] = function (this: unknown, ...args: unknown[]) {
      onQuery();
      return originals[m]!.apply(this, args);
    };
  }
  restore = () => Object.assign(proto, originals);
}

/** Counts the statements the database runs while `fn` runs. */
async function countQueries<T>(fn: () => Promise<T>): Promise<{ result: T; queries: number }> {
  let queries = 0;
  watchQueries(() => queries++);
  try {
    return { result: await fn(), queries };
  } finally {
    restore();
  }
}

afterEach(() => restore());

describe("the learners page's queries", () => {
  it("stay the same for a page of 50 people as for a page of 1", async () => {
    getDb();
    const mod = await moduleBySlug("quick-module");
    for (let i = 0; i < 50; i++) {
      const person = await createTestUser({ displayName: `Learner ${String(i).padStart(2, "0")}` });
      await markLessonComplete(person.id, mod.slug, mod.lessons[0]!.slug, 3);
    }
    const trainer = { role: "trainer" as const };
    const one = await countQueries(() => moduleLearners(trainer, mod, { limit: 1 }));
    const fifty = await countQueries(() => moduleLearners(trainer, mod, { limit: 50 }));
    expect(one.result.rows).toHaveLength(1);
    expect(fifty.result.rows).toHaveLength(50);
    expect(fifty.result.rows.every((r) => r.lessonsDone === 1 && r.status === "in-progress")).toBe(true);
    console.log(`learners page: ${one.queries} queries for 1 person, ${fifty.queries} for 50`);
    expect(fifty.queries).toBe(one.queries);
    expect(fifty.queries).toBeLessThanOrEqual(5);
  });
});
