// Foreign keys checked at commit instead of at each statement, for the rest of the open
// transaction: rows that refer to nothing may be written inside a savepoint that is rolled back
// before the commit (the forgot-password stand-in, app/notifications/password-reset.server.ts).
// SQLite defers every foreign key; PostgreSQL defers only constraints declared DEFERRABLE.
import { sql } from "drizzle-orm";
import type { Tx } from "./client.server";
import { isPostgres } from "./dialect";
import { execute } from "./sql.server";

export async function deferForeignKeys(tx: Tx): Promise<void> {
  await execute(isPostgres ? sql`set constraints all deferred` : sql`PRAGMA defer_foreign_keys = ON`, tx);
}
