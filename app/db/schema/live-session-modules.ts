import { index, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { liveSessions } from "./live-sessions";

/** The module(s) a live session belongs to: staff see the sessions of their modules. */
export const liveSessionModules = sqliteTable(
  "live_session_modules",
  {
    sessionId: text()
      .notNull()
      .references(() => liveSessions.id, { onDelete: "cascade" }),
    moduleSlug: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.moduleSlug] }), index("live_session_modules_module_idx").on(t.moduleSlug)],
);
