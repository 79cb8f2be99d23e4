// The one audit module: the actions there are (a typed union, each with typed details and a
// label in both catalogs), writing an event inside the transaction of the change it describes,
// and reading the log (administrators only).
import { and, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { User } from "lucia";
import { assertCan } from "~/auth/policy.server";
import { getDb, type Tx } from "~/db/client.server";
import { auditEvents, orgUnits, users, type Role } from "~/db/schema";
import type { AuditQuery } from "~/schemas/people";
import { clockNow } from "~/utils/clock.server";
import { nextDay, startOfDay } from "~/utils/dates";

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
export function recordAudit(tx: Tx, event: AuditInput, now = clockNow()) {
  tx.insert(auditEvents)
    .values({
      actorId: event.actorId,
      action: event.action,
      subjectType: event.subjectType ?? null,
      subjectId: event.subjectId ?? null,
      details: (event.details as Record<string, unknown> | undefined) ?? null,
      createdAt: now,
    })
    .run();
}

export const AUDIT_PAGE_SIZE = 50;

export function listAuditEvents(actor: Pick<User, "role">, query: AuditQuery, timeZone: string) {
  assertCan(actor, "audit.read");
  const db = getDb();
  const actorUser = alias(users, "actor_user");
  const subjectUser = alias(users, "subject_user");
  const where: SQL[] = [];
  if (query.action) where.push(eq(auditEvents.action, query.action));
  if (query.actor === "system") where.push(sql`${auditEvents.actorId} is null`);
  else if (query.actor) where.push(eq(auditEvents.actorId, query.actor));
  if (query.from) where.push(gte(auditEvents.createdAt, startOfDay(query.from, timeZone)));
  if (query.to) where.push(lt(auditEvents.createdAt, startOfDay(nextDay(query.to), timeZone)));
  const condition = where.length > 0 ? and(...where) : undefined;
  const page = query.page ?? 1;
  const rows = db
    .select({
      id: auditEvents.id,
      action: auditEvents.action,
      createdAt: auditEvents.createdAt,
      subjectType: auditEvents.subjectType,
      subjectId: auditEvents.subjectId,
      details: auditEvents.details,
      actorId: auditEvents.actorId,
      actorName: actorUser.displayName,
      actorEmail: actorUser.email,
      subjectName: subjectUser.displayName,
      subjectEmail: subjectUser.email,
      unitName: orgUnits.name,
    })
    .from(auditEvents)
    .leftJoin(actorUser, eq(actorUser.id, auditEvents.actorId))
    .leftJoin(subjectUser, and(eq(auditEvents.subjectType, "user"), eq(subjectUser.id, auditEvents.subjectId)))
    .leftJoin(orgUnits, and(eq(auditEvents.subjectType, "org_unit"), eq(orgUnits.id, auditEvents.subjectId)))
    .where(condition)
    .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
    .limit(AUDIT_PAGE_SIZE)
    .offset((page - 1) * AUDIT_PAGE_SIZE)
    .all();
  const total =
    db
      .select({ n: sql<number>`count(*)` })
      .from(auditEvents)
      .where(condition)
      .get()?.n ?? 0;
  return { rows, total, page, pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)) };
}

/** The choices for the filters: every action and every actor that appears in the log. */
export function auditFilterOptions(actor: Pick<User, "role">) {
  assertCan(actor, "audit.read");
  const db = getDb();
  const stored = db
    .selectDistinct({ action: auditEvents.action })
    .from(auditEvents)
    .all()
    .map((r) => r.action);
  const actions = [...new Set<string>([...AUDIT_ACTIONS, ...stored])].sort();
  const actors = db
    .selectDistinct({ id: users.id, name: users.displayName, email: users.email })
    .from(auditEvents)
    .innerJoin(users, eq(users.id, auditEvents.actorId))
    .orderBy(users.displayName)
    .all();
  return { actions, actors };
}
