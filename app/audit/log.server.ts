// Reading the audit log (administrators only): one page of events with who did it and to whom,
// and the choices for the log page's filters. Events are written by record.server.ts.
import { aliasedTable as alias, and, desc, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import type { User } from "lucia";
import { assertCan } from "~/auth/policy.server";
import { getDb } from "~/db/client.server";
import { auditEvents, orgUnits, users } from "~/db/schema";
import type { AuditQuery } from "~/schemas/people";
import { nextDay, startOfDay } from "~/utils/dates";
import { AUDIT_ACTIONS } from "./record.server";

export const AUDIT_PAGE_SIZE = 50;

export async function listAuditEvents(actor: Pick<User, "role">, query: AuditQuery, timeZone: string) {
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
  const rowsQuery = db
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
    .offset((page - 1) * AUDIT_PAGE_SIZE);
  const [rows, [counted]] = await Promise.all([
    rowsQuery,
    db
      .select({ n: sql<number>`count(*)` })
      .from(auditEvents)
      .where(condition),
  ]);
  const total = Number(counted?.n ?? 0);
  return { rows, total, page, pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)) };
}

/** The choices for the filters: every action and every actor that appears in the log. */
export async function auditFilterOptions(actor: Pick<User, "role">) {
  assertCan(actor, "audit.read");
  const db = getDb();
  const [stored, actors] = await Promise.all([
    db.selectDistinct({ action: auditEvents.action }).from(auditEvents),
    db
      .selectDistinct({ id: users.id, name: users.displayName, email: users.email })
      .from(auditEvents)
      .innerJoin(users, eq(users.id, auditEvents.actorId))
      .orderBy(users.displayName),
  ]);
  const actions = [...new Set<string>([...AUDIT_ACTIONS, ...stored.map((r) => r.action)])].sort();
  return { actions, actors };
}
