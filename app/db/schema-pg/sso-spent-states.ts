import { index, pgTable, text } from "drizzle-orm/pg-core";
import { timestampMs } from "./columns";

/** PostgreSQL twin of app/db/schema/sso-spent-states.ts (comments on the table live there). */
export const ssoSpentStates = pgTable(
  "sso_spent_states",
  {
    stateHash: text().primaryKey(),
    expiresAt: timestampMs().notNull(),
  },
  (t) => [index("sso_spent_states_expires_idx").on(t.expiresAt)],
);
