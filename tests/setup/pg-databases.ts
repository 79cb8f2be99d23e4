// The test databases on PostgreSQL: one migrated template per run, one copy of it per test file
// (CREATE DATABASE ... TEMPLATE copies the files, much faster than migrating each file again).
import fs from "node:fs";
import path from "node:path";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { ROOT } from "./paths";

/** The template's name; scripts/test-pg.ts sets PG_TEMPLATE_DATABASE when it made one. */
export const PG_TEMPLATE = "academy_template";
export const PG_TEMPLATE_ENV = "PG_TEMPLATE_DATABASE";

/** The same test as the application's: which database DATABASE_URL selects. */
export function isPostgresUrl(url: string | undefined): url is string {
  return !!url && /^postgres(ql)?:\/\//.test(url);
}

/** drizzle-pg/ unless PG_MIGRATIONS_DIR names another folder of drizzle-kit migrations. */
export function pgMigrationsDir() {
  return path.resolve(ROOT, process.env.PG_MIGRATIONS_DIR ?? "drizzle-pg");
}

/** The same server and credentials, another database. */
export function withDatabase(url: string, name: string) {
  const u = new URL(url);
  u.pathname = "/" + encodeURIComponent(name);
  return u.toString();
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export function requirePgMigrations(migrationsFolder = pgMigrationsDir()) {
  if (!fs.existsSync(path.join(migrationsFolder, "meta", "_journal.json"))) {
    throw new Error(`no PostgreSQL migrations in ${migrationsFolder} (meta/_journal.json): generate them, or set PG_MIGRATIONS_DIR`);
  }
}

/**
 * Migrates an existing, empty database and seals it as a template: no connections allowed,
 * because CREATE DATABASE ... TEMPLATE fails while anyone is connected to the template.
 */
export async function migrateTemplate(serverUrl: string, name: string, migrationsFolder = pgMigrationsDir()) {
  requirePgMigrations(migrationsFolder);
  const pool = new pg.Pool({ connectionString: withDatabase(serverUrl, name), max: 1 });
  try {
    await migrate(drizzle(pool), { migrationsFolder });
  } finally {
    await pool.end();
  }
  await withClient(serverUrl, (c) => c.query(`ALTER DATABASE ${c.escapeIdentifier(name)} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`));
}

/** (Re)creates and migrates the template on the server `serverUrl` points at. */
export async function createTemplate(serverUrl: string, name: string, migrationsFolder = pgMigrationsDir()) {
  await dropDatabase(serverUrl, name);
  await withClient(serverUrl, (c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`));
  await migrateTemplate(serverUrl, name, migrationsFolder);
}

export async function createDatabaseFrom(serverUrl: string, name: string, template: string) {
  await withClient(serverUrl, (c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(name)} TEMPLATE ${c.escapeIdentifier(template)}`));
}

/** Drops a database even if a test left a connection open (FORCE ends those). */
export async function dropDatabase(serverUrl: string, name: string) {
  await withClient(serverUrl, async (c) => {
    const id = c.escapeIdentifier(name);
    // A template cannot be dropped until it is an ordinary database again.
    const { rowCount } = await c.query("SELECT 1 FROM pg_database WHERE datname = $1 AND datistemplate", [name]);
    if (rowCount) await c.query(`ALTER DATABASE ${id} WITH IS_TEMPLATE false`);
    await c.query(`DROP DATABASE IF EXISTS ${id} WITH (FORCE)`);
  });
}

// What tests/setup/global-db.ts hands every test file (vitest's provide/inject): the server to
// make the file's database on, and the template to copy. null: the run is on SQLite.
declare module "vitest" {
  export interface ProvidedContext {
    pgServerUrl: string | null;
    pgTemplate: string | null;
  }
}
