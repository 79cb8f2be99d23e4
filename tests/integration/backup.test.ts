// `npm run db:backup` makes a consistent copy of a database in use, and the copy restores: a
// server started on it (migrations, then the app's own queries) sees the same people.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getConfig } from "~/config.server";
import { getDb, openSqlite } from "~/db/client.server";
import { isPostgres } from "~/db/dialect";
import { backupDatabase } from "~/db/backup.server";
import { users } from "~/db/schema";
import { createTestUser } from "../setup/factories";
import { ROOT } from "../setup/paths";

// db:backup copies the SQLite file; on PostgreSQL backups are pg_dump's job (README), not ours.
describe.skipIf(isPostgres)("backups (SQLite only: PostgreSQL is backed up with pg_dump)", () => {
  it("db:backup copies a live database consistently, and the copy restores", async () => {
    const people = await Promise.all([createTestUser({ displayName: "Backed Up One" }), createTestUser({ displayName: "Backed Up Two" })]);
    // A second connection holds an open read transaction and the app has unflushed WAL pages:
    // the backup must still be complete.
    const { sqlite: reader } = openSqlite(getConfig().databasePath, { runMigrations: false });
    reader.exec("begin");
    reader.exec("select count(*) from users");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "academy-backup-"));
    const result = spawnSync("npx", ["tsx", "scripts/db-backup.ts", dir], { cwd: ROOT, encoding: "utf8", env: { ...process.env } });
    reader.exec("rollback");
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
    // Opened as the app opens its database: migrations first, then the app's own queries.
    const restored = openSqlite(restoredPath);
    try {
      expect(restored.sqlite.pragma("integrity_check", { simple: true })).toBe("ok");
      const names = (await restored.db.select().from(users)).map((u) => u.displayName);
      for (const p of people) expect(names).toContain(p.displayName);
      expect(names.length).toBe((await getDb().select().from(users)).length);
    } finally {
      restored.sqlite.close();
    }

    // Never overwrites: a second backup to the same name is refused.
    await expect(backupDatabase(getConfig().databasePath, path.join(dir, file!))).rejects.toThrow(/already exists/);
    fs.rmSync(dir, { recursive: true });
  });
});
