// The PostgreSQL side of tests/setup/race.ts: a connection of its own that holds the app's write
// lock (the advisory lock every write transaction takes first) and sees who waits for it.
import pg from "pg";
import { PG_WRITE_LOCK } from "~/db/transaction.server";

export async function holdWriteLock(url: string) {
  const gate = new pg.Client({ connectionString: url });
  await gate.connect();
  await gate.query("select pg_advisory_lock($1)", [PG_WRITE_LOCK]);
  let held = true;
  return {
    /** Backend pids of this database's sessions waiting for the write lock. */
    async waiting(): Promise<number[]> {
      // A bigint advisory key below 2^32 is stored as classid 0, objid = key, objsubid 1.
      const { rows } = await gate.query<{ pid: number }>(
        `select pid from pg_locks
          where locktype = 'advisory' and not granted and classid = 0 and objid = $1 and objsubid = 1
            and database = (select oid from pg_database where datname = current_database())`,
        [PG_WRITE_LOCK],
      );
      return rows.map((r) => r.pid);
    },
    async release() {
      if (held) await gate.query("select pg_advisory_unlock($1)", [PG_WRITE_LOCK]);
      held = false;
    },
    async end() {
      await this.release().catch(() => undefined);
      await gate.end();
    },
  };
}
