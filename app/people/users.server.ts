import { writeTransaction } from "~/db/transaction.server";
import { and, asc, eq, inArray, or, sql, type SQL } from "drizzle-orm";
import type { User } from "lucia";
import { getDb, type Queryable, type Tx } from "~/db/client.server";
import { likeContains } from "~/db/like";
import { ROLES, orgUnits, sessions, users, type Role } from "~/db/schema";
import { recordAudit } from "~/audit/record.server";
import { issueSetPasswordLink } from "~/auth/password-tokens.server";
import { enqueueNotification } from "~/notifications/enqueue.server";
import type { UserFormInput } from "~/schemas/auth";
import { newId } from "~/utils/ids.server";
import { manageableRoles } from "~/auth/policy";
import { assertCan, assertCanManageAccount, forbidden } from "~/auth/policy.server";
import { clockNow } from "~/utils/clock.server";

export type UserListFilters = {
  q?: string;
  role?: Role;
  orgUnitIds?: string[];
  active?: "active" | "inactive" | "all";
  limit?: number;
  offset?: number;
};

export type CreateUserResult =
  | { ok: true; userId: string; setPasswordUrl: string; expiresAt: Date }
  | {
      ok: false;
      field: "email" | "staffNumber" | "orgUnitId" | "role";
      message: "validation.emailTaken" | "validation.staffNumberTaken" | "validation.unknownOrgUnit" | "validation.ownRole";
    };

/** Checked inside the writing transaction, so two requests cannot both take one email. */
async function conflicts(db: Tx, input: Pick<UserFormInput, "email" | "staffNumber" | "orgUnitId">, exceptUserId?: string) {
  const [byEmail] = await db.select({ id: users.id }).from(users).where(eq(users.email, input.email));
  if (byEmail && byEmail.id !== exceptUserId) return { field: "email", message: "validation.emailTaken" } as const;
  if (input.staffNumber) {
    const [byNumber] = await db.select({ id: users.id }).from(users).where(eq(users.staffNumber, input.staffNumber));
    if (byNumber && byNumber.id !== exceptUserId) return { field: "staffNumber", message: "validation.staffNumberTaken" } as const;
  }
  if (input.orgUnitId) {
    const [unit] = await db.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.id, input.orgUnitId));
    if (!unit) return { field: "orgUnitId", message: "validation.unknownOrgUnit" } as const;
  }
  return null;
}

/** Creates an account without a password and returns its one-time set-password link. */
export async function createUser(actor: User, input: UserFormInput, now = clockNow()): Promise<CreateUserResult> {
  assertCanManageAccount(actor, input.role);
  return insertUser(input, actor.id, now);
}

/**
 * The part of account creation that needs no acting user: used by `createUser` and by the
 * `admin:create` command, which runs on the server itself (the first admin has nobody to ask).
 */
export async function insertUser(input: UserFormInput, actorId: string | null, now = clockNow()): Promise<CreateUserResult> {
  const id = newId();
  return writeTransaction(async (tx): Promise<CreateUserResult> => {
    const problem = await conflicts(tx, input);
    if (problem) return { ok: false, ...problem };
    await tx.insert(users).values({ id, ...input, active: true, createdAt: now, updatedAt: now });
    const link = await issueSetPasswordLink(tx, id, actorId, now);
    await enqueueNotification(tx, { kind: "invitation", userId: id, data: { url: link.url, expiresAt: link.expiresAt.toISOString() } }, now);
    await recordAudit(
      tx,
      { actorId, action: "user.create", subjectType: "user", subjectId: id, details: { email: input.email, role: input.role } },
      now,
    );
    return { ok: true, userId: id, setPasswordUrl: link.url, expiresAt: link.expiresAt };
  });
}

export type UpdateUserResult = { ok: true } | Extract<CreateUserResult, { ok: false }>;

export async function updateUser(actor: User, userId: string, input: UserFormInput, now = clockNow()): Promise<UpdateUserResult> {
  assertCanManageAccount(actor, input.role);
  return writeTransaction(async (tx): Promise<UpdateUserResult> => {
    // Read inside the transaction: the "before" values in the audit record are the ones replaced.
    const existing = await getUserForManagement(actor, userId, tx);
    // An administrator cannot demote themselves: there would be nobody left to undo it.
    if (existing.id === actor.id && existing.role !== input.role) return { ok: false, field: "role", message: "validation.ownRole" };
    const problem = await conflicts(tx, input, userId);
    if (problem) return { ok: false, ...problem };
    const changed = (Object.keys(input) as (keyof UserFormInput)[]).filter((k) => existing[k] !== input[k]);
    if (changed.length === 0) return { ok: true };
    await tx
      .update(users)
      .set({ ...input, updatedAt: now })
      .where(eq(users.id, userId));
    await recordAudit(
      tx,
      {
        actorId: actor.id,
        action: existing.role !== input.role ? "user.role_change" : "user.update",
        subjectType: "user",
        subjectId: userId,
        details: Object.fromEntries(changed.map((k) => [k, { from: existing[k], to: input[k] }])),
      },
      now,
    );
    return { ok: true };
  });
}

/** A user the actor may manage, or a 404/403 response. */
export async function getUserForManagement(actor: User, userId: string, db: Queryable = getDb()) {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) throw new Response("Not found", { status: 404 });
  assertCanManageAccount(actor, user.role);
  return user;
}

export async function setUserActive(actor: User, userId: string, active: boolean, now = clockNow()) {
  await writeTransaction(async (tx) => {
    const user = await getUserForManagement(actor, userId, tx);
    if (user.id === actor.id) forbidden();
    if (user.active === active) return;
    await tx
      .update(users)
      .set({ active, deactivatedAt: active ? null : now, updatedAt: now })
      .where(eq(users.id, userId));
    await recordAudit(tx, { actorId: actor.id, action: active ? "user.reactivate" : "user.deactivate", subjectType: "user", subjectId: userId }, now);
    // Deactivating ends the person's sessions in the same transaction.
    if (!active) await tx.delete(sessions).where(eq(sessions.userId, userId));
  });
}

export async function reissueSetPasswordLink(actor: User, userId: string, now = clockNow()) {
  return writeTransaction(async (tx) => {
    await getUserForManagement(actor, userId, tx);
    const link = await issueSetPasswordLink(tx, userId, actor.id, now);
    await recordAudit(tx, { actorId: actor.id, action: "user.password_link", subjectType: "user", subjectId: userId }, now);
    return link;
  });
}

/** People the actor may see in the people directory: HR sees staff accounts only. */
export async function listUsers(actor: User, filters: UserListFilters = {}) {
  assertCan(actor, "people.manage");
  const where: SQL[] = [];
  const visible = manageableRoles(actor, "people.manage");
  if (visible.length < ROLES.length) where.push(inArray(users.role, [...visible]));
  if (filters.role) where.push(eq(users.role, filters.role));
  if (filters.active !== "all") where.push(eq(users.active, filters.active !== "inactive"));
  if (filters.orgUnitIds && filters.orgUnitIds.length > 0) {
    where.push(inArray(users.orgUnitId, filters.orgUnitIds));
  }
  if (filters.q) {
    where.push(
      or(likeContains(users.displayName, filters.q), likeContains(users.email, filters.q.toLowerCase()), likeContains(users.staffNumber, filters.q))!,
    );
  }
  const condition = where.length > 0 ? and(...where) : undefined;
  const db = getDb();
  const rows = await db
    .select({
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      staffNumber: users.staffNumber,
      role: users.role,
      active: users.active,
      orgUnitId: users.orgUnitId,
      orgUnitName: orgUnits.name,
      // 0 or 1 on SQLite, a boolean on PostgreSQL.
      hasPassword: sql<number | boolean>`${users.passwordHash} is not null`,
    })
    .from(users)
    .leftJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .where(condition)
    .orderBy(asc(users.displayName))
    .limit(filters.limit ?? 50)
    .offset(filters.offset ?? 0);
  const [counted] = await db
    .select({ n: sql<number>`count(*)` })
    .from(users)
    .where(condition);
  const total = counted?.n ?? 0;
  return { rows: rows.map((r) => ({ ...r, hasPassword: Boolean(r.hasPassword) })), total };
}
