import { index, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { ATTENDANCE_SOURCES, REGISTRATION_STATUSES } from "../schema/live-session-registrations";
import { timestampMs } from "./columns";
import { liveSessions } from "./live-sessions";
import { users } from "./users";

/** PostgreSQL twin of app/db/schema/live-session-registrations.ts (comments on the table live there). */
export const liveSessionRegistrations = pgTable(
  "live_session_registrations",
  {
    id: text().primaryKey(),
    sessionId: text()
      .notNull()
      .references(() => liveSessions.id, { onDelete: "cascade" }),
    userId: text()
      .notNull()
      .references(() => users.id),
    status: text({ enum: REGISTRATION_STATUSES }).notNull(),
    queuedAt: timestampMs().notNull(),
    attendedAt: timestampMs(),
    attendanceSource: text({ enum: ATTENDANCE_SOURCES }),
    remindedAt: timestampMs(),
    cancelledAt: timestampMs(),
    createdAt: timestampMs().notNull(),
    updatedAt: timestampMs().notNull(),
  },
  (t) => [
    uniqueIndex("live_session_registrations_unique").on(t.sessionId, t.userId),
    index("live_session_registrations_queue_idx").on(t.sessionId, t.status, t.queuedAt),
    index("live_session_registrations_user_idx").on(t.userId),
  ],
);
