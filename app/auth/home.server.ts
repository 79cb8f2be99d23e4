import { eq } from "drizzle-orm";
import type { Role } from "~/auth/roles";
import { getDb } from "~/db/client.server";
import { users } from "~/db/schema";
import { homeFor } from "./policy";

/** Where a person lands after signing in: their role's home (HOMES in the policy). */
export function homePathFor(user: { role: Role } | string): string {
  const role = typeof user === "string" ? getDb().select({ role: users.role }).from(users).where(eq(users.id, user)).get()?.role : user.role;
  // No such account: a session for it cannot start either; /login is where it would end up.
  return role ? homeFor(role) : "/login";
}
