import { index, integer, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { timestampMs } from "./columns";
import { users } from "./users";

/** PostgreSQL twin of app/db/schema/audit-events.ts (comments on the table live there). */
export const auditEvents = pgTable(
  "audit_events",
  {
    // SQLite's INTEGER PRIMARY KEY AUTOINCREMENT; "by default" so db:copy can keep the ids.
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    actorId: text().references(() => users.id),
    action: text().notNull(),
    subjectType: text(),
    subjectId: text(),
    details: jsonb().$type<Record<string, unknown>>(),
    createdAt: timestampMs().notNull(),
  },
  (t) => [
    index("audit_events_created_idx").on(t.createdAt),
    index("audit_events_actor_idx").on(t.actorId),
    index("audit_events_subject_idx").on(t.subjectType, t.subjectId),
  ],
);
