import { sql } from "drizzle-orm";
import { boolean, index, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
// Relative, not "~/": drizzle-kit reads this file without the app's path alias.
import { LOCALES, ROLES } from "../schema/users";
import { timestampMs } from "./columns";
import { orgUnits } from "./org-units";

/** PostgreSQL twin of app/db/schema/users.ts (comments on the table live there). */
export const users = pgTable(
  "users",
  {
    id: text().primaryKey(),
    email: text().notNull(),
    displayName: text().notNull(),
    staffNumber: text(),
    orgUnitId: text().references(() => orgUnits.id, { onDelete: "restrict" }),
    role: text({ enum: ROLES }).notNull().default("staff"),
    locale: text({ enum: LOCALES }),
    active: boolean().notNull().default(true),
    passwordHash: text(),
    createdAt: timestampMs().notNull(),
    updatedAt: timestampMs().notNull(),
    deactivatedAt: timestampMs(),
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
