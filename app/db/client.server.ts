import { AsyncLocalStorage } from "node:async_hooks";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle as drizzleSqlite, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { migrate as migrateSqlite } from "drizzle-orm/better-sqlite3/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { getConfig } from "~/config.server";
import { dialectOf, DIALECT } from "./dialect";
import * as pgSchema from "./schema-pg";
import * as sqliteSchema from "./schema/sqlite";
import { withStatementCache } from "./statement-cache.server";

/**
 * The application's database handle. It is typed as the SQLite one, but every query is awaited
 * and only the API both dialects share is used (no `.get()`, `.all()`, `.run()`, no `$client`
 * outside app/db: the lint rule in eslint.config.js), so the same code runs on PostgreSQL,
 * where this is a node-postgres Drizzle database over the PostgreSQL tables (schema/index.ts).
 */
export type Db = Omit<BetterSQLite3Database<typeof sqliteSchema>, "$client">;
/** An open transaction: the same query API as the database. */
export type Tx = Db;
/** Read helpers accept either the database or an open transaction. */
export type Queryable = Db;

export const MIGRATIONS_DIR = path.resolve("drizzle");
export const PG_MIGRATIONS_DIR = path.resolve("drizzle-pg");

// PostgreSQL's bigint (our epoch-millisecond timestamps, count(*), sum()) and numeric (avg())
// arrive as strings by default; every value we store fits a double exactly.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));

type Opened =
  | { dialect: "sqlite"; key: string; db: Db; sqlite: Database.Database }
  | { dialect: "pg"; key: string; db: Db; pool: pg.Pool; migrated?: Promise<void> };

/** Opens (creating the folder if needed) a SQLite file with the pragmas the app relies on. */
export function openSqlite(file: string, { runMigrations = true } = {}) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  const db = drizzleSqlite({ client: withStatementCache(sqlite), schema: sqliteSchema, casing: "snake_case" });
  if (runMigrations) migrateSqlite(db, { migrationsFolder: MIGRATIONS_DIR });
  return { db: db as unknown as Db, sqlite };
}

function openPostgres(url: string) {
  const pool = new pg.Pool({ connectionString: url, max: getConfig().databasePoolSize });
  // An idle client's error (the server restarted) must not crash the process; the pool drops it.
  pool.on("error", (error) => console.error(`database pool: ${error.message}`));
  const db = drizzlePg({ client: pool, schema: pgSchema, casing: "snake_case" });
  return { db: db as unknown as Db, pool };
}

// One connection (SQLite) or pool (PostgreSQL) per process, kept across dev rebuilds.
const globalForDb = globalThis as unknown as { __academyDb?: Opened };

function target() {
  const config = getConfig();
  return config.databaseUrl && dialectOf(config.databaseUrl) === "pg"
    ? ({ dialect: "pg", key: config.databaseUrl } as const)
    : ({ dialect: "sqlite", key: config.databasePath } as const);
}

function opened(): Opened {
  const want = target();
  if (want.dialect !== DIALECT) {
    // The tables were picked at load time (schema/index.ts); a process cannot switch dialects.
    throw new Error(`DATABASE_URL selects ${want.dialect} but this process loaded the ${DIALECT} schema`);
  }
  const current = globalForDb.__academyDb;
  if (current && current.key === want.key) return current;
  if (current) void close(current);
  const next: Opened =
    want.dialect === "pg"
      ? { dialect: "pg", key: want.key, ...openPostgres(want.key) }
      : { dialect: "sqlite", key: want.key, ...openSqlite(want.key) };
  globalForDb.__academyDb = next;
  return next;
}

/** The write or read transaction the caller runs in (transaction.server.ts), if any. */
export const openTransaction = new AsyncLocalStorage<{ tx: Db; depth: number }>();

/**
 * The database, or inside a transaction that transaction: a helper called from within
 * writeTransaction reads and writes in it on either dialect (on PostgreSQL another pooled
 * connection would not see the transaction's rows, and could wait on its locks forever).
 */
export function getDb(): Db {
  const open = openTransaction.getStore();
  if (open) return open.tx;
  const o = opened();
  if (o.dialect === "sqlite" && o.sqlite.inTransaction && process.env.NODE_ENV !== "production") {
    // SQLite's connection is shared by the whole process: a query from outside the open
    // transaction would run inside it. That only happens when a transaction awaits real I/O,
    // which it must not (transaction.server.ts); tests and development fail loudly here.
    throw new Error("A query ran while another request's SQLite transaction was open: keep I/O out of writeTransaction");
  }
  return o.db;
}

function rootDb(): Db {
  return opened().db;
}

/** The SQLite connection itself, for app/db's transaction and statement helpers only. */
export function sqliteClient(): Database.Database {
  const o = opened();
  if (o.dialect !== "sqlite") throw new Error("not a SQLite database");
  return o.sqlite;
}

/** The PostgreSQL pool itself, for app/db's helpers only. */
export function pgPool(): pg.Pool {
  const o = opened();
  if (o.dialect !== "pg") throw new Error("not a PostgreSQL database");
  return o.pool;
}

/**
 * Brings the schema up to date before the first request: SQLite migrates when the file is
 * opened; PostgreSQL's migrations are asynchronous, so the server, the worker and the scripts
 * await this once at start. Several app servers starting together are safe: Drizzle's
 * PostgreSQL migrator runs in one transaction, and we hold an advisory lock around it.
 */
export async function prepareDatabase(): Promise<void> {
  const o = opened();
  if (o.dialect === "sqlite") return;
  o.migrated ??= (async () => {
    const client = await o.pool.connect();
    try {
      await client.query("select pg_advisory_lock(7301001)");
      try {
        await migratePg(drizzlePg({ client }), { migrationsFolder: PG_MIGRATIONS_DIR });
      } finally {
        await client.query("select pg_advisory_unlock(7301001)");
      }
    } finally {
      client.release();
    }
  })();
  await o.migrated;
}

async function close(o: Opened) {
  if (o.dialect === "sqlite") o.sqlite.close();
  else await o.pool.end();
}

export { rootDb };

export async function closeDb() {
  const current = globalForDb.__academyDb;
  globalForDb.__academyDb = undefined;
  if (current) await close(current);
}
