import { sql } from "drizzle-orm";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import { openTransaction as current, rootDb, sqliteClient, type Tx } from "./client.server";
import { isPostgres } from "./dialect";

/**
 * The one way to write more than one row. `fn` runs in a transaction that holds the database's
 * write lock from its first statement, so a read-then-write cannot be overtaken by another
 * writer (in this process, another process, or on another app server):
 * - SQLite: BEGIN IMMEDIATE on the process's one connection. Transactions in this process
 *   queue for it (the connection is shared, so two must never interleave), and other
 *   processes wait on SQLite's lock (busy_timeout).
 * - PostgreSQL: a transaction that first takes one transaction-scoped advisory lock, the same
 *   write lock every app server takes, so writes are serialised exactly as SQLite serialises
 *   them (docs/decisions/0026-postgresql-as-second-database.md).
 * A nested call joins the open transaction as a savepoint: its failure undoes only its part.
 * Keep network and CPU-heavy work (hashing, mail, image encoding) outside `fn`: the lock is
 * held until it returns.
 */
export async function writeTransaction<T>(fn: (tx: Tx) => Promise<T> | T): Promise<T> {
  const open = current.getStore();
  if (open) return savepoint(open, fn);
  return isPostgres ? pgTransaction(fn) : sqliteTransaction(fn, "begin immediate");
}

/**
 * Several reads that must see one state of the database (a report's chunks, a count and its
 * rows): a snapshot on PostgreSQL (repeatable read, read only), a deferred transaction on SQLite.
 */
export async function readTransaction<T>(fn: (tx: Tx) => Promise<T> | T): Promise<T> {
  const open = current.getStore();
  if (open) return fn(open.tx);
  if (!isPostgres) return sqliteTransaction(fn, "begin");
  const db = rootDb() as unknown as NodePgDatabase;
  return db.transaction((tx) => current.run({ tx: tx as unknown as Tx, depth: 0 }, () => Promise.resolve(fn(tx as unknown as Tx))), {
    isolationLevel: "repeatable read",
    accessMode: "read only",
  });
}

type Open = { tx: Tx; depth: number };

// The transaction lock of all writers on PostgreSQL: one key, taken by every write transaction.
export const PG_WRITE_LOCK = 7301000;

async function pgTransaction<T>(fn: (tx: Tx) => Promise<T> | T): Promise<T> {
  const db = rootDb() as unknown as NodePgDatabase;
  return db.transaction(async (pgTx) => {
    await pgTx.execute(sql`select pg_advisory_xact_lock(${PG_WRITE_LOCK})`);
    const tx = pgTx as unknown as Tx;
    return current.run({ tx, depth: 0 }, () => Promise.resolve(fn(tx)));
  });
}

// SQLite: the process's transactions take turns on its one connection.
let tail: Promise<unknown> = Promise.resolve();

async function sqliteTransaction<T>(fn: (tx: Tx) => Promise<T> | T, begin: string): Promise<T> {
  const turn = tail.then(async () => {
    const client = sqliteClient();
    const tx = rootDb();
    client.exec(begin);
    try {
      const result = await current.run({ tx, depth: 0 }, () => Promise.resolve(fn(tx)));
      client.exec("commit");
      return result;
    } catch (error) {
      if (client.inTransaction) client.exec("rollback");
      throw error;
    }
  });
  // The next queued transaction begins only after a macrotask: the callers whose transactions
  // just ended run their follow-up queries first, instead of inside that next transaction (the
  // connection is shared, and a transaction's own awaits are microtasks only).
  tail = turn.catch(() => undefined).then(() => new Promise<void>((resolve) => setImmediate(resolve)));
  return turn;
}

async function savepoint<T>(open: Open, fn: (tx: Tx) => Promise<T> | T): Promise<T> {
  const depth = open.depth + 1;
  const name = sql.raw(`sp_${depth}`);
  const run = (q: ReturnType<typeof sql>) => (isPostgres ? (open.tx as unknown as NodePgDatabase).execute(q) : Promise.resolve(open.tx.run(q)));
  await run(sql`savepoint ${name}`);
  try {
    const result = await current.run({ tx: open.tx, depth }, () => Promise.resolve(fn(open.tx)));
    await run(sql`release savepoint ${name}`);
    return result;
  } catch (error) {
    await run(sql`rollback to savepoint ${name}`);
    throw error;
  }
}

/** Whether the caller runs inside a write transaction (for helpers that must not open one). */
export function inTransaction() {
  return current.getStore() !== undefined;
}
