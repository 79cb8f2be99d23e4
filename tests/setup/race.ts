// Runs calls really at once. On SQLite they are started together in this process (their write
// transactions queue on the one connection). On PostgreSQL the write lock is held from a
// separate connection first, the calls are started, and the lock is let go only once at least
// `minBackends` of them wait for it on distinct pooled connections: their backend pids, read
// from pg_locks, are returned as the proof that the race ran on several connections.
import { isPostgres } from "~/db/dialect";

export type RaceOutcome<T> = { results: PromiseSettledResult<T>[]; backends: number[] };

export async function race<T>(calls: (() => Promise<T>)[], { minBackends = 2, timeoutMs = 20_000 } = {}): Promise<RaceOutcome<T>> {
  if (!isPostgres) return { results: await Promise.allSettled(calls.map((c) => c())), backends: [] };
  const { holdWriteLock } = await import("./pg-write-gate");
  const gate = await holdWriteLock(process.env.DATABASE_URL!);
  try {
    const running = Promise.allSettled(calls.map((c) => c()));
    const deadline = Date.now() + timeoutMs;
    let backends: number[] = [];
    // Polls a condition (the calls queued on the lock), it does not sleep in place of one.
    while (new Set((backends = await gate.waiting())).size < minBackends) {
      if (Date.now() > deadline) {
        await gate.release();
        await running;
        throw new Error(`race: only ${backends.length} call(s) reached the write lock`);
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    await gate.release();
    return { results: await running, backends };
  } finally {
    await gate.end();
  }
}

/** The values of fulfilled calls; throws the first rejection. */
export function fulfilled<T>(outcome: RaceOutcome<T>): T[] {
  return outcome.results.map((r) => {
    if (r.status === "rejected") throw r.reason;
    return r.value;
  });
}

/** The proof that a race ran on distinct PostgreSQL connections (on SQLite: one process, nothing to show). */
export function expectDistinctBackends(outcome: RaceOutcome<unknown>, expectFn: (ok: boolean, message: string) => void, atLeast = 2) {
  if (!isPostgres) return;
  const distinct = new Set(outcome.backends);
  expectFn(distinct.size >= atLeast, `expected >= ${atLeast} distinct backends waiting for the write lock, saw ${outcome.backends.join(",")}`);
}
