import type { User } from "lucia";
import type { Role } from "~/db/schema";

/** Admins manage every account; HR manages staff accounts only (it cannot hand out roles). */
export function canManageAccount(actor: Pick<User, "role">, targetRole: Role) {
  if (actor.role === "admin") return true;
  return actor.role === "hr" && targetRole === "staff";
}

export function forbidden(): never {
  throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
}

export function assertCanManageAccount(actor: Pick<User, "role">, targetRole: Role) {
  if (!canManageAccount(actor, targetRole)) forbidden();
}
