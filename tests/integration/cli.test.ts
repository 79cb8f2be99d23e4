import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openSqlite } from "~/db/client.server";
import { ROOT } from "../setup/paths";

function cli(script: string, args: string[], env: Record<string, string>) {
  // The tools on the default database, a SQLite file, whichever database the suite runs on.
  const { DATABASE_URL: _suiteDatabase, ...inherited } = process.env;
  return spawnSync("npx", ["tsx", script, ...args], { cwd: ROOT, encoding: "utf8", env: { ...inherited, ...env } });
}

describe("command-line tools", () => {
  it("db:migrate creates the database folder and the tables; admin:create prints a set-password link", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "academy-cli-"));
    const file = path.join(dir, "nested", "academy.db");
    const env = { DATABASE_PATH: file, PUBLIC_URL: "https://academy.example.org", NODE_ENV: "production" };
    const migrate = cli("scripts/db-migrate.ts", [], env);
    expect(migrate.status, migrate.stderr).toBe(0);
    expect(fs.existsSync(file)).toBe(true);

    const created = cli("scripts/admin-create.ts", ["--email", "Head@Library.org", "--name", "Kepala Perpustakaan"], env);
    expect(created.status, created.stderr).toBe(0);
    expect(created.stdout).toMatch(/https:\/\/academy\.example\.org\/set-password\/[\w-]{20,}/);
    const { sqlite } = openSqlite(file, { runMigrations: false });
    // The file the tools wrote, read as it is (not through the app's database).
    // eslint-disable-next-line no-restricted-syntax
    const row = sqlite.prepare("select email, role, password_hash from users").get() as { email: string; role: string; password_hash: string | null };
    sqlite.close();
    expect(row).toEqual({ email: "head@library.org", role: "admin", password_hash: null });

    const duplicate = cli("scripts/admin-create.ts", ["--email", "head@library.org", "--name", "Again"], env);
    expect(duplicate.status).toBe(1);
    expect(duplicate.stderr).toMatch(/already exists/);
    const bad = cli("scripts/admin-create.ts", ["--email", "not-an-email"], env);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--email: is not an email address/);
    expect(bad.stderr).toMatch(/--name: is required/);
  }, 60_000);
});
