import { integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { pathCertificates } from "./path-certificates";

/**
 * The Open Badges 3.0 credential of a learning path certificate (ADRs 0028, 0031): signed,
 * checked against the official schema and kept in the transaction that issues the path
 * certificate. Its own table rather than a nullable column on `open_badges` (whose primary key
 * is the module certificate). `statusIndex` is a bit of the same revocation list as module
 * credentials: a bit is drawn free in both tables inside the write transaction, and writes are
 * serialised (ADR 0026), so no two credentials share one.
 */
export const pathOpenBadges = sqliteTable(
  "path_open_badges",
  {
    pathCertificateId: text()
      .primaryKey()
      .references(() => pathCertificates.id),
    statusIndex: integer().notNull(),
    /** The signed credential as served (JSON text in both dialects: jsonb would reorder its keys). */
    credential: text().notNull(),
    createdAt: integer({ mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("path_open_badges_status_index_unique").on(t.statusIndex)],
);
