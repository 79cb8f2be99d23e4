// Builds the production app once for all e2e files and finds Chromium (paths.ts).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { E2E_TEMPLATE_DB, resolveChromium, ROOT } from "./paths";

export default async function setup() {
  if (process.env.E2E === "0") return;
  // Found (or unpacked) once here; the test files' workers, started after this, inherit it.
  const browser = await resolveChromium();
  process.env.CHROMIUM_PATH = browser.path;
  console.log(`[e2e] Chromium from ${browser.from}: ${browser.path}`);
  if (process.env.E2E_SKIP_BUILD !== "1") {
    execFileSync("npx", ["remix", "build"], { cwd: ROOT, stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
  }
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(E2E_TEMPLATE_DB + suffix, { force: true });
  const sqlite = new Database(E2E_TEMPLATE_DB);
  migrate(drizzle({ client: sqlite }), { migrationsFolder: path.join(ROOT, "drizzle") });
  sqlite.pragma("journal_mode = DELETE");
  sqlite.close();
}
