import { sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { isPostgres } from "./dialect";

/**
 * `column LIKE %text%` matching the text literally: % _ and \ in what someone typed are escaped,
 * or "A_1" would also find "AB1". The one place search boxes build a LIKE. Case-insensitive on
 * both databases (SQLite's LIKE is, for ASCII; PostgreSQL needs ILIKE).
 */
export function likeContains(column: SQLWrapper, text: string): SQL {
  return isPostgres ? sql`${column} ilike ${containsPattern(text)} escape '\\'` : sql`${column} like ${containsPattern(text)} escape '\\'`;
}

export function containsPattern(text: string) {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
