import { sql } from "drizzle-orm";
import { check, doublePrecision, index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { LIVE_SESSION_STATUSES } from "../schema/live-sessions";
import { timestampMs } from "./columns";
import { users } from "./users";

/** PostgreSQL twin of app/db/schema/live-sessions.ts (comments on the table live there). */
export const liveSessions = pgTable(
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
    startsAt: timestampMs().notNull(),
    endsAt: timestampMs().notNull(),
    place: text(),
    meetingUrl: text(),
    capacity: integer().notNull(),
    hours: doublePrecision().notNull(),
    status: text({ enum: LIVE_SESSION_STATUSES }).notNull().default("scheduled"),
    sequence: integer().notNull().default(0),
    attendanceCode: text().notNull(),
    createdBy: text().references(() => users.id),
    createdAt: timestampMs().notNull(),
    updatedAt: timestampMs().notNull(),
    cancelledAt: timestampMs(),
  },
  (t) => [
    index("live_sessions_starts_idx").on(t.startsAt),
    index("live_sessions_host_idx").on(t.hostId, t.startsAt),
    check("live_sessions_time_check", sql`ends_at > starts_at`),
    check("live_sessions_capacity_check", sql`capacity > 0`),
    check("live_sessions_hours_check", sql`hours >= 0`),
  ],
);
