import { relations } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { LOCALES, users } from "./users";

export const OUTBOX_STATUSES = ["pending", "sent", "failed"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * One email, rendered in the recipient's language, written in the same transaction as the
 * event that causes it. A worker claims a row by setting a lease (lease_until) that expires, so
 * a crashed worker's rows are picked up again and two workers never hold the same row.
 */
export const outboxMessages = sqliteTable(
  "outbox_messages",
  {
    id: text().primaryKey(),
    kind: text().notNull(),
    userId: text().references(() => users.id, { onDelete: "set null" }),
    toEmail: text().notNull(),
    locale: text({ enum: LOCALES }).notNull(),
    subject: text().notNull(),
    textBody: text().notNull(),
    htmlBody: text().notNull(),
    /** One-click unsubscribe URL for optional kinds (List-Unsubscribe), else null. */
    unsubscribeUrl: text(),
    /** An iCalendar invitation sent with the message (text/calendar), and its METHOD (REQUEST or CANCEL). */
    calendarMethod: text(),
    calendarIcs: text(),
    status: text({ enum: OUTBOX_STATUSES }).notNull().default("pending"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: integer({ mode: "timestamp_ms" }).notNull(),
    leaseOwner: text(),
    leaseUntil: integer({ mode: "timestamp_ms" }),
    lastError: text(),
    /** How it left: "smtp", or "capture" when no SMTP_URL is set (demo, development). */
    transport: text(),
    createdAt: integer({ mode: "timestamp_ms" }).notNull(),
    sentAt: integer({ mode: "timestamp_ms" }),
  },
  (t) => [
    index("outbox_messages_due_idx").on(t.status, t.nextAttemptAt),
    index("outbox_messages_created_idx").on(t.createdAt),
    index("outbox_messages_user_idx").on(t.userId),
  ],
);

export const outboxMessagesRelations = relations(outboxMessages, ({ one }) => ({
  user: one(users, { fields: [outboxMessages.userId], references: [users.id] }),
}));
