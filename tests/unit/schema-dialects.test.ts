// The PostgreSQL tables (app/db/schema-pg) must describe the same database as the SQLite ones
// (app/db/schema): the same tables, columns, types (through the mapping below), nullability,
// defaults, keys, indexes and constraints. Any drift fails here, without a running database.
import { is, sql, SQL, type Table } from "drizzle-orm";
import {
  bigint,
  boolean,
  getTableConfig as pgTableConfig,
  index,
  integer,
  pgTable,
  type PgColumn,
  PgDialect,
  PgTable,
  text,
  type AnyPgColumn,
} from "drizzle-orm/pg-core";
import { getTableConfig as sqliteTableConfig, SQLiteColumn, SQLiteSyncDialect, SQLiteTable } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import { timestampMs } from "~/db/schema-pg/columns";
import * as pgSchema from "~/db/schema-pg/index";
import * as sqliteSchema from "~/db/schema/sqlite";

/**
 * How each SQLite column type is stored on PostgreSQL (ADR 0027). Keys: the SQLite column class
 * (with its mode where the class alone does not say); values: the PostgreSQL column class and SQL type.
 */
const TYPE_MAP: Record<string, string> = {
  SQLiteText: "PgText text",
  SQLiteInteger: "PgInteger integer",
  "SQLiteTimestamp timestamp_ms": "PgCustomColumn bigint (epoch ms as Date)",
  SQLiteBoolean: "PgBoolean boolean",
  "SQLiteTextJson json": "PgJsonb jsonb",
  SQLiteReal: "PgDoublePrecision double precision",
};
/** SQLite integers (64-bit) that outgrow PostgreSQL's 32-bit integer: bigint read as a JS number. */
const WIDENED: Record<string, string> = {
  "sessions.expiresAt": "PgBigInt53 bigint",
  "task_reviews.waitedMs": "PgBigInt53 bigint",
};

type Described = Record<string, Record<string, unknown>>;

const sqliteDialect = new SQLiteSyncDialect({ casing: "snake_case" });
const pgDialect = new PgDialect({ casing: "snake_case" });

/** SQL text compared across dialects: quoting, case, spacing and boolean literals normalised. */
function normaliseSql(sql: SQL | undefined, dialect: SQLiteSyncDialect | PgDialect): string | null {
  if (!sql) return null;
  const query = dialect.sqlToQuery(sql);
  if (query.params.length > 0) return `${query.sql} -- params ${JSON.stringify(query.params)}`;
  return query.sql
    .replace(/["`]/g, "")
    .replace(/\s+/g, " ")
    .replace(/\(\s*/g, "(")
    .replace(/\s*\)/g, ")")
    .replace(/\b(true|1)\b/gi, "TRUE")
    .replace(/\b(false|0)\b/gi, "FALSE")
    .trim()
    .toLowerCase();
}

function sqliteType(column: SQLiteColumn): string {
  const mode = (column as unknown as { mode?: string }).mode;
  if (column.columnType === "SQLiteTimestamp") return `SQLiteTimestamp ${mode}`;
  if (column.columnType === "SQLiteTextJson") return "SQLiteTextJson json";
  return column.columnType;
}

function pgType(column: PgColumn): string {
  const type = `${column.columnType} ${column.getSQLType()}`;
  if (column.columnType !== "PgCustomColumn") return type;
  // A custom column passes only if it round-trips a Date through epoch milliseconds, whether the
  // driver hands back a string (node-postgres' default for int8) or a number.
  const back = column.mapFromDriverValue("1767225600123") as unknown;
  const backFromNumber = column.mapFromDriverValue(1767225600123) as unknown;
  const toDriver = column.mapToDriverValue(new Date(1767225600123)) as unknown;
  const roundTrips = back instanceof Date && back.getTime() === 1767225600123 && backFromNumber instanceof Date && Number(toDriver) === 1767225600123;
  return roundTrips ? `${type} (epoch ms as Date)` : `${type} (not epoch ms)`;
}

function describeColumn(column: SQLiteColumn | PgColumn, type: string) {
  const generated = is(column, SQLiteColumn)
    ? (column as unknown as { autoIncrement?: boolean }).autoIncrement
      ? "auto-increment"
      : null
    : column.generatedIdentity?.type === "byDefault"
      ? "auto-increment"
      : (column.generatedIdentity?.type ?? null);
  return {
    type,
    notNull: column.notNull,
    primary: column.primary,
    hasDefault: column.hasDefault,
    default: is(column.default, SQL) ? "sql" : (column.default ?? null),
    defaultFn: column.defaultFn !== undefined,
    onUpdateFn: column.onUpdateFn !== undefined,
    generated,
    enumValues: column.enumValues ?? null,
    unique: column.isUnique ? column.uniqueName : null,
  };
}

function describeTables(tables: Table[], dialect: "sqlite" | "pg"): Described {
  const out: Described = {};
  for (const table of tables) {
    const config = dialect === "sqlite" ? sqliteTableConfig(table as SQLiteTable) : pgTableConfig(table as PgTable);
    const sqlDialect = dialect === "sqlite" ? sqliteDialect : pgDialect;
    const entry: Record<string, unknown> = {};
    for (const column of config.columns) {
      const key = `${config.name}.${column.name}`;
      let type = dialect === "sqlite" ? sqliteType(column as SQLiteColumn) : pgType(column as PgColumn);
      // The SQLite side says what PostgreSQL type it needs, so both sides end up in PG's terms.
      if (dialect === "sqlite") type = WIDENED[key] ?? TYPE_MAP[type] ?? `unmapped SQLite type ${type}`;
      entry[`column ${column.name}`] = describeColumn(column, type);
    }
    for (const ix of config.indexes) {
      const c = ix.config as { name?: string; columns: unknown[]; unique: boolean; where?: SQL };
      entry[`index ${c.name}`] = {
        columns: c.columns.map((col) => (is(col, SQL) ? "expression" : (col as { name: string }).name)),
        unique: c.unique,
        where: normaliseSql(c.where, sqlDialect),
      };
    }
    for (const fk of config.foreignKeys) {
      const ref = fk.reference();
      entry[`foreign key ${fk.getName()}`] = {
        columns: ref.columns.map((col) => col.name),
        foreignTable:
          dialect === "sqlite" ? sqliteTableConfig(ref.foreignTable as SQLiteTable).name : pgTableConfig(ref.foreignTable as PgTable).name,
        foreignColumns: ref.foreignColumns.map((col) => col.name),
        onDelete: fk.onDelete ?? "no action",
        onUpdate: fk.onUpdate ?? "no action",
      };
    }
    for (const pk of config.primaryKeys) {
      entry[`primary key ${pk.getName()}`] = { columns: pk.columns.map((col) => col.name) };
    }
    for (const uc of config.uniqueConstraints) {
      entry[`unique ${uc.getName()}`] = { columns: uc.columns.map((col) => col.name) };
    }
    for (const check of config.checks) {
      entry[`check ${check.name}`] = { sql: normaliseSql(check.value, sqlDialect) };
    }
    out[config.name] = entry;
  }
  return out;
}

/** Every difference between two described schemas, one readable line each. */
function schemaDifferences(sqlite: Described, pg: Described): string[] {
  const differences: string[] = [];
  for (const table of new Set([...Object.keys(sqlite), ...Object.keys(pg)])) {
    const a = sqlite[table];
    const b = pg[table];
    if (!a || !b) {
      differences.push(`table ${table}: only on ${a ? "SQLite" : "PostgreSQL"}`);
      continue;
    }
    for (const item of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (!(item in a) || !(item in b)) {
        differences.push(`${table} ${item}: only on ${item in a ? "SQLite" : "PostgreSQL"}`);
        continue;
      }
      const x = a[item] as Record<string, unknown>;
      const y = b[item] as Record<string, unknown>;
      for (const field of new Set([...Object.keys(x), ...Object.keys(y)])) {
        if (JSON.stringify(x[field]) !== JSON.stringify(y[field])) {
          differences.push(`${table} ${item} ${field}: SQLite ${JSON.stringify(x[field])}, PostgreSQL ${JSON.stringify(y[field])}`);
        }
      }
    }
  }
  return differences;
}

const sqliteTables = Object.values(sqliteSchema as Record<string, unknown>).filter((v): v is SQLiteTable => is(v, SQLiteTable));
const pgTables = Object.values(pgSchema as Record<string, unknown>).filter((v): v is PgTable => is(v, PgTable));

function differencesWith(replacement: PgTable): string[] {
  const name = pgTableConfig(replacement).name;
  const altered = pgTables.map((t) => (pgTableConfig(t).name === name ? replacement : t));
  return schemaDifferences(describeTables(sqliteTables, "sqlite"), describeTables(altered, "pg"));
}

describe("one schema, two dialects", () => {
  it("exports the same tables under the same names", () => {
    const tableNames = (schema: Record<string, unknown>, isTable: (v: unknown) => boolean) =>
      Object.entries(schema)
        .filter(([, v]) => isTable(v))
        .map(([k]) => k)
        .sort();
    const sqliteNames = tableNames(sqliteSchema, (v) => is(v, SQLiteTable));
    expect(sqliteNames.length).toBeGreaterThanOrEqual(26);
    expect(tableNames(pgSchema, (v) => is(v, PgTable))).toEqual(sqliteNames);
    // Relations the query API relies on exist on both sides.
    expect(Object.keys(pgSchema).filter((k) => k.endsWith("Relations"))).toEqual(Object.keys(sqliteSchema).filter((k) => k.endsWith("Relations")));
  });

  it("describes every table identically: columns, types, defaults, keys, indexes, constraints", () => {
    const sqlite = describeTables(sqliteTables, "sqlite");
    const pg = describeTables(pgTables, "pg");
    expect(JSON.stringify(sqlite)).not.toContain("unmapped");
    expect(schemaDifferences(sqlite, pg)).toEqual([]);
    // The comparison saw what it should: partial indexes, a check, composite keys, a self-reference.
    expect(pg.users!["index users_staff_number_unique"]).toEqual({ columns: ["staffNumber"], unique: true, where: "staff_number is not null" });
    expect(pg.assignments!["check assignments_target_check"]).toBeTruthy();
    expect(pg.lesson_progress!["primary key lesson_progress_userId_moduleSlug_lessonSlug_pk"]).toBeTruthy();
    expect(pg.org_units!["foreign key org_units_parentId_org_units_id_fk"]).toMatchObject({ foreignTable: "org_units", onDelete: "restrict" });
    expect(pg.audit_events!["column id"]).toMatchObject({ generated: "auto-increment", primary: true });
  });

  it("reports a changed column type, nullability or default", () => {
    const sessions = pgTable("sessions", {
      id: text().primaryKey(),
      userId: text()
        .notNull()
        .references(() => pgSchema.users.id, { onDelete: "cascade" }),
      expiresAt: integer().notNull(),
    });
    expect(differencesWith(sessions)).toEqual([
      `sessions column expiresAt type: SQLite "PgBigInt53 bigint", PostgreSQL "PgInteger integer"`,
      "sessions index sessions_user_idx: only on SQLite",
    ]);

    const loginThrottles = pgTable("login_throttles", {
      key: text().primaryKey(),
      failures: integer().notNull().default(1),
      firstFailureAt: timestampMs().notNull(),
      lastFailureAt: timestampMs(),
      lockedUntil: timestampMs(),
    });
    expect(differencesWith(loginThrottles)).toEqual([
      "login_throttles column failures default: SQLite 0, PostgreSQL 1",
      "login_throttles column lastFailureAt notNull: SQLite true, PostgreSQL false",
    ]);
  });

  it("reports a changed index, partial-index condition, foreign key or unique constraint", () => {
    const orgUnits = pgTable(
      "org_units",
      {
        id: text().primaryKey(),
        name: text().notNull(),
        code: text(),
        parentId: text().references((): AnyPgColumn => orgUnits.id, { onDelete: "cascade" }),
        createdAt: timestampMs().notNull(),
      },
      (t) => [index("org_units_parent_idx").on(t.parentId, t.name)],
    );
    expect(differencesWith(orgUnits)).toEqual([
      'org_units column code unique: SQLite "org_units_code_unique", PostgreSQL null',
      'org_units index org_units_parent_idx columns: SQLite ["parentId"], PostgreSQL ["parentId","name"]',
      'org_units foreign key org_units_parentId_org_units_id_fk onDelete: SQLite "restrict", PostgreSQL "cascade"',
    ]);

    const { users } = pgSchema;
    const notificationPreferences = pgTable(
      "notification_preferences",
      {
        userId: text()
          .primaryKey()
          .references(() => users.id, { onDelete: "cascade" }),
        reminders: boolean().notNull().default(true),
        digests: boolean().notNull().default(true),
        unsubscribeToken: bigint({ mode: "number" }).notNull(),
        updatedAt: timestampMs().notNull(),
      },
      (t) => [
        index("notification_preferences_token_unique")
          .on(t.unsubscribeToken)
          .where(sql`${t.unsubscribeToken} > 0`),
      ],
    );
    const differences = differencesWith(notificationPreferences);
    expect(differences).toContain('notification_preferences column unsubscribeToken type: SQLite "PgText text", PostgreSQL "PgBigInt53 bigint"');
    expect(differences).toContain("notification_preferences index notification_preferences_token_unique unique: SQLite true, PostgreSQL false");
    expect(differences.some((d) => d.startsWith("notification_preferences index notification_preferences_token_unique where: SQLite null"))).toBe(
      true,
    );
  });

  it("reports a table missing on one side, and normalises boolean literals in conditions", () => {
    const withoutSecrets = pgTables.filter((t) => pgTableConfig(t).name !== "app_secrets");
    expect(schemaDifferences(describeTables(sqliteTables, "sqlite"), describeTables(withoutSecrets, "pg"))).toEqual([
      "table app_secrets: only on SQLite",
    ]);
    expect(normaliseSql(sql.raw("active = 1"), sqliteDialect)).toBe(normaliseSql(sql.raw('"active" = true'), pgDialect));
    expect(normaliseSql(sql.raw("active = 1"), sqliteDialect)).not.toBe(normaliseSql(sql.raw("active = false"), pgDialect));
  });
});

// The row types the application is written against are the same on both dialects, so code typed
// with the SQLite tables works unchanged on PostgreSQL. `tsc` (npm run typecheck) checks this.
type Equal<X, Y> = (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? true : false;
type SqliteTables = { [K in keyof typeof sqliteSchema as (typeof sqliteSchema)[K] extends SQLiteTable ? K : never]: (typeof sqliteSchema)[K] };
type RowTypesMatch = {
  [K in keyof SqliteTables]: K extends keyof typeof pgSchema
    ? (typeof pgSchema)[K] extends PgTable
      ? [
          Equal<SqliteTables[K]["$inferSelect"], (typeof pgSchema)[K]["$inferSelect"]>,
          Equal<SqliteTables[K]["$inferInsert"], (typeof pgSchema)[K]["$inferInsert"]>,
        ]
      : [false, false]
    : [false, false];
};
const rowTypesMatch: { [K in keyof RowTypesMatch]: [true, true] } = {} as RowTypesMatch;
void rowTypesMatch;
