import type Database from "better-sqlite3";
import { getDb, type Db } from "./client.server";

// Statements on the request path are prepared once per database connection, not rebuilt and
// re-prepared by the query builder on every call (about 10 µs instead of 120 µs per query).
const byDb = new WeakMap<Db, Map<string, unknown>>();

/** A query builder statement, prepared once per connection under `key`. */
export function prepared<T>(db: Db, key: string, build: (db: Db) => T): T {
  let statements = byDb.get(db);
  if (!statements) {
    statements = new Map();
    byDb.set(db, statements);
  }
  let statement = statements.get(key) as T | undefined;
  if (!statement) {
    statement = build(db);
    statements.set(key, statement);
  }
  return statement;
}

const rawByClient = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** A raw SQL statement (reports' hand-written SQL), prepared once per connection. */
export function rawStatement(sql: string): Database.Statement {
  const client = getDb().$client;
  let cache = rawByClient.get(client);
  if (!cache) rawByClient.set(client, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) cache.set(sql, (stmt = client.prepare(sql)));
  return stmt;
}
