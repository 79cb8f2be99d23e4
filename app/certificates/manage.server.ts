import { writeTransaction } from "~/db/transaction.server";
import { and, asc, count, desc, eq, gt, gte, inArray, isNotNull, isNull, lt, lte, or, type SQL } from "drizzle-orm";
import { nextDay, startOfDay } from "~/utils/dates";
import type { User } from "lucia";
import { recordAudit } from "~/audit/record.server";
import { can } from "~/auth/policy";
import { assertCan } from "~/auth/policy.server";
import { pick } from "~/content/model";
import { findModule, type ContentState } from "~/content/registry.server";
import { getDb } from "~/db/client.server";
import { likeContains } from "~/db/like";
import { certificates, orgUnits, users, type Locale } from "~/db/schema";
import { enqueueNotification } from "~/notifications/enqueue.server";
import { listOrgUnits, withDescendants } from "~/people/org-units.server";
import { certificateStatus, certificatesOf, type Certificate, type CertificateStatus } from "./issue.server";
import { verifyUrl } from "./pdf.server";
import { clockNow } from "~/utils/clock.server";

/** "Renew by" shows this long before a certificate expires. */
export const RENEW_WINDOW_DAYS = 60;
const DAY_MS = 86_400_000;

export type MyCertificate = {
  id: string;
  code: string;
  moduleSlug: string;
  moduleTitle: string;
  score: number;
  issuedAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  status: CertificateStatus;
  verifyUrl: string;
  /** The language it was issued in; the PDF also comes in the other one (?lang=). */
  otherLanguage: "en" | "id";
  /** Set when a valid certificate expires within RENEW_WINDOW_DAYS. */
  renewBy: string | null;
  /** The module to take again, for the latest certificate of a module that is no longer valid. */
  retakeTo: string | null;
};

/** The learner's own certificates, newest first, with what to do about each. */
export async function myCertificates(user: Pick<User, "id">, state: ContentState, now = clockNow()): Promise<MyCertificate[]> {
  const rows = await certificatesOf(user.id);
  const validModules = new Set(rows.filter((c) => certificateStatus(c, now) === "valid").map((c) => c.moduleSlug));
  const latestOfModule = new Map<string, string>();
  for (const c of rows) if (!latestOfModule.has(c.moduleSlug)) latestOfModule.set(c.moduleSlug, c.id);
  return rows.map((c) => {
    const status = certificateStatus(c, now);
    const renewBy =
      status === "valid" && c.expiresAt && c.expiresAt.getTime() - now.getTime() <= RENEW_WINDOW_DAYS * DAY_MS ? c.expiresAt.toISOString() : null;
    const retake =
      status !== "valid" && !validModules.has(c.moduleSlug) && latestOfModule.get(c.moduleSlug) === c.id && findModule(state, c.moduleSlug, "staff");
    return {
      id: c.id,
      code: c.code,
      moduleSlug: c.moduleSlug,
      moduleTitle: c.moduleTitle,
      score: c.score,
      issuedAt: c.issuedAt.toISOString(),
      expiresAt: c.expiresAt?.toISOString() ?? null,
      revokedAt: c.revokedAt?.toISOString() ?? null,
      status,
      verifyUrl: verifyUrl(c.code),
      otherLanguage: c.locale === "id" ? ("en" as const) : ("id" as const),
      renewBy,
      retakeTo: retake ? `/learn/${c.moduleSlug}` : null,
    };
  });
}

/**
 * A certificate the actor may download: their own, or any for HR and admins. Anyone else's is
 * "not found", so ids cannot be probed.
 */
export async function certificateForDownload(actor: Pick<User, "id" | "role">, id: string): Promise<Certificate | null> {
  const [cert] = await getDb().select().from(certificates).where(eq(certificates.id, id));
  if (!cert) return null;
  if (cert.userId !== actor.id && !can(actor, "certificates.manage")) return null;
  return cert;
}

export type CertificateFilters = {
  orgUnitIds?: string[];
  moduleSlug?: string;
  /** Issued at or after. */
  issuedFrom?: Date;
  /** Issued before. */
  issuedBefore?: Date;
  status?: CertificateStatus;
  /** Name, staff number or code. */
  q?: string;
};

function assertHr(actor: Pick<User, "role">) {
  assertCan(actor, "certificates.manage");
}

function filterWhere(f: CertificateFilters, now: Date): SQL | undefined {
  const conds: (SQL | undefined)[] = [];
  if (f.orgUnitIds) conds.push(inArray(users.orgUnitId, f.orgUnitIds));
  if (f.moduleSlug) conds.push(eq(certificates.moduleSlug, f.moduleSlug));
  if (f.issuedFrom) conds.push(gte(certificates.issuedAt, f.issuedFrom));
  if (f.issuedBefore) conds.push(lt(certificates.issuedAt, f.issuedBefore));
  if (f.status === "revoked") conds.push(isNotNull(certificates.revokedAt));
  if (f.status === "valid") conds.push(isNull(certificates.revokedAt), or(isNull(certificates.expiresAt), gt(certificates.expiresAt, now)));
  if (f.status === "expired") conds.push(isNull(certificates.revokedAt), lte(certificates.expiresAt, now));
  if (f.q) {
    const q = f.q;
    conds.push(or(likeContains(certificates.holderName, q), likeContains(certificates.staffNumber, q), likeContains(certificates.code, q)));
  }
  return conds.length > 0 ? and(...conds) : undefined;
}

const listColumns = {
  id: certificates.id,
  code: certificates.code,
  userId: certificates.userId,
  holderName: certificates.holderName,
  staffNumber: certificates.staffNumber,
  moduleSlug: certificates.moduleSlug,
  moduleTitle: certificates.moduleTitle,
  score: certificates.score,
  issuedAt: certificates.issuedAt,
  expiresAt: certificates.expiresAt,
  revokedAt: certificates.revokedAt,
  revokedReason: certificates.revokedReason,
  orgUnitName: orgUnits.name,
};

/** HR's certificate list: filtered, newest first, one page at a time. */
export async function listCertificates(actor: Pick<User, "role">, filters: CertificateFilters, { limit = 50, offset = 0 } = {}, now = clockNow()) {
  assertHr(actor);
  const where = filterWhere(filters, now);
  const db = getDb();
  const [rows, [counted]] = await Promise.all([
    db
      .select(listColumns)
      .from(certificates)
      .innerJoin(users, eq(users.id, certificates.userId))
      .leftJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
      .where(where)
      .orderBy(desc(certificates.issuedAt), asc(certificates.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(certificates).innerJoin(users, eq(users.id, certificates.userId)).where(where),
  ]);
  const total = counted?.n ?? 0;
  return {
    total,
    rows: rows.map((r) => ({
      ...r,
      status: certificateStatus(r, now),
      issuedAt: r.issuedAt.toISOString(),
      expiresAt: r.expiresAt?.toISOString() ?? null,
      revokedAt: r.revokedAt?.toISOString() ?? null,
    })),
  };
}

/**
 * The certificates matching the filters, a batch at a time (keyset on the id), for the ZIP
 * download: the whole list never has to be in memory, and no statement stays open between
 * batches.
 */
export async function* certificatesForExport(
  actor: Pick<User, "role">,
  filters: CertificateFilters,
  now = clockNow(),
  batchSize = 100,
): AsyncGenerator<Certificate> {
  assertHr(actor);
  let after = "";
  for (;;) {
    const batch = await getDb()
      .select({ cert: certificates })
      .from(certificates)
      .innerJoin(users, eq(users.id, certificates.userId))
      .where(and(filterWhere(filters, now), gt(certificates.id, after)))
      .orderBy(asc(certificates.id))
      .limit(batchSize);
    for (const { cert } of batch) yield cert;
    if (batch.length < batchSize) return;
    after = batch.at(-1)!.cert.id;
  }
}

/** Modules to filter by: every module in the content, and any that only certificates still name. */
export async function certificateModuleOptions(state: ContentState, locale: Locale) {
  const options = new Map<string, string>();
  for (const [, mod] of state.modules) options.set(mod.slug, pick(mod.title, locale));
  const stored = await getDb().selectDistinct({ slug: certificates.moduleSlug, title: certificates.moduleTitle }).from(certificates);
  for (const s of stored) if (!options.has(s.slug)) options.set(s.slug, s.title);
  return [...options].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label));
}

export type RevokeResult = { ok: true; certificate: Certificate } | { ok: false; reason: "not-found" | "already-revoked" };

/**
 * Revokes a certificate with a reason, and records who did it and why in the audit log in the
 * same transaction. The learner's module shows as due again from that moment (see
 * `moduleStatus`). A certificate is revoked once: a second revocation changes nothing.
 */
export async function revokeCertificate(
  actor: Pick<User, "id" | "role">,
  input: { id: string; reason: string },
  now = clockNow(),
): Promise<RevokeResult> {
  assertHr(actor);
  return writeTransaction(async (tx): Promise<RevokeResult> => {
    const [cert] = await tx.select().from(certificates).where(eq(certificates.id, input.id));
    if (!cert) return { ok: false, reason: "not-found" };
    if (cert.revokedAt) return { ok: false, reason: "already-revoked" };
    await tx
      .update(certificates)
      .set({ revokedAt: now, revokedReason: input.reason, revokedBy: actor.id })
      .where(and(eq(certificates.id, cert.id), isNull(certificates.revokedAt)));
    await enqueueNotification(
      tx,
      { kind: "certificate_revoked", userId: cert.userId, data: { module: cert.moduleTitle, reason: input.reason } },
      now,
    );
    await recordAudit(
      tx,
      {
        actorId: actor.id,
        action: "certificate.revoke",
        subjectType: "certificate",
        subjectId: cert.id,
        details: { code: cert.code, userId: cert.userId, moduleSlug: cert.moduleSlug, reason: input.reason },
      },
      now,
    );
    const [revoked] = await tx.select().from(certificates).where(eq(certificates.id, cert.id));
    return { ok: true, certificate: revoked! };
  });
}

/** One audit entry per bulk download: which filters, how many certificates. */
export async function recordBulkDownload(actor: Pick<User, "id">, filters: Record<string, unknown>, now = clockNow()) {
  await writeTransaction(async (tx) => {
    await recordAudit(tx, { actorId: actor.id, action: "certificate.bulk-download", subjectType: "certificate", details: { filters } }, now);
  });
}

/** A single certificate for the HR page's revoke form. */
export async function certificateForHr(actor: Pick<User, "role">, id: string): Promise<Certificate | null> {
  assertHr(actor);
  const [cert] = await getDb().select().from(certificates).where(eq(certificates.id, id));
  return cert ?? null;
}

/**
 * The HR page's query string as filters: an org unit includes its sub-units, and the date
 * range is whole days in the configured time zone ("to" includes that day).
 */
export async function filtersFromQuery(
  query: { q?: string; orgUnit?: string; module?: string; from?: string; to?: string; status?: CertificateStatus },
  timeZone: string,
): Promise<CertificateFilters> {
  return {
    q: query.q || undefined,
    orgUnitIds: query.orgUnit ? withDescendants(query.orgUnit, await listOrgUnits()) : undefined,
    moduleSlug: query.module,
    issuedFrom: query.from ? startOfDay(query.from, timeZone) : undefined,
    issuedBefore: query.to ? startOfDay(nextDay(query.to), timeZone) : undefined,
    status: query.status,
  };
}
