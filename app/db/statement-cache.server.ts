// SQLite statements kept by their SQL text. Drizzle prepares a new better-sqlite3 statement for
// every query it runs that is not one of our `prepared()` ones, and preparing (parsing and
// planning the SQL) was 4-7% of the CPU of the quiz submission, My learning and the HR report
// (tests/bench profiles). The query builder still builds the SQL text each time; only SQLite's
// work is saved. See docs/decisions/0038-statement-cache.md.
import type Database from "better-sqlite3";

/** Distinct statements kept; `in (…)` lists of other lengths are other texts, so the oldest go. */
export const STATEMENT_CACHE_SIZE = 500;

type Statement = Database.Statement;

/**
 * The connection as drizzle sees it: `prepare` hands out a kept statement for SQL it has seen,
 * set back to better-sqlite3's defaults (drizzle switches a statement to arrays with `raw()` for
 * builder selects and expects objects for `db.all(sql)`). A statement still being iterated is
 * never handed out twice: that SQL gets a fresh one.
 */
export function withStatementCache(sqlite: Database.Database, size = STATEMENT_CACHE_SIZE): Database.Database {
  const kept = new Map<string, Statement>();
  const prepare = (source: string): Statement => {
    const found = kept.get(source);
    if (found && !found.busy) {
      // Most recently used last: the Map's first key is the one to drop.
      kept.delete(source);
      kept.set(source, found);
      if (found.reader) found.raw(false).pluck(false).expand(false);
      return found;
    }
    const statement = sqlite.prepare(source);
    if (!found) {
      kept.set(source, statement);
      if (kept.size > size) kept.delete(kept.keys().next().value!);
    }
    return statement;
  };
  return new Proxy(sqlite, {
    get(target, property) {
      if (property === "prepare") return prepare;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
