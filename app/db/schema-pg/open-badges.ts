import { integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { certificates } from "./certificates";
import { timestampMs } from "./columns";

/** PostgreSQL twin of app/db/schema/open-badges.ts (comments on the table live there). */
export const openBadges = pgTable(
  "open_badges",
  {
    certificateId: text()
      .primaryKey()
      .references(() => certificates.id),
    statusIndex: integer().notNull(),
    credential: text().notNull(),
    createdAt: timestampMs().notNull(),
  },
  (t) => [uniqueIndex("open_badges_status_index_unique").on(t.statusIndex)],
);
