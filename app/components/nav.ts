import type { Role } from "~/db/schema/users";
import type { MessageKey } from "~/i18n/translate";

type NavItem = { to: string; label: MessageKey; roles: readonly Role[] };

const ALL: readonly Role[] = ["staff", "trainer", "hr", "admin"];

/** The navigation a role sees: only what its role may open (the server checks again). */
export const NAV_ITEMS: readonly NavItem[] = [
  { to: "/learn", label: "nav.myLearning", roles: ALL },
  { to: "/certificates", label: "nav.certificates", roles: ALL },
  { to: "/content", label: "nav.content", roles: ["trainer", "admin"] },
  { to: "/admin/users", label: "nav.people", roles: ["hr", "admin"] },
  { to: "/hr/assignments", label: "nav.assignments", roles: ["hr", "admin"] },
  { to: "/hr/import", label: "nav.import", roles: ["hr", "admin"] },
  { to: "/admin/org-units", label: "nav.orgUnits", roles: ["admin"] },
  { to: "/admin/audit", label: "nav.audit", roles: ["admin"] },
  { to: "/admin/outbox", label: "nav.outbox", roles: ["admin"] },
  { to: "/hr/unit-leads", label: "nav.unitLeads", roles: ["hr", "admin"] },
  { to: "/hr/certificates", label: "nav.hrCertificates", roles: ["hr", "admin"] },
  { to: "/hr/report", label: "nav.report", roles: ["hr", "admin"] },
  { to: "/hr/dashboard", label: "nav.dashboard", roles: ["hr", "admin"] },
  { to: "/trainer/insight", label: "nav.insight", roles: ["trainer", "admin", "hr"] },
  { to: "/trainer/learners", label: "nav.learners", roles: ["trainer", "admin"] },
];

export function navItemsFor(role: Role) {
  return NAV_ITEMS.filter((item) => item.roles.includes(role));
}
