// `npm run db:copy`: moves a SQLite installation into an empty PostgreSQL database (issue 28,
// README "Moving to PostgreSQL"). Every table, parents before children, ids kept, each value
// converted by its column's PostgreSQL type, all in one PostgreSQL transaction that commits only
// if every table's row count matches the source.
import path from "node:path";
import Database from "better-sqlite3";
import { is } from "drizzle-orm";
import { toSnakeCase } from "drizzle-orm/casing";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import { getTableConfig as pgTableConfig, PgTable, type PgColumn } from "drizzle-orm/pg-core";
import { getTableConfig as sqliteTableConfig, SQLiteTable, type SQLiteColumn } from "drizzle-orm/sqlite-core";
import pg from "pg";
import * as pgSchema from "./schema-pg/index";
import * as sqliteSchema from "./schema/sqlite";

export const PG_MIGRATIONS_DIR = path.resolve("drizzle-pg");

/** Rows per INSERT; PostgreSQL allows 65,535 parameters per statement, the widest table has 19 columns. */
const BATCH_ROWS = 500;

export class CopyError extends Error {}

export type TableCount = { table: string; sqlite: number; postgres: number };

type Column = { dbName: string; pgType: string; sqliteName: string };
type TablePlan = { name: string; columns: Column[]; selfReferences: { column: string; parent: string }[]; identity: string[] };

function dbName(column: { name: string; keyAsName: boolean }) {
  return column.keyAsName ? toSnakeCase(column.name) : column.name;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * The tables in an order where every table comes after the tables it references (computed from
 * the schema's foreign keys; a table's references to itself are handled row by row instead).
 */
export function copyOrder(): TablePlan[] {
  const sqliteTables = new Map<string, SQLiteTable>();
  for (const value of Object.values(sqliteSchema as Record<string, unknown>)) {
    if (is(value, SQLiteTable)) sqliteTables.set(sqliteTableConfig(value).name, value);
  }
  const pgTables = new Map<string, PgTable>();
  for (const value of Object.values(pgSchema as Record<string, unknown>)) {
    if (is(value, PgTable)) pgTables.set(pgTableConfig(value).name, value);
  }
  const plans = new Map<string, TablePlan>();
  const dependsOn = new Map<string, Set<string>>();
  for (const [name, table] of sqliteTables) {
    const pgTable = pgTables.get(name);
    if (!pgTable) throw new CopyError(`The PostgreSQL schema has no table ${name}`);
    const config = sqliteTableConfig(table);
    const pgColumns = new Map(pgTableConfig(pgTable).columns.map((c: PgColumn) => [dbName(c), c]));
    const columns = config.columns.map((c: SQLiteColumn) => {
      const pgColumn = pgColumns.get(dbName(c));
      if (!pgColumn) throw new CopyError(`The PostgreSQL table ${name} has no column ${dbName(c)}`);
      return { dbName: dbName(c), sqliteName: dbName(c), pgType: pgColumn.getSQLType() };
    });
    const selfReferences: TablePlan["selfReferences"] = [];
    const parents = new Set<string>();
    for (const fk of config.foreignKeys) {
      const ref = fk.reference();
      const target = sqliteTableConfig(ref.foreignTable).name;
      if (target !== name) parents.add(target);
      else ref.columns.forEach((c, i) => selfReferences.push({ column: dbName(c), parent: dbName(ref.foreignColumns[i]!) }));
    }
    const identity = pgTableConfig(pgTable)
      .columns.filter((c) => c.generatedIdentity)
      .map(dbName);
    plans.set(name, { name, columns, selfReferences, identity });
    dependsOn.set(name, parents);
  }
  // Kahn's algorithm, alphabetical among the ready ones so the order is the same every run.
  const ordered: TablePlan[] = [];
  const done = new Set<string>();
  while (ordered.length < plans.size) {
    const ready = [...plans.keys()].filter((t) => !done.has(t) && [...dependsOn.get(t)!].every((p) => done.has(p))).sort();
    if (ready.length === 0) {
      const left = [...plans.keys()].filter((t) => !done.has(t));
      throw new CopyError(`The foreign keys between ${left.join(", ")} form a cycle: no copy order exists`);
    }
    for (const t of ready) {
      done.add(t);
      ordered.push(plans.get(t)!);
    }
  }
  return ordered;
}

/** One SQLite value as PostgreSQL expects it for the column, or a clear error naming the row. */
function convert(value: unknown, column: Column, where: () => string): unknown {
  if (value === null) return null;
  const fail = (expected: string) => new CopyError(`${where()}, column ${column.dbName}: ${JSON.stringify(value)} is not ${expected}`);
  switch (column.pgType) {
    case "boolean":
      if (value === 0 || value === 1) return value === 1;
      throw fail("a boolean (0 or 1)");
    case "jsonb":
      if (typeof value !== "string") throw fail("JSON text");
      try {
        JSON.parse(value);
      } catch {
        throw fail("valid JSON");
      }
      return value;
    case "integer":
    case "bigint":
      // Epoch milliseconds stay numbers: the PostgreSQL schema stores them as bigint too.
      if (typeof value === "number" && Number.isSafeInteger(value)) return value;
      throw fail("an integer");
    case "double precision":
      if (typeof value === "number") return value;
      throw fail("a number");
    case "text":
      if (typeof value === "string") return value;
      throw fail("text");
    default:
      throw new CopyError(`db:copy does not know how to convert to PostgreSQL type ${column.pgType} (${column.dbName})`);
  }
}

/** Rows of a self-referencing table with every row after the row it points to. */
function parentsFirst(rows: Record<string, unknown>[], plan: TablePlan): Record<string, unknown>[] {
  const ordered: Record<string, unknown>[] = [];
  const placed = new Set<string>();
  let pending = rows;
  while (pending.length > 0) {
    const next: Record<string, unknown>[] = [];
    for (const row of pending) {
      const ready = plan.selfReferences.every(({ column, parent }) => row[column] === null || placed.has(`${parent}=${String(row[column])}`));
      if (!ready) {
        next.push(row);
        continue;
      }
      ordered.push(row);
      for (const { parent } of plan.selfReferences) placed.add(`${parent}=${String(row[parent])}`);
    }
    if (next.length === pending.length) throw new CopyError(`${plan.name}: rows refer to each other in a cycle or to missing rows`);
    pending = next;
  }
  return ordered;
}

async function insertBatch(client: pg.ClientBase, plan: TablePlan, rows: unknown[][]) {
  const width = plan.columns.length;
  const values = rows.map((_, r) => `(${plan.columns.map((_, c) => `$${r * width + c + 1}`).join(", ")})`).join(", ");
  await client.query(`insert into ${quote(plan.name)} (${plan.columns.map((c) => quote(c.dbName)).join(", ")}) values ${values}`, rows.flat());
}

function checkSourceColumns(sqlite: Database.Database, plans: TablePlan[], log: (line: string) => void) {
  const known = new Set(plans.map((p) => p.name));
  const others = (sqlite.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[])
    .map((t) => t.name)
    .filter((name) => !known.has(name) && !name.startsWith("sqlite_") && name !== "__drizzle_migrations");
  if (others.length > 0) log(`Not copied (not part of the application's schema): ${others.join(", ")}`);
  for (const plan of plans) {
    const present = new Set((sqlite.pragma(`table_info(${quote(plan.name)})`) as { name: string }[]).map((c) => c.name));
    if (present.size === 0) throw new CopyError(`The SQLite database has no table ${plan.name}: run npm run db:migrate on it first`);
    const missing = plan.columns.filter((c) => !present.has(c.sqliteName)).map((c) => c.sqliteName);
    if (missing.length > 0) {
      throw new CopyError(`The SQLite table ${plan.name} lacks ${missing.join(", ")}: run npm run db:migrate on it first`);
    }
  }
}

/** Tables of the target that already hold rows. */
async function nonEmptyTables(client: pg.ClientBase, plans: TablePlan[]) {
  const full: string[] = [];
  for (const plan of plans) {
    const { rows } = await client.query<{ any: boolean }>(`select exists (select 1 from ${quote(plan.name)}) as any`);
    if (rows[0]!.any) full.push(plan.name);
  }
  return full;
}

export type CopyOptions = {
  /** Path of the SQLite database; opened read-only. */
  from: string;
  /** postgres:// connection string of the target. */
  to: string;
  log?: (line: string) => void;
};

/**
 * Copies every table; returns the per-table counts (equal on both sides, else it throws and
 * nothing is committed). Refuses a target whose tables hold any row.
 */
export async function copySqliteToPostgres({ from, to, log = () => {} }: CopyOptions): Promise<TableCount[]> {
  const plans = copyOrder();
  let sqlite: Database.Database;
  try {
    sqlite = new Database(from, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new CopyError(`Cannot open the SQLite database ${from}: ${(error as Error).message}`);
  }
  const client = new pg.Client({ connectionString: to });
  // A dropped connection surfaces as the failing query's error; without a listener it would crash the process.
  client.on("error", () => {});
  try {
    checkSourceColumns(sqlite, plans, log);
    try {
      await client.connect();
    } catch (error) {
      throw new CopyError(`Cannot connect to the PostgreSQL database: ${(error as Error).message}`);
    }
    await migrate(drizzle({ client }), { migrationsFolder: PG_MIGRATIONS_DIR });
    log("PostgreSQL schema is up to date.");
    // One read transaction: every table comes from the same moment, even if the app still writes.
    sqlite.exec("begin");
    await client.query("begin");
    try {
      // Checked inside the transaction, and the tables locked, so nothing writes in between.
      await client.query(`lock table ${plans.map((p) => quote(p.name)).join(", ")} in exclusive mode`);
      const full = await nonEmptyTables(client, plans);
      if (full.length > 0) {
        throw new CopyError(`The target database is not empty (rows in ${full.join(", ")}): db:copy only copies into an empty database`);
      }
      const counts: TableCount[] = [];
      for (const plan of plans) {
        const select = sqlite.prepare(`select ${plan.columns.map((c) => quote(c.sqliteName)).join(", ")} from ${quote(plan.name)}`);
        // A self-referencing table is read whole to order it; the others stream.
        const rows =
          plan.selfReferences.length > 0
            ? parentsFirst(select.all() as Record<string, unknown>[], plan)
            : (select.iterate() as IterableIterator<Record<string, unknown>>);
        let copied = 0;
        let batch: unknown[][] = [];
        for (const row of rows) {
          const where = () => `${plan.name} row ${copied + batch.length + 1}`;
          batch.push(plan.columns.map((c) => convert(row[c.sqliteName], c, where)));
          if (batch.length === BATCH_ROWS) {
            await insertBatch(client, plan, batch);
            copied += batch.length;
            batch = [];
          }
        }
        if (batch.length > 0) await insertBatch(client, plan, batch);
        copied += batch.length;
        for (const column of plan.identity) await resetIdentity(client, sqlite, plan.name, column);
        const source = (sqlite.prepare(`select count(*) as n from ${quote(plan.name)}`).get() as { n: number }).n;
        const { rows: target } = await client.query<{ n: number }>(`select count(*)::int as n from ${quote(plan.name)}`);
        counts.push({ table: plan.name, sqlite: source, postgres: target[0]!.n });
        log(`${plan.name}: ${copied} rows`);
      }
      const wrong = counts.filter((c) => c.sqlite !== c.postgres);
      if (wrong.length > 0) {
        throw new CopyError(`Row counts differ, nothing was committed: ${wrong.map((c) => `${c.table} ${c.sqlite} vs ${c.postgres}`).join("; ")}`);
      }
      await client.query("commit");
      return counts;
    } catch (error) {
      await client.query("rollback").catch(() => {});
      throw error;
    } finally {
      sqlite.exec("commit");
    }
  } finally {
    await client.end().catch(() => {});
    sqlite.close();
  }
}

/**
 * Identity columns continue after the copied ids, and after any id SQLite's AUTOINCREMENT already
 * handed out (sqlite_sequence), so an id is never reused, as on SQLite.
 */
async function resetIdentity(client: pg.ClientBase, sqlite: Database.Database, table: string, column: string) {
  const hasSequence = sqlite.prepare("select 1 from sqlite_master where name = 'sqlite_sequence'").get();
  const used = hasSequence
    ? ((sqlite.prepare("select seq from sqlite_sequence where name = ?").get(table) as { seq: number } | undefined)?.seq ?? 0)
    : 0;
  await client.query(
    `select setval(pg_get_serial_sequence($1, $2), greatest(coalesce((select max(${quote(column)}) from ${quote(table)}), 0), $3::bigint) + 1, false)`,
    [quote(table), column, used],
  );
}
