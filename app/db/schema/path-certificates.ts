import { index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "./users";

/** One module certificate a path certificate rests on, as it was at issue time. */
export type PathCertificateModule = { slug: string; title: string; hours: number; certificateId: string; certificateCode: string };

/**
 * The certificate of a whole learning path, issued once per person and path (unique user_id +
 * path_slug) in the transaction that certifies its last module. Like a module certificate it
 * keeps names, titles and hours as they were when issued. `path_description` is the achievement
 * description an Open Badges credential of the path will carry (ADR 0031): nothing reads it yet.
 */
export const pathCertificates = sqliteTable(
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
    /** Total lesson hours (JP): the sum of the modules' hours at issue time. */
    hours: real().notNull(),
    modules: text({ mode: "json" }).notNull().$type<PathCertificateModule[]>(),
    issuedAt: integer({ mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("path_certificates_code_unique").on(t.code),
    uniqueIndex("path_certificates_user_path_unique").on(t.userId, t.pathSlug),
    index("path_certificates_issued_idx").on(t.issuedAt),
  ],
);
