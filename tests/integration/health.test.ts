import { describe, expect, it } from "vitest";
import { pgPool, sqliteClient } from "~/db/client.server";
import { isPostgres } from "~/db/dialect";
import { execute } from "~/db/sql.server";
import { sql } from "drizzle-orm";
import * as route from "~/routes/health";
import { unwrap } from "../setup/factories";

/**
 * PostgreSQL stops answering this process: the pool's connections are ended by the server and
 * new ones go to a port nobody listens on. (Ending the pool itself would make the file's
 * closing closeDb() fail.)
 */
async function stopPostgres() {
  const pool = pgPool() as unknown as { options: { connectionString?: string; host?: string; port?: number } };
  pool.options.connectionString = "postgres://nobody@127.0.0.1:1/nothing";
  pool.options.host = "127.0.0.1";
  pool.options.port = 1;
  await execute(sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`);
  await execute(sql`select pg_terminate_backend(pg_backend_pid())`).catch(() => undefined);
}

describe("the liveness probe", () => {
  it("answers 200 while the database answers, and 503 once it does not", async () => {
    const up = unwrap(await route.loader());
    expect(up).toMatchObject({ status: 200, data: { ok: true } });
    // Last in this file: the file's database is closed for good.
    if (isPostgres) await stopPostgres();
    else sqliteClient().close();
    const down = unwrap(await route.loader());
    expect(down).toMatchObject({ status: 503, data: { ok: false } });
  });
});
