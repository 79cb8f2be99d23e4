import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { getConfig } from "~/config.server";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export const MIGRATIONS_DIR = path.resolve("drizzle");

/** Opens (creating the folder if needed) a SQLite file with the pragmas the app relies on. */
export function openDatabase(file: string, { runMigrations = true } = {}): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  const db = drizzle({ client: sqlite, schema, casing: "snake_case" });
  if (runMigrations) migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  return db as Db;
}

// One connection per process, kept across dev rebuilds (module re-evaluation).
const globalForDb = globalThis as unknown as { __academyDb?: { path: string; db: Db } };

export function getDb(): Db {
  const file = getConfig().databasePath;
  const current = globalForDb.__academyDb;
  if (current && current.path === file) return current.db;
  current?.db.$client.close();
  const db = openDatabase(file);
  globalForDb.__academyDb = { path: file, db };
  return db;
}

/** Synchronous transaction: better-sqlite3 transactions cannot span an await. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Read helpers accept either the database or an open transaction. */
export type Queryable = Db | Tx;

export function closeDb() {
  globalForDb.__academyDb?.db.$client.close();
  globalForDb.__academyDb = undefined;
}
