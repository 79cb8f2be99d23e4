// Whose account a verified OpenID identity opens. The rules, in order:
// 1. an identity linked before logs into its account (found by issuer + subject, so an email
//    change at the provider does not matter);
// 2. otherwise a verified email from an allowed domain that matches an active account is linked
//    to it;
// 3. otherwise, with automatic creation on, a staff account is created (org unit and role from
//    configured claims), else the person is refused.
// Deactivated accounts stay locked out on every path. Each outcome is audited.
import { and, eq } from "drizzle-orm";
import { recordAudit } from "~/audit/record.server";
import type { SsoConfig, SsoGrantableRole } from "~/config.server";
import { getDb, type Tx } from "~/db/client.server";
import { orgUnits, userIdentities, users } from "~/db/schema";
import { writeTransaction } from "~/db/transaction.server";
import type { SsoErrorCode } from "~/schemas/sso";
import { newId } from "~/utils/ids.server";
import { can } from "./policy";

export type SsoClaims = {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  orgUnitValue: string | null;
  roleValues: string[];
};

export type SsoRefusal = Extract<SsoErrorCode, "domain" | "unverified-email" | "unknown-account" | "deactivated" | "already-linked">;
export type SsoAccountOutcome = { ok: true; userId: string; how: "linked-before" | "linked-now" | "created" } | { ok: false; reason: SsoRefusal };

const NAME_MAX = 120;

function emailDomain(email: string) {
  return email.slice(email.lastIndexOf("@") + 1);
}

/** Display names from a provider are text we did not check: no control characters, bounded. */
function cleanName(name: string | null, email: string) {
  const cleaned = (name ?? "")
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return (cleaned || email.slice(0, email.indexOf("@"))).slice(0, NAME_MAX);
}

function grantedRole(sso: SsoConfig, values: string[]): SsoGrantableRole {
  // The most capable mapped role wins when a person is in several groups.
  const order: SsoGrantableRole[] = ["hr", "trainer", "staff"];
  const mapped = new Set(values.map((v) => sso.roleMap.get(v)).filter(Boolean));
  return order.find((role) => mapped.has(role)) ?? "staff";
}

async function refuse(tx: Tx, claims: SsoClaims, reason: SsoRefusal, now: Date, userId?: string): Promise<SsoAccountOutcome> {
  await recordAudit(
    tx,
    {
      actorId: null,
      action: "sso.refused",
      subjectType: userId ? "user" : undefined,
      subjectId: userId,
      details: { reason, issuer: claims.issuer, email: claims.email },
    },
    now,
  );
  return { ok: false, reason };
}

export async function resolveSsoAccount(sso: SsoConfig, claims: SsoClaims, now: Date): Promise<SsoAccountOutcome> {
  return writeTransaction(async (tx) => {
    const [linked] = await tx
      .select({ identityId: userIdentities.id, userId: users.id, active: users.active })
      .from(userIdentities)
      .innerJoin(users, eq(users.id, userIdentities.userId))
      .where(and(eq(userIdentities.issuer, claims.issuer), eq(userIdentities.subject, claims.subject)));
    if (linked) {
      if (!linked.active) return refuse(tx, claims, "deactivated", now, linked.userId);
      await tx.update(userIdentities).set({ lastLoginAt: now }).where(eq(userIdentities.id, linked.identityId));
      await recordAudit(
        tx,
        { actorId: linked.userId, action: "sso.login", subjectType: "user", subjectId: linked.userId, details: { issuer: claims.issuer } },
        now,
      );
      return { ok: true, userId: linked.userId, how: "linked-before" };
    }

    if (!claims.email || !claims.emailVerified) return refuse(tx, claims, "unverified-email", now);
    if (sso.allowedDomains.length > 0 && !sso.allowedDomains.includes(emailDomain(claims.email))) return refuse(tx, claims, "domain", now);

    const [existing] = await tx.select({ id: users.id, active: users.active }).from(users).where(eq(users.email, claims.email));
    if (existing) {
      if (!existing.active) return refuse(tx, claims, "deactivated", now, existing.id);
      // One identity per account and provider: a second provider account that claims the same
      // email (a recycled address, say) must not take over an account that is linked already.
      const [other] = await tx
        .select({ id: userIdentities.id })
        .from(userIdentities)
        .where(and(eq(userIdentities.userId, existing.id), eq(userIdentities.issuer, claims.issuer)))
        .limit(1);
      if (other) return refuse(tx, claims, "already-linked", now, existing.id);
      await link(tx, existing.id, claims, claims.email, now);
      await recordAudit(
        tx,
        {
          actorId: existing.id,
          action: "sso.link",
          subjectType: "user",
          subjectId: existing.id,
          details: { issuer: claims.issuer, email: claims.email },
        },
        now,
      );
      await recordAudit(
        tx,
        { actorId: existing.id, action: "sso.login", subjectType: "user", subjectId: existing.id, details: { issuer: claims.issuer } },
        now,
      );
      return { ok: true, userId: existing.id, how: "linked-now" };
    }

    if (!sso.autoCreate) return refuse(tx, claims, "unknown-account", now);
    const [unit] = claims.orgUnitValue
      ? await tx.select({ id: orgUnits.id }).from(orgUnits).where(eq(orgUnits.code, claims.orgUnitValue)).limit(1)
      : [];
    const userId = newId();
    const role = grantedRole(sso, claims.roleValues);
    await tx.insert(users).values({
      id: userId,
      email: claims.email,
      displayName: cleanName(claims.name, claims.email),
      orgUnitId: unit?.id ?? null,
      role,
      active: true,
      createdAt: now,
      updatedAt: now,
    });
    await link(tx, userId, claims, claims.email, now);
    await recordAudit(
      tx,
      {
        actorId: null,
        action: "sso.create",
        subjectType: "user",
        subjectId: userId,
        details: { issuer: claims.issuer, email: claims.email, role, orgUnitId: unit?.id ?? null },
      },
      now,
    );
    await recordAudit(tx, { actorId: userId, action: "sso.login", subjectType: "user", subjectId: userId, details: { issuer: claims.issuer } }, now);
    return { ok: true, userId, how: "created" };
  });
}

async function link(tx: Tx, userId: string, claims: SsoClaims, email: string, now: Date) {
  await tx
    .insert(userIdentities)
    .values({ id: newId(), userId, issuer: claims.issuer, subject: claims.subject, emailAtLink: email, createdAt: now, lastLoginAt: now });
}

export async function hasSsoIdentity(userId: string): Promise<boolean> {
  const [found] = await getDb().select({ id: userIdentities.id }).from(userIdentities).where(eq(userIdentities.userId, userId)).limit(1);
  return Boolean(found);
}

/** With password login for admins only, whether this email may use the password form. */
export async function mayUsePassword(email: string): Promise<boolean> {
  const [user] = await getDb().select({ role: users.role, active: users.active }).from(users).where(eq(users.email, email));
  return Boolean(user?.active && can(user, "auth.password-login"));
}
