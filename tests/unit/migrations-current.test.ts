// The generated migrations match the schemas they come from: a table or column changed in
// app/db/schema or app/db/schema-pg without `npm run db:generate` / `db:generate:pg` fails here,
// before a database would be migrated to something else than the code expects.
import fs from "node:fs";
import path from "node:path";
import { generateDrizzleJson, generateMigration, generateSQLiteDrizzleJson, generateSQLiteMigration } from "drizzle-kit/api";
import { describe, expect, it } from "vitest";
import * as pgSchema from "~/db/schema-pg/index";
import * as sqliteSchema from "~/db/schema/sqlite";
import { ROOT } from "../setup/paths";

function latestSnapshot(folder: string) {
  const journal = JSON.parse(fs.readFileSync(path.join(ROOT, folder, "meta/_journal.json"), "utf8")) as { entries: { idx: number }[] };
  const last = journal.entries.at(-1)!;
  return JSON.parse(fs.readFileSync(path.join(ROOT, folder, `meta/${String(last.idx).padStart(4, "0")}_snapshot.json`), "utf8"));
}

describe("generated migrations are current", () => {
  it("PostgreSQL: drizzle-pg/ holds every change in app/db/schema-pg", async () => {
    const current = generateDrizzleJson(pgSchema, undefined, undefined, "snake_case");
    expect(await generateMigration(latestSnapshot("drizzle-pg"), current)).toEqual([]);
  });

  it("SQLite: drizzle/ holds every change in app/db/schema", async () => {
    const current = await generateSQLiteDrizzleJson(sqliteSchema, undefined, "snake_case");
    expect(await generateSQLiteMigration(latestSnapshot("drizzle"), current)).toEqual([]);
  });

  it("notices a change that has no migration yet", async () => {
    const snapshot = latestSnapshot("drizzle-pg");
    delete snapshot.tables["public.users"].indexes["users_role_idx"];
    const current = generateDrizzleJson(pgSchema, undefined, undefined, "snake_case");
    expect(await generateMigration(snapshot, current)).toEqual([expect.stringContaining('CREATE INDEX "users_role_idx"')]);

    const sqliteSnapshot = latestSnapshot("drizzle");
    delete sqliteSnapshot.tables["users"].indexes["users_role_idx"];
    const sqliteCurrent = await generateSQLiteDrizzleJson(sqliteSchema, undefined, "snake_case");
    expect(await generateSQLiteMigration(sqliteSnapshot, sqliteCurrent)).toEqual([expect.stringContaining("CREATE INDEX `users_role_idx`")]);
  });
});
