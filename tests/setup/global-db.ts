// Migrates one template database per test run; each test file copies it (per-file-db.ts),
// which is much faster than migrating again. With a PostgreSQL DATABASE_URL the files get a copy
// of a PostgreSQL template as well (tests/setup/pg-databases.ts).
import fs from "node:fs";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { CHECKOUT_TAG, ROOT, TEMPLATE_DB } from "./paths";
import { createTemplate, dropDatabase, isPostgresUrl, PG_TEMPLATE, PG_TEMPLATE_ENV } from "./pg-databases";

export default async function setup(project: TestProject) {
  // The SQLite template too under PostgreSQL: tests of SQLite-only tools (backups, copying a
  // SQLite installation over) still get their file.
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(TEMPLATE_DB + suffix, { force: true });
  const sqlite = new Database(TEMPLATE_DB);
  migrate(drizzle({ client: sqlite }), { migrationsFolder: path.join(ROOT, "drizzle") });
  sqlite.pragma("journal_mode = DELETE");
  sqlite.close();

  const serverUrl = process.env.DATABASE_URL;
  if (!isPostgresUrl(serverUrl)) {
    project.provide("pgServerUrl", null);
    project.provide("pgTemplate", null);
    return;
  }
  project.provide("pgServerUrl", serverUrl);
  // Under `npm run test:pg` the template is ready; otherwise (vitest run directly against a
  // PostgreSQL server) make one for this checkout, and drop it afterwards.
  const ready = process.env[PG_TEMPLATE_ENV];
  if (ready) {
    project.provide("pgTemplate", ready);
    return;
  }
  const name = `${PG_TEMPLATE}_${CHECKOUT_TAG}`;
  await createTemplate(serverUrl, name);
  project.provide("pgTemplate", name);
  return () => dropDatabase(serverUrl, name);
}
