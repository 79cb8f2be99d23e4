// Which database this process runs on, decided once from the environment: a `postgres://` or
// `postgresql://` DATABASE_URL selects PostgreSQL, anything else the SQLite file at DATABASE_PATH.
// Kept free of imports so the schema switch (schema/index.ts) can read it at load time.
export type Dialect = "sqlite" | "pg";

export function dialectOf(url: string | undefined): Dialect {
  return url && /^postgres(ql)?:\/\//i.test(url) ? "pg" : "sqlite";
}

export const DIALECT: Dialect = dialectOf(process.env.DATABASE_URL);
export const isPostgres = DIALECT === "pg";
