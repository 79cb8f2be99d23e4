// Reading the audit log (administrators only). Events are written by `recordAudit` inside the
// transaction of the change they describe.
import { nextDay, startOfDay } from "~/utils/dates";
import { and, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { User } from "lucia";
import { getDb } from "~/db/client.server";
import { auditEvents, orgUnits, users } from "~/db/schema";
import type { AuditQuery } from "~/schemas/people";
import { assertCan } from "~/auth/policy.server";

/** Actions with a label in the catalogs (audit.action.*); others are shown as they are stored. */
export const KNOWN_ACTIONS = [
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
  "sso.login",
  "sso.link",
  "sso.create",
  "sso.refused",
] as const;




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
  const total = db.select({ n: sql<number>`count(*)` }).from(auditEvents).where(condition).get()?.n ?? 0;
  return { rows, total, page, pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)) };
}

/** The choices for the filters: every action and every actor that appears in the log. */
export function auditFilterOptions(actor: Pick<User, "role">) {
  assertCan(actor, "audit.read");
  const db = getDb();
  const stored = db.selectDistinct({ action: auditEvents.action }).from(auditEvents).all().map((r) => r.action);
  const actions = [...new Set<string>([...KNOWN_ACTIONS, ...stored])].sort();
  const actors = db
    .selectDistinct({ id: users.id, name: users.displayName, email: users.email })
    .from(auditEvents)
    .innerJoin(users, eq(users.id, auditEvents.actorId))
    .orderBy(users.displayName)
    .all();
  return { actions, actors };
}

