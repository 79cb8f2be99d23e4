// Recording the audit trail, a core service every audited change calls: the actions there are
// (a typed union, each with typed details and a label in both catalogs) and writing an event
// inside the transaction of the change it describes. Reading the log is a feature with its own
// capability check (log.server.ts); this module imports no auth, so the data layer stays free of
// it (routes -> features -> core services -> db).
import type { Tx } from "~/db/client.server";
import { auditEvents, type Role } from "~/db/schema";
import { clockNow } from "~/utils/clock.server";

type Change<T> = { from: T; to: T };
type AssignmentDetails = { assignmentId: string; module: string; targetType: "user" | "org_unit" | "role"; target: string | null };
type SsoDetails = { issuer: string; email?: string | null };
type ReviewDetails = { module: string; task: string; version: number; taskVersion: number; rubricHash: string; levels: Record<string, number> };

/** Every action written to the log and the shape of its details. */
export type AuditDetails = {
  "user.create": { email: string; role: Role };
  "user.update": Partial<Record<string, Change<unknown>>>;
  "user.role_change": Partial<Record<string, Change<unknown>>>;
  "user.deactivate": undefined;
  "user.reactivate": undefined;
  "user.password_link": undefined;
  "password.set": undefined;
  "password.change": undefined;
  "import.apply": { created: number; updated: number; unchanged: number; rows: number; roleChanges: { email: string; from: Role; to: Role }[] };
  "assignment.create": AssignmentDetails & { dueDate: string | null };
  "assignment.due_change": AssignmentDetails & { dueDate: Change<string | null> };
  "assignment.delete": AssignmentDetails & { dueDate: string | null };
  "path_assignment.create": { assignmentId: string; path: string; targetType: "user" | "org_unit" | "role"; target: string | null; dueDate: string };
  "path_assignment.delete": { assignmentId: string; path: string; targetType: "user" | "org_unit" | "role"; target: string | null; dueDate: string };
  "org_unit.create": { name: string; code: string | null; parentId: string | null };
  "org_unit.rename": { name: Change<string>; code: Change<string | null> };
  "org_unit.move": { name: string; parentId: Change<string | null> };
  "org_unit.delete": { name: string; code: string | null };
  "certificate.issue": { module: string; userId: string; by: "review" };
  "certificate.revoke": { code: string; userId: string; moduleSlug: string; reason: string };
  "certificate.bulk-download": { filters: Record<string, unknown> };
  "sso.login": SsoDetails;
  "sso.link": SsoDetails;
  "sso.create": SsoDetails & { role: Role; orgUnitId: string | null };
  "sso.refused": SsoDetails & { reason: string };
  "mentor.invite": { email: string; organisation: string | null };
  "mentor.assign": { module: string; orgUnitId: string | null };
  "mentor.unassign": { assignmentId: string };
  "unit_lead.add": { orgUnitId: string };
  "unit_lead.remove": { orgUnitId: string };
  "review.approve": ReviewDetails;
  "review.request_changes": ReviewDetails;
  "live_session.schedule": { title: string; startsAt: string; hostId: string; capacity: number; modules: string[] };
  /** Each changed field as { from, to }, the calendar sequence after it, and how many the change moved off the waitlist. */
  "live_session.change": Partial<Record<string, unknown>>;
  "live_session.cancel": { title: string; notified: number };
  /** a host's correction of one person's attendance at a live session */
  "session.attendance_correct": {
    sessionId: string;
    userId: string;
    attended: Change<boolean>;
    attendedAt: Change<string | null>;
    /** a walk-in the host added: the registration row was created (or a cancelled one reopened) */
    walkIn?: boolean;
  };
};

export type AuditAction = keyof AuditDetails;

/** The actions, in the order the filter lists them; the catalogs hold `audit.action.<action>` for each. */
export const AUDIT_ACTIONS = [
  "user.create",
  "user.update",
  "user.role_change",
  "user.deactivate",
  "user.reactivate",
  "user.password_link",
  "password.set",
  "password.change",
  "import.apply",
  "assignment.create",
  "assignment.due_change",
  "assignment.delete",
  "path_assignment.create",
  "path_assignment.delete",
  "org_unit.create",
  "org_unit.rename",
  "org_unit.move",
  "org_unit.delete",
  "certificate.issue",
  "certificate.revoke",
  "certificate.bulk-download",
  "sso.login",
  "sso.link",
  "sso.create",
  "sso.refused",
  "mentor.invite",
  "mentor.assign",
  "mentor.unassign",
  "unit_lead.add",
  "unit_lead.remove",
  "review.approve",
  "review.request_changes",
  "live_session.schedule",
  "live_session.change",
  "live_session.cancel",
  "session.attendance_correct",
] as const satisfies readonly AuditAction[];
// Both directions: an action added to AuditDetails must be listed (and labelled) too.
type _AllListed = [AuditAction] extends [(typeof AUDIT_ACTIONS)[number]] ? true : never;
const _allListed: _AllListed = true;

export type AuditInput<A extends AuditAction = AuditAction> = {
  [K in A]: {
    actorId: string | null;
    action: K;
    subjectType?: string;
    subjectId?: string;
  } & (AuditDetails[K] extends undefined ? { details?: undefined } : { details: AuditDetails[K] });
}[A];

/** Written inside the caller's transaction, so an audited change and its record land together. */
export async function recordAudit(tx: Tx, event: AuditInput, now = clockNow()): Promise<void> {
  await tx.insert(auditEvents).values({
    actorId: event.actorId,
    action: event.action,
    subjectType: event.subjectType ?? null,
    subjectId: event.subjectId ?? null,
    details: (event.details as Record<string, unknown> | undefined) ?? null,
    createdAt: now,
  });
}
