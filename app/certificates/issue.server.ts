import { and, desc, eq } from "drizzle-orm";
import type { Queryable, Tx } from "~/db/client.server";
import { certificates, users, type Locale } from "~/db/schema";
import type { ContentModule } from "~/content/model";
import { pick } from "~/content/model";
import { newId } from "~/utils/ids.server";
import { generateCertificateCode } from "./code.server";

export type Certificate = typeof certificates.$inferSelect;

export function addMonths(date: Date, months: number) {
  const d = new Date(date.getTime());
  const day = d.getUTCDate();
  d.setUTCMonth(d.getUTCMonth() + months);
  // 31 January + 1 month is the end of February, not 3 March.
  if (d.getUTCDate() < day) d.setUTCDate(0);
  return d;
}

/**
 * Issues the certificate for one passing attempt, inside the caller's transaction. At most one
 * per attempt (unique attempt_id): a replayed or racing call returns the existing one.
 */
export function issueCertificate(
  tx: Tx,
  input: { userId: string; module: ContentModule; attemptId: string; score: number; locale: Locale; now: Date },
): Certificate {
  const existing = tx.select().from(certificates).where(eq(certificates.attemptId, input.attemptId)).get();
  if (existing) return existing;
  const person = tx.select().from(users).where(eq(users.id, input.userId)).get();
  if (!person) throw new Error(`issueCertificate: no user ${input.userId}`);
  const validity = input.module.settings.certificateValidityMonths;
  const row = {
    id: newId(),
    code: generateCertificateCode(),
    userId: input.userId,
    attemptId: input.attemptId,
    moduleSlug: input.module.slug,
    moduleMajorVersion: input.module.majorVersion,
    moduleContentHash: input.module.contentHash,
    moduleTitle: pick(input.module.title, input.locale),
    holderName: person.displayName,
    staffNumber: person.staffNumber,
    locale: input.locale,
    score: input.score,
    issuedAt: input.now,
    expiresAt: validity ? addMonths(input.now, validity) : null,
  };
  tx.insert(certificates).values(row).run();
  return tx.select().from(certificates).where(eq(certificates.id, row.id)).get()!;
}

export function certificatesOf(tx: Queryable, userId: string, moduleSlug?: string) {
  return tx
    .select()
    .from(certificates)
    .where(moduleSlug ? and(eq(certificates.userId, userId), eq(certificates.moduleSlug, moduleSlug)) : eq(certificates.userId, userId))
    .orderBy(desc(certificates.issuedAt))
    .all();
}

export type CertificateStatus = "valid" | "expired" | "revoked";

export function certificateStatus(cert: Pick<Certificate, "revokedAt" | "expiresAt">, now = new Date()): CertificateStatus {
  if (cert.revokedAt) return "revoked";
  if (cert.expiresAt && cert.expiresAt <= now) return "expired";
  return "valid";
}
