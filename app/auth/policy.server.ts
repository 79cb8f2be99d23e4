import type { User } from "lucia";
import type { Role } from "~/db/schema/users";
import { can, canManageRole, type Capability } from "./policy";
import { requireUser } from "./session.server";

export function forbidden(): never {
  throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
}

/** Route guard: the logged-in user, or a redirect to login, or 403 without the capability. */
export async function requireCan(request: Request, capability: Capability): Promise<User> {
  const user = await requireUser(request);
  if (!can(user, capability)) forbidden();
  return user;
}

/** Domain guard: a data function called by an actor without the capability throws 403. */
export function assertCan(actor: Pick<User, "role">, capability: Capability): void {
  if (!can(actor, capability)) forbidden();
}

/** Domain guard for one account: the actor may manage people and this account's role. */
export function assertCanManageAccount(actor: Pick<User, "role">, targetRole: Role): void {
  if (!canManageRole(actor, "people.manage", targetRole)) forbidden();
}
