import { sql } from "drizzle-orm";
import { check, index, integer, real, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "./users";

export const LIVE_SESSION_STATUSES = ["scheduled", "cancelled"] as const;
export type LiveSessionStatus = (typeof LIVE_SESSION_STATUSES)[number];

/**
 * A live session (a workshop with a local creator, a clinic with the communication office): a
 * host (mentor or trainer), a time, a place or meeting link, a capacity and the learning hours
 * (JP) attendance earns. Instants are stored in UTC; forms and mail show them in TIME_ZONE.
 * `sequence` counts the changes mailed so far (the .ics SEQUENCE, so calendars replace the
 * event instead of adding a second one). The attendance code is shown by the host and typed or
 * scanned by attendees; it is random, not derived from anything guessable.
 */
export const liveSessions = sqliteTable(
  "live_sessions",
  {
    id: text().primaryKey(),
    titleEn: text().notNull(),
    titleId: text().notNull(),
    descriptionEn: text().notNull(),
    descriptionId: text().notNull(),
    hostId: text()
      .notNull()
      .references(() => users.id),
    startsAt: integer({ mode: "timestamp_ms" }).notNull(),
    endsAt: integer({ mode: "timestamp_ms" }).notNull(),
    place: text(),
    meetingUrl: text(),
    capacity: integer().notNull(),
    hours: real().notNull(),
    status: text({ enum: LIVE_SESSION_STATUSES }).notNull().default("scheduled"),
    sequence: integer().notNull().default(0),
    attendanceCode: text().notNull(),
    createdBy: text().references(() => users.id),
    createdAt: integer({ mode: "timestamp_ms" }).notNull(),
    updatedAt: integer({ mode: "timestamp_ms" }).notNull(),
    cancelledAt: integer({ mode: "timestamp_ms" }),
  },
  (t) => [
    index("live_sessions_starts_idx").on(t.startsAt),
    index("live_sessions_host_idx").on(t.hostId, t.startsAt),
    check("live_sessions_time_check", sql`ends_at > starts_at`),
    check("live_sessions_capacity_check", sql`capacity > 0`),
    check("live_sessions_hours_check", sql`hours >= 0`),
  ],
);
