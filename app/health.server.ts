import { sql } from "drizzle-orm";
import { getDb } from "~/db/client.server";

/** Whether the database answers a query: the liveness probe's one read. */
export function databaseIsUp(): boolean {
  try {
    return getDb().get<{ ok: number }>(sql`select 1 as ok`)?.ok === 1;
  } catch {
    return false;
  }
}
