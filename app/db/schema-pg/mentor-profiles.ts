import { pgTable, text } from "drizzle-orm/pg-core";
import { timestampMs } from "./columns";
import { partnerOrganisations } from "./partner-organisations";
import { users } from "./users";

/** PostgreSQL twin of app/db/schema/mentor-profiles.ts (comments on the table live there). */
export const mentorProfiles = pgTable("mentor_profiles", {
  userId: text()
    .primaryKey()
    .references(() => users.id),
  partnerOrganisationId: text()
    .notNull()
    .references(() => partnerOrganisations.id, { onDelete: "restrict" }),
  createdAt: timestampMs().notNull(),
});
