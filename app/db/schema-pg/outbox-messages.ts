import { relations } from "drizzle-orm";
import { index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { OUTBOX_STATUSES } from "../schema/outbox-messages";
import { LOCALES } from "../schema/users";
import { timestampMs } from "./columns";
import { users } from "./users";

/** PostgreSQL twin of app/db/schema/outbox-messages.ts (comments on the table live there). */
export const outboxMessages = pgTable(
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
    unsubscribeUrl: text(),
    calendarMethod: text(),
    calendarIcs: text(),
    status: text({ enum: OUTBOX_STATUSES }).notNull().default("pending"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestampMs().notNull(),
    leaseOwner: text(),
    leaseUntil: timestampMs(),
    lastError: text(),
    transport: text(),
    createdAt: timestampMs().notNull(),
    sentAt: timestampMs(),
  },
  (t) => [
    index("outbox_messages_due_idx").on(t.status, t.nextAttemptAt),
    index("outbox_messages_created_idx").on(t.createdAt),
    index("outbox_messages_user_idx").on(t.userId),
  ],
);

// The same relation as the SQLite schema, so `db.query.outboxMessages.findMany({ with: { user } })`
// works on either dialect.
export const outboxMessagesRelations = relations(outboxMessages, ({ one }) => ({
  user: one(users, { fields: [outboxMessages.userId], references: [users.id] }),
}));
