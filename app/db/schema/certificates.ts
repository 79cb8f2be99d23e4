import { index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { quizAttempts } from "./quiz-attempts";
import { users } from "./users";

export type CertificateAssessment = {
  taskSlug: string;
  taskTitle: { en: string; id: string };
  taskVersion: number;
  rubricHash: string;
  submissionVersion: number;
  reviewerName: string;
  reviewerOrganisation: string | null;
  /** Who reviewed: a partner mentor or one of the organisation's trainers. Older certificates lack it. */
  reviewerKind?: "mentor" | "trainer";
  decidedAt: string;
};

/**
 * A certificate keeps the names and titles as they were when it was issued: renaming a person
 * or a module later never changes an issued certificate. One passing attempt issues at most
 * one certificate (unique attempt_id).
 */
export const certificates = sqliteTable(
  "certificates",
  {
    id: text().primaryKey(),
    code: text().notNull(),
    userId: text()
      .notNull()
      .references(() => users.id),
    /** The passing attempt; null when the module is completed by practical tasks alone. */
    attemptId: text().references(() => quizAttempts.id),
    moduleSlug: text().notNull(),
    moduleMajorVersion: integer().notNull(),
    moduleContentHash: text().notNull(),
    moduleTitle: text().notNull(),
    holderName: text().notNull(),
    staffNumber: text(),
    locale: text().notNull(),
    score: integer().notNull(),
    /**
     * Lesson hours (JP) from module.yaml at issue time. NULL only on certificates issued before
     * hours existed: at start-up they take the module's current hours (ADR 0011).
     */
    hours: real(),
    issuedAt: integer({ mode: "timestamp_ms" }).notNull(),
    expiresAt: integer({ mode: "timestamp_ms" }),
    revokedAt: integer({ mode: "timestamp_ms" }),
    revokedReason: text(),
    revokedBy: text().references(() => users.id),
    /** The practical work assessed for this certificate: task and rubric versions, reviewer, when. */
    assessment: text({ mode: "json" }).$type<CertificateAssessment[]>(),
  },
  (t) => [
    uniqueIndex("certificates_code_unique").on(t.code),
    uniqueIndex("certificates_attempt_unique").on(t.attemptId),
    index("certificates_user_module_idx").on(t.userId, t.moduleSlug),
    index("certificates_issued_idx").on(t.issuedAt),
    index("certificates_expires_idx").on(t.expiresAt),
  ],
);
