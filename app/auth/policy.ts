// The one permission policy: which roles hold each capability, and for which roles that holding
// is limited to a scope. Route guards (`requireCan`), domain asserts (`assertCan`), the navigation
// and the route x role test all read this table, so a change here changes them together.
// Pure data with no server imports: the navigation renders from it in the browser too.
import { ROLES, type Role } from "~/db/roles";

/** How far a scoped capability reaches; the domain function that serves it applies the scope. */
export type Scope =
  /** only the learner's own records */
  | "own"
  /** HR manages staff accounts only: it cannot hand out or change other roles */
  | "staff-accounts"
  /** a mentor: only the modules (and org units, if given) an admin assigned to it */
  | "assigned-modules"
  /** a mentor: only the live sessions it hosts, and their registrants' names */
  | "hosted-sessions";

type Rule = { roles: readonly Role[]; scope?: Partial<Record<Role, Scope>> };

// Everyone employed by the library. Mentors are outside partners: they hold only review and
// hosting capabilities, each limited to what an admin or trainer gave them.
const EVERYONE: readonly Role[] = ROLES.filter((r) => r !== "mentor");

export const POLICY = {
  /** take modules, lessons and quizzes; My learning */
  "learning.take": { roles: EVERYONE, scope: { staff: "own", trainer: "own", hr: "own", admin: "own" } },
  /** own account: language, password */
  "account.own": { roles: [...EVERYONE, "mentor"], scope: { staff: "own", trainer: "own", hr: "own", admin: "own", mentor: "own" } },
  /** own certificates: list and PDF */
  "certificates.own": { roles: EVERYONE, scope: { staff: "own", trainer: "own", hr: "own", admin: "own" } },
  /** every module including drafts, their problems, previews and answer keys */
  "content.preview": { roles: ["trainer", "admin"] },
  /** people directory, create and edit accounts */
  "people.manage": { roles: ["hr", "admin"], scope: { hr: "staff-accounts" } },
  /** CSV import of people */
  "people.import": { roles: ["hr", "admin"], scope: { hr: "staff-accounts" } },
  /** assign modules to people, units and roles */
  "assignments.manage": { roles: ["hr", "admin"] },
  /**
   * expected to take what is assigned to one's org unit (the unit's learners). HR, trainers and
   * admins in a unit take a module when it is assigned to them by name or to their role; My
   * learning, the training record, assignment mail and reminders all read this one rule.
   */
  "assignments.by-unit": { roles: ["staff"] },
  /** training record, its exports and the dashboard */
  "reports.read": { roles: ["hr", "admin"] },
  /** every certificate: list, revoke, ZIP */
  "certificates.manage": { roles: ["hr", "admin"] },
  /** pass rates and answer statistics per module */
  "insight.read": { roles: ["trainer", "hr", "admin"] },
  /** who has started each module and how far they have got */
  "learners.read": { roles: ["trainer", "hr", "admin"] },
  /** the org unit tree: create, rename, move, delete */
  "org-units.manage": { roles: ["admin"] },
  /** the audit log */
  "audit.read": { roles: ["admin"] },
  /** the password form where single sign-on is on and PASSWORD_LOGIN=admins-only (the way in when the provider is down) */
  "auth.password-login": { roles: ["admin"] },
  /** own in-app notifications and email choices; mentors too: they are told of work waiting for them */
  "notifications.own": {
    roles: [...EVERYONE, "mentor"],
    scope: { staff: "own", trainer: "own", hr: "own", admin: "own", mentor: "own" },
  },
  /** receive the weekly organisation-wide digest of overdue training (unit leads get their unit's through org_unit_leads) */
  "notifications.digest": { roles: ["hr", "admin"] },
  /** mark people as an org unit's lead (they receive the unit's weekly digest) */
  "unit-leads.manage": { roles: ["hr", "admin"] },
  /** every email sent or waiting, rendered; retry failed ones */
  "outbox.manage": { roles: ["admin"] },
  // Practice with feedback (practical tasks)
  /** the review queue, claiming and deciding on submissions against the rubric */
  "reviews.review": { roles: ["trainer", "admin", "mentor"], scope: { mentor: "assigned-modules" } },
  /** told (mail, in-app) of handed-in work waiting in their review scope; admins may review but the queue is not their work */
  "reviews.notified": { roles: ["trainer", "mentor"] },
  /** handed-in work and its files: staff their own; trainers, HR and admins anyone's; mentors their assigned modules */
  "submissions.files": { roles: [...EVERYONE, "mentor"], scope: { staff: "own", mentor: "assigned-modules" } },
  /** invite, assign and deactivate mentors; partner organisations */
  "mentors.manage": { roles: ["admin"] },
  // Live sessions (workshops and clinics with outside experts)
  /** upcoming sessions for one's modules: register, cancel, check in with the code, give feedback */
  "sessions.join": { roles: EVERYONE, scope: { staff: "own", trainer: "own", hr: "own", admin: "own" } },
  /** schedule, change and cancel any session; every session's registrants, attendance and feedback summary */
  "sessions.manage": { roles: ["trainer", "admin"] },
  /** a session's host page: attendance code and QR, registrants' names, attendance corrections, feedback summary */
  "sessions.host": { roles: ["trainer", "admin", "mentor"], scope: { mentor: "hosted-sessions" } },
} as const satisfies Record<string, Rule>;

export type Capability = keyof typeof POLICY;
export const CAPABILITIES = Object.keys(POLICY) as Capability[];

/**
 * Each role's home: the page it lands on after signing in (unless a safe redirectTo says where it
 * was going) and the first entry of its navigation. Each names the capability its page's guard
 * requires, so a home is always a page the role may open (tests/integration/route-policy.test.ts).
 * A trainer's home is the content overview, which also counts the reviews waiting for it.
 */
export const HOMES = {
  staff: { to: "/learn", capability: "learning.take" },
  trainer: { to: "/content", capability: "content.preview" },
  hr: { to: "/hr/dashboard", capability: "reports.read" },
  admin: { to: "/admin/users", capability: "people.manage" },
  mentor: { to: "/review", capability: "reviews.review" },
} as const satisfies Record<Role, { to: string; capability: Capability }>;

export function homeFor(role: Role): string {
  return HOMES[role].to;
}

export function can(user: { role: Role } | null | undefined, capability: Capability): boolean {
  if (!user) return false;
  return (POLICY[capability].roles as readonly Role[]).includes(user.role);
}

/** The scope a role's holding of a capability is limited to, or undefined for no limit. */
export function scopeOf(role: Role, capability: Capability): Scope | undefined {
  const rule: Rule = POLICY[capability];
  return rule.scope?.[role];
}

export function rolesWith(capability: Capability): readonly Role[] {
  return POLICY[capability].roles;
}

/**
 * The roles an actor may give to, or change on, an account under a capability: every role
 * without a scope, only staff under `staff-accounts`, none without the capability.
 */
export function manageableRoles(actor: { role: Role }, capability: "people.manage" | "people.import"): readonly Role[] {
  if (!can(actor, capability)) return [];
  return scopeOf(actor.role, capability) === "staff-accounts" ? ["staff"] : ROLES;
}

export function canManageRole(actor: { role: Role }, capability: "people.manage" | "people.import", targetRole: Role): boolean {
  return manageableRoles(actor, capability).includes(targetRole);
}
