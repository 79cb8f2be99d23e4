import { eq } from "drizzle-orm";
import type { Role } from "~/db/roles";
import { getDb } from "~/db/client.server";
import { users } from "~/db/schema";
import { homeFor } from "./policy";

/** Where a person lands after signing in: their role's home (HOMES in the policy). */
export async function homePathFor(user: { role: Role } | string): Promise<string> {
  const role = typeof user === "string" ? (await getDb().select({ role: users.role }).from(users).where(eq(users.id, user)))[0]?.role : user.role;
  // No such account: a session for it cannot start either; /login is where it would end up.
  return role ? homeFor(role) : "/login";
}
