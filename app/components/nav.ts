import { can, homeFor, type Capability } from "~/auth/policy";
import type { Role } from "~/db/roles";
import type { MessageKey } from "~/i18n/translate";

/** Each entry names the capability its page's guard requires, so the policy decides both. */
type NavItem = { to: string; label: MessageKey; capability: Capability };

/** The navigation a role sees: only what its role may open (the server checks again). */
export const NAV_ITEMS: readonly NavItem[] = [
  { to: "/learn", label: "nav.myLearning", capability: "learning.take" },
  { to: "/certificates", label: "nav.certificates", capability: "certificates.own" },
  { to: "/sessions", label: "nav.sessions", capability: "sessions.join" },
  { to: "/content", label: "nav.content", capability: "content.preview" },
  { to: "/admin/users", label: "nav.people", capability: "people.manage" },
  { to: "/hr/assignments", label: "nav.assignments", capability: "assignments.manage" },
  { to: "/hr/paths", label: "nav.paths", capability: "assignments.manage" },
  { to: "/hr/import", label: "nav.import", capability: "people.import" },
  { to: "/admin/org-units", label: "nav.orgUnits", capability: "org-units.manage" },
  { to: "/admin/audit", label: "nav.audit", capability: "audit.read" },
  { to: "/admin/outbox", label: "nav.outbox", capability: "outbox.manage" },
  { to: "/hr/unit-leads", label: "nav.unitLeads", capability: "unit-leads.manage" },
  { to: "/hr/certificates", label: "nav.hrCertificates", capability: "certificates.manage" },
  { to: "/hr/report", label: "nav.report", capability: "reports.read" },
  { to: "/hr/dashboard", label: "nav.dashboard", capability: "reports.read" },
  { to: "/trainer/insight", label: "nav.insight", capability: "insight.read" },
  { to: "/trainer/learners", label: "nav.learners", capability: "learners.read" },
  { to: "/trainer/sessions", label: "nav.trainerSessions", capability: "sessions.manage" },
  { to: "/review", label: "nav.review", capability: "reviews.review" },
  { to: "/admin/mentors", label: "nav.mentors", capability: "mentors.manage" },
  { to: "/host/sessions", label: "nav.hostSessions", capability: "sessions.host" },
  { to: "/trainer/feedback", label: "nav.feedback", capability: "sessions.manage" },
];

/** The navigation a role sees, its home first (marked, so the menu can show it as such). */
export function navItemsFor(role: Role): (NavItem & { home: boolean })[] {
  const home = homeFor(role);
  const items = NAV_ITEMS.filter((item) => can({ role }, item.capability)).map((item) => ({ ...item, home: item.to === home }));
  return [...items.filter((i) => i.home), ...items.filter((i) => !i.home)];
}
