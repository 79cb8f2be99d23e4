// `npm run db:backup` makes a consistent copy of a database in use, and the copy restores: a
// server started on it (migrations, then the app's own queries) sees the same people.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { getConfig } from "~/config.server";
import { getDb, openDatabase } from "~/db/client.server";
import { backupDatabase } from "~/db/backup.server";
import { users } from "~/db/schema";
import { createTestUser } from "../setup/factories";
import { ROOT } from "../setup/paths";

describe("backups", () => {
  it("db:backup copies a live database consistently, and the copy restores", async () => {
    const people = await Promise.all([createTestUser({ displayName: "Backed Up One" }), createTestUser({ displayName: "Backed Up Two" })]);
    // A second connection holds an open read transaction and the app has unflushed WAL pages:
    // the backup must still be complete.
    const reader = new Database(getConfig().databasePath);
    reader.prepare("begin").run();
    reader.prepare("select count(*) from users").get();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "academy-backup-"));
    const result = spawnSync("npx", ["tsx", "scripts/db-backup.ts", dir], { cwd: ROOT, encoding: "utf8", env: { ...process.env } });
    reader.prepare("rollback").run();
    reader.close();
    expect(result.status, result.stderr).toBe(0);
    const [file] = fs.readdirSync(dir);
    expect(file).toMatch(/^academy-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.db$/);
    expect(result.stdout).toContain(path.join(dir, file!));
    // One self-contained file.
    expect(fs.readdirSync(dir)).toEqual([file]);

    // Restore: the backup file becomes the new server's DATABASE_PATH.
    const restoredPath = path.join(dir, "restored", "academy.db");
    fs.mkdirSync(path.dirname(restoredPath));
    fs.copyFileSync(path.join(dir, file!), restoredPath);
    const restored = openDatabase(restoredPath);
    try {
      expect(restored.$client.pragma("integrity_check", { simple: true })).toBe("ok");
      const names = restored
        .select()
        .from(users)
        .all()
        .map((u) => u.displayName);
      for (const p of people) expect(names).toContain(p.displayName);
      expect(names.length).toBe(getDb().select().from(users).all().length);
    } finally {
      restored.$client.close();
    }

    // Never overwrites: a second backup to the same name is refused.
    await expect(backupDatabase(getConfig().databasePath, path.join(dir, file!))).rejects.toThrow(/already exists/);
    fs.rmSync(dir, { recursive: true });
  });
});
