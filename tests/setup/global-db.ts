// Migrates one template database per test run; each test file copies it (per-file-db.ts),
// which is much faster than migrating again.
import fs from "node:fs";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import path from "node:path";
import { ROOT, TEMPLATE_DB } from "./paths";

export default function setup() {
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(TEMPLATE_DB + suffix, { force: true });
  const sqlite = new Database(TEMPLATE_DB);
  migrate(drizzle({ client: sqlite }), { migrationsFolder: path.join(ROOT, "drizzle") });
  sqlite.pragma("journal_mode = DELETE");
  sqlite.close();
}
