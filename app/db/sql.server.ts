// Hand-written SQL, the same on both dialects: run it and read rows or the number of rows a
// write touched. Drizzle's SQLite and PostgreSQL drivers return these differently; this is the
// one place that knows how.
import { sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import { getDb, type Db } from "./client.server";
import { isPostgres } from "./dialect";

/** The rows of a SELECT (or of a write with RETURNING). */
export async function selectRows<T>(query: SQL, db: Db = getDb()): Promise<T[]> {
  if (isPostgres) return (await (db as unknown as NodePgDatabase).execute(query)).rows as T[];
  return db.all<T>(query);
}

/** The first row of a SELECT, or undefined. */
export async function selectRow<T>(query: SQL, db: Db = getDb()): Promise<T | undefined> {
  return (await selectRows<T>(query, db))[0];
}

/** Runs a statement and returns how many rows it changed. */
export async function execute(query: SQL, db: Db = getDb()): Promise<number> {
  if (isPostgres) return (await (db as unknown as NodePgDatabase).execute(query)).rowCount ?? 0;
  return db.run(query).changes;
}

/**
 * How many rows an awaited insert, update or delete (without RETURNING) changed:
 * `changes` from better-sqlite3, `rowCount` from node-postgres.
 */
export function changedRows(result: unknown): number {
  const r = result as { changes?: number; rowCount?: number | null };
  return r.changes ?? r.rowCount ?? 0;
}

/** The smaller / larger of two values: min()/max() with two arguments on SQLite, least()/greatest() on PostgreSQL. */
export function least(a: SQLWrapper | SQL | number, b: SQLWrapper | SQL | number): SQL {
  return isPostgres ? sql`least(${a}, ${b})` : sql`min(${a}, ${b})`;
}
export function greatest(a: SQLWrapper | SQL | number, b: SQLWrapper | SQL | number): SQL {
  return isPostgres ? sql`greatest(${a}, ${b})` : sql`max(${a}, ${b})`;
}
