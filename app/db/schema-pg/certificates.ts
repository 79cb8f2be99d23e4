import { doublePrecision, index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import type { CertificateAssessment } from "../schema/certificates";
import { timestampMs } from "./columns";
import { quizAttempts } from "./quiz-attempts";
import { users } from "./users";

/** PostgreSQL twin of app/db/schema/certificates.ts (comments on the table live there). */
export const certificates = pgTable(
  "certificates",
  {
    id: text().primaryKey(),
    code: text().notNull(),
    userId: text()
      .notNull()
      .references(() => users.id),
    attemptId: text().references(() => quizAttempts.id),
    moduleSlug: text().notNull(),
    moduleMajorVersion: integer().notNull(),
    moduleContentHash: text().notNull(),
    moduleTitle: text().notNull(),
    holderName: text().notNull(),
    staffNumber: text(),
    locale: text().notNull(),
    score: integer().notNull(),
    hours: doublePrecision(),
    issuedAt: timestampMs().notNull(),
    expiresAt: timestampMs(),
    revokedAt: timestampMs(),
    revokedReason: text(),
    revokedBy: text().references(() => users.id),
    assessment: jsonb().$type<CertificateAssessment[]>(),
  },
  (t) => [
    uniqueIndex("certificates_code_unique").on(t.code),
    uniqueIndex("certificates_attempt_unique").on(t.attemptId),
    index("certificates_user_module_idx").on(t.userId, t.moduleSlug),
    index("certificates_issued_idx").on(t.issuedAt),
    index("certificates_expires_idx").on(t.expiresAt),
  ],
);
