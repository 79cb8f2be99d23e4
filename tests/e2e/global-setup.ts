// Builds the production app once for all e2e files and checks that Chromium is there.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { chromiumPath, E2E_TEMPLATE_DB, ROOT } from "./paths";

export default function setup() {
  if (process.env.E2E === "0") return;
  const browser = chromiumPath();
  if (!fs.existsSync(browser)) {
    throw new Error(
      `End-to-end tests need Chromium at ${browser} (set CHROMIUM_PATH to use another).\n` +
        `Install it with:  sudo apt-get update && sudo apt-get install -y chromium\n` +
        `or skip the browser tests with E2E=0 npm test.`,
    );
  }
  if (process.env.E2E_SKIP_BUILD !== "1") {
    execFileSync("npx", ["remix", "build"], { cwd: ROOT, stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
  }
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(E2E_TEMPLATE_DB + suffix, { force: true });
  const sqlite = new Database(E2E_TEMPLATE_DB);
  migrate(drizzle({ client: sqlite }), { migrationsFolder: path.join(ROOT, "drizzle") });
  sqlite.pragma("journal_mode = DELETE");
  sqlite.close();
}
