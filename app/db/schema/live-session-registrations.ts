import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { liveSessions } from "./live-sessions";
import { users } from "./users";

export const REGISTRATION_STATUSES = ["registered", "waitlisted", "cancelled"] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

export const ATTENDANCE_SOURCES = ["code", "host"] as const;
export type AttendanceSource = (typeof ATTENDANCE_SOURCES)[number];

/**
 * One person's place at a live session: registered, waitlisted (promoted in `queuedAt` order
 * when a registered person cancels) or cancelled; one row per person and session, re-used when
 * they register again (a new `queuedAt` puts them at the back of the queue). Attendance is
 * `attendedAt`, set by the code (`code`) or by the host's correction (`host`, audited).
 * `remindedAt` makes the day-before reminder go once.
 */
export const liveSessionRegistrations = sqliteTable(
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
    queuedAt: integer({ mode: "timestamp_ms" }).notNull(),
    attendedAt: integer({ mode: "timestamp_ms" }),
    attendanceSource: text({ enum: ATTENDANCE_SOURCES }),
    remindedAt: integer({ mode: "timestamp_ms" }),
    cancelledAt: integer({ mode: "timestamp_ms" }),
    createdAt: integer({ mode: "timestamp_ms" }).notNull(),
    updatedAt: integer({ mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("live_session_registrations_unique").on(t.sessionId, t.userId),
    index("live_session_registrations_queue_idx").on(t.sessionId, t.status, t.queuedAt),
    index("live_session_registrations_user_idx").on(t.userId),
  ],
);
