import { integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { certificates } from "./certificates";

/**
 * The Open Badges 3.0 credential of a certificate (ADR 0028): made at first request from the
 * certificate row, signed, checked against the official schema and kept, so the file a learner
 * downloaded twice is byte for byte the same. `statusIndex` is the certificate's bit in the
 * revocation status list; it never changes once given.
 */
export const openBadges = sqliteTable(
  "open_badges",
  {
    certificateId: text()
      .primaryKey()
      .references(() => certificates.id),
    statusIndex: integer().notNull(),
    /** The signed credential as served (JSON text in both dialects: jsonb would reorder its keys). */
    credential: text().notNull(),
    createdAt: integer({ mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("open_badges_status_index_unique").on(t.statusIndex)],
);
