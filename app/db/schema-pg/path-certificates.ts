import { doublePrecision, index, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import type { PathCertificateModule } from "../schema/path-certificates";
import { timestampMs } from "./columns";
import { users } from "./users";

/** PostgreSQL twin of app/db/schema/path-certificates.ts (comments on the table live there). */
export const pathCertificates = pgTable(
  "path_certificates",
  {
    id: text().primaryKey(),
    code: text().notNull(),
    userId: text()
      .notNull()
      .references(() => users.id),
    pathSlug: text().notNull(),
    pathTitle: text().notNull(),
    pathDescription: text().notNull(),
    holderName: text().notNull(),
    staffNumber: text(),
    locale: text().notNull(),
    hours: doublePrecision().notNull(),
    modules: jsonb().notNull().$type<PathCertificateModule[]>(),
    issuedAt: timestampMs().notNull(),
  },
  (t) => [
    uniqueIndex("path_certificates_code_unique").on(t.code),
    uniqueIndex("path_certificates_user_path_unique").on(t.userId, t.pathSlug),
    index("path_certificates_issued_idx").on(t.issuedAt),
  ],
);
