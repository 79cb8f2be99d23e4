import { index, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { liveSessions } from "./live-sessions";

/** PostgreSQL twin of app/db/schema/live-session-modules.ts (comments on the table live there). */
export const liveSessionModules = pgTable(
  "live_session_modules",
  {
    sessionId: text()
      .notNull()
      .references(() => liveSessions.id, { onDelete: "cascade" }),
    moduleSlug: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.moduleSlug] }), index("live_session_modules_module_idx").on(t.moduleSlug)],
);
