import { eq } from "drizzle-orm";
import { can } from "~/auth/policy";
import type { Role } from "~/auth/roles";
import { getDb } from "~/db/client.server";
import { users } from "~/db/schema";

/** Where a person lands after logging in: My learning, or the review queue for a mentor (who has no learning). */
export function homePathFor(user: { role: Role } | string): string {
  const role = typeof user === "string" ? getDb().select({ role: users.role }).from(users).where(eq(users.id, user)).get()?.role : user.role;
  if (!role) return "/learn";
  return !can({ role }, "learning.take") && can({ role }, "reviews.review") ? "/review" : "/learn";
}
