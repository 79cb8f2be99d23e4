import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import type { AttemptAnswers, AttemptDraw } from "../schema/quiz-attempts";
import { timestampMs } from "./columns";
import { users } from "./users";

/** PostgreSQL twin of app/db/schema/quiz-attempts.ts (comments on the table live there). */
export const quizAttempts = pgTable(
  "quiz_attempts",
  {
    id: text().primaryKey(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    moduleSlug: text().notNull(),
    attemptNumber: integer().notNull(),
    moduleMajorVersion: integer().notNull(),
    moduleContentHash: text().notNull(),
    draw: jsonb().$type<AttemptDraw>().notNull(),
    answers: jsonb().$type<AttemptAnswers>(),
    score: integer(),
    passed: boolean(),
    startedAt: timestampMs().notNull(),
    submittedAt: timestampMs(),
  },
  (t) => [
    uniqueIndex("quiz_attempts_number_unique").on(t.userId, t.moduleSlug, t.attemptNumber),
    uniqueIndex("quiz_attempts_one_open")
      .on(t.userId, t.moduleSlug)
      .where(sql`submitted_at is null`),
    index("quiz_attempts_module_idx").on(t.moduleSlug, t.submittedAt),
  ],
);
