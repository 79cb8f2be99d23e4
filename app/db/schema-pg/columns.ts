import { customType } from "drizzle-orm/pg-core";

/**
 * The PostgreSQL twin of SQLite's `integer({ mode: "timestamp_ms" })`: a `bigint` holding epoch
 * milliseconds that the application reads and writes as a JS Date (ADR 0027).
 *
 * Why not `timestamptz`: the stored value is then the same number in both dialects, so the
 * reports' hand-written SQL (`created_at >= ${now.getTime()}`, bucketing by `/ 86400000`),
 * comparisons with `now.getTime()` and `db:copy` need no dialect branch, and a copied database
 * holds exactly what the SQLite one held (no time-zone or microsecond rounding).
 *
 * node-postgres returns int8 as a string unless a type parser is installed (it cannot know the
 * value fits a JS number), so fromDriver accepts a string or a number; epoch milliseconds stay
 * far below 2^53.
 */
export const timestampMs = customType<{ data: Date; driverData: string | number }>({
  dataType() {
    return "bigint";
  },
  toDriver(value) {
    return value.getTime();
  },
  fromDriver(value) {
    return new Date(typeof value === "number" ? value : Number(value));
  },
});
