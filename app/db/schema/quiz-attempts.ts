import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "./users";

/** The questions drawn for one attempt, in order, each with its options in display order. */
export type AttemptDraw = { questionId: string; optionOrder: number[] }[];
/** Answers given: question id → chosen option indexes (indexes into the quiz file's options). */
export type AttemptAnswers = Record<string, number[]>;

export const quizAttempts = sqliteTable(
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
    draw: text({ mode: "json" }).$type<AttemptDraw>().notNull(),
    answers: text({ mode: "json" }).$type<AttemptAnswers>(),
    score: integer(),
    passed: integer({ mode: "boolean" }),
    startedAt: integer({ mode: "timestamp_ms" }).notNull(),
    submittedAt: integer({ mode: "timestamp_ms" }),
  },
  (t) => [
    // Two racing "start attempt" requests cannot both create attempt N, nor two open attempts.
    uniqueIndex("quiz_attempts_number_unique").on(t.userId, t.moduleSlug, t.attemptNumber),
    uniqueIndex("quiz_attempts_one_open")
      .on(t.userId, t.moduleSlug)
      .where(sql`submitted_at is null`),
    index("quiz_attempts_module_idx").on(t.moduleSlug, t.submittedAt),
  ],
);
