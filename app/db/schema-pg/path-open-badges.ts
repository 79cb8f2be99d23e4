import { integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { pathCertificates } from "./path-certificates";
import { timestampMs } from "./columns";

/** PostgreSQL twin of app/db/schema/path-open-badges.ts (comments on the table live there). */
export const pathOpenBadges = pgTable(
  "path_open_badges",
  {
    pathCertificateId: text()
      .primaryKey()
      .references(() => pathCertificates.id),
    statusIndex: integer().notNull(),
    credential: text().notNull(),
    createdAt: timestampMs().notNull(),
  },
  (t) => [uniqueIndex("path_open_badges_status_index_unique").on(t.statusIndex)],
);
