import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { partnerOrganisations } from "./partner-organisations";
import { users } from "./users";

/** The partner organisation a mentor account belongs to; certificates name it beside the reviewer. */
export const mentorProfiles = sqliteTable("mentor_profiles", {
  userId: text()
    .primaryKey()
    .references(() => users.id),
  partnerOrganisationId: text()
    .notNull()
    .references(() => partnerOrganisations.id, { onDelete: "restrict" }),
  createdAt: integer({ mode: "timestamp_ms" }).notNull(),
});
