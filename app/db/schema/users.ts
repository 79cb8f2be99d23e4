import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { orgUnits } from "./org-units";
// Relative, not "~/": drizzle-kit reads this file without the app's path alias.
import { ROLES, type Role } from "../roles";

export { ROLES, type Role };
export const LOCALES = ["en", "id"] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * People are deactivated, never deleted: the training record of someone who left is still
 * HR's record. Emails are stored lower-cased, so the unique index is case-insensitive.
 */
export const users = sqliteTable(
  "users",
  {
    id: text().primaryKey(),
    email: text().notNull(),
    displayName: text().notNull(),
    staffNumber: text(),
    orgUnitId: text().references(() => orgUnits.id, { onDelete: "restrict" }),
    role: text({ enum: ROLES }).notNull().default("staff"),
    locale: text({ enum: LOCALES }),
    active: integer({ mode: "boolean" }).notNull().default(true),
    passwordHash: text(),
    createdAt: integer({ mode: "timestamp_ms" }).notNull(),
    updatedAt: integer({ mode: "timestamp_ms" }).notNull(),
    deactivatedAt: integer({ mode: "timestamp_ms" }),
  },
  (t) => [
    uniqueIndex("users_email_unique").on(t.email),
    uniqueIndex("users_staff_number_unique")
      .on(t.staffNumber)
      .where(sql`staff_number is not null`),
    index("users_org_unit_idx").on(t.orgUnitId),
    index("users_role_idx").on(t.role),
  ],
);
