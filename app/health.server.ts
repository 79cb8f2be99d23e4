import { sql } from "drizzle-orm";
import { selectRow } from "~/db/sql.server";

/** Whether the database answers a query: the liveness probe's one read. */
export async function databaseIsUp(): Promise<boolean> {
  try {
    return (await selectRow<{ ok: number }>(sql`select 1 as ok`))?.ok === 1;
  } catch {
    return false;
  }
}
