import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { ROOT } from "../setup/paths";

function cli(script: string, args: string[], env: Record<string, string>) {
  return spawnSync("npx", ["tsx", script, ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, ...env } });
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
    const db = new Database(file, { readonly: true });
    const row = db.prepare("select email, role, password_hash from users").get() as { email: string; role: string; password_hash: string | null };
    db.close();
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
