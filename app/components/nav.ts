import type { Role } from "~/db/schema/users";
import type { MessageKey } from "~/i18n/translate";

type NavItem = { to: string; label: MessageKey; roles: readonly Role[] };

const ALL: readonly Role[] = ["staff", "trainer", "hr", "admin"];

/** The navigation a role sees: only what its role may open (the server checks again). */
export const NAV_ITEMS: readonly NavItem[] = [
  { to: "/learn", label: "nav.myLearning", roles: ALL },
  { to: "/content", label: "nav.content", roles: ["trainer", "admin"] },
  { to: "/admin/users", label: "nav.people", roles: ["hr", "admin"] },
];

export function navItemsFor(role: Role) {
  return NAV_ITEMS.filter((item) => item.roles.includes(role));
}
