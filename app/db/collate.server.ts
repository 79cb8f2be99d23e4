// Text ordering that is the same on both databases.
import { sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { isPostgres } from "./dialect";

/**
 * A text column for ORDER BY, as SQLite's NOCASE compares it: the 26 ASCII capitals folded to
 * lower case, then code point order. PostgreSQL has no NOCASE; lower() under the "C" collation
 * folds ASCII only and compares bytes (UTF-8 bytes sort as code points), so names come out in
 * the same order as on SQLite, not in the server locale's order.
 */
export function caseFolded(column: SQLWrapper | SQL): SQL {
  return isPostgres ? sql`lower(${column} collate "C")` : sql`${column} collate nocase`;
}
