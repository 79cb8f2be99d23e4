// The PostgreSQL test harness itself (runs under `npm run test:pg`, skipped on SQLite): each test
// file has a private database, a copy of the migrated template, on PostgreSQL 15 or newer.
import fs from "node:fs";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDatabaseFrom, dropDatabase, isPostgresUrl, pgMigrationsDir, withDatabase } from "../setup/pg-databases";

const onPostgres = isPostgresUrl(process.env.DATABASE_URL);

describe.skipIf(!onPostgres)("PostgreSQL test databases", () => {
  let client: pg.Client;
  beforeAll(async () => {
    client = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
  });
  afterAll(() => client?.end());

  const one = async <T extends pg.QueryResultRow>(c: pg.Client, sql: string, params: unknown[] = []) => {
    const { rows } = await c.query<T>(sql, params);
    return rows[0]!;
  };

  it("runs on PostgreSQL 15 or newer", async () => {
    const { version } = await one<{ version: string }>(client, "SELECT current_setting('server_version_num') AS version");
    expect(Number(version)).toBeGreaterThanOrEqual(150000);
  });

  it("gives this file its own database, migrated like the template", async () => {
    const { db } = await one<{ db: string }>(client, "SELECT current_database() AS db");
    expect(db).toMatch(new RegExp(`^t_${process.pid}_[0-9a-f]{8}$`));
    expect(db).not.toBe(inject("pgTemplate"));
    const journal = JSON.parse(fs.readFileSync(path.join(pgMigrationsDir(), "meta", "_journal.json"), "utf8")) as { entries: unknown[] };
    const { applied } = await one<{ applied: string }>(client, "SELECT count(*) AS applied FROM drizzle.__drizzle_migrations");
    expect(Number(applied)).toBe(journal.entries.length);
    // Sealed, so no connection can block the next file's CREATE DATABASE ... TEMPLATE.
    const template = await one<{ datistemplate: boolean; datallowconn: boolean }>(
      client,
      "SELECT datistemplate, datallowconn FROM pg_database WHERE datname = $1",
      [inject("pgTemplate")],
    );
    expect(template).toEqual({ datistemplate: true, datallowconn: false });
  });

  it("keeps what this file writes out of the template", async () => {
    await client.query("CREATE TABLE harness_probe (id integer PRIMARY KEY, note text NOT NULL)");
    await client.query("INSERT INTO harness_probe VALUES (1, 'only here')");
    expect(await one(client, "SELECT note FROM harness_probe WHERE id = 1")).toEqual({ note: "only here" });

    // The template accepts no connections; a fresh copy of it shows what it holds.
    const server = inject("pgServerUrl")!;
    const copy = `t_${process.pid}_${randomBytes(4).toString("hex")}`;
    await createDatabaseFrom(server, copy, inject("pgTemplate")!);
    const other = new pg.Client({ connectionString: withDatabase(server, copy) });
    try {
      await other.connect();
      expect(await one(other, "SELECT to_regclass('public.harness_probe') AS t")).toEqual({ t: null });
      const { applied } = await one<{ applied: string }>(other, "SELECT count(*) AS applied FROM drizzle.__drizzle_migrations");
      expect(Number(applied)).toBeGreaterThan(0);
    } finally {
      await other.end();
      await dropDatabase(server, copy);
    }
  });
});
