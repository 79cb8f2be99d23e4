import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "./users";

/** Who did what to whom, and when. Append-only. */
export const auditEvents = sqliteTable(
  "audit_events",
  {
    id: integer().primaryKey({ autoIncrement: true }),
    actorId: text().references(() => users.id),
    action: text().notNull(),
    subjectType: text(),
    subjectId: text(),
    details: text({ mode: "json" }).$type<Record<string, unknown>>(),
    createdAt: integer({ mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("audit_events_created_idx").on(t.createdAt),
    index("audit_events_actor_idx").on(t.actorId),
    index("audit_events_subject_idx").on(t.subjectType, t.subjectId),
  ],
);
