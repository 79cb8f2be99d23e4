import { and, desc, eq, sql } from "drizzle-orm";
import { prepared } from "~/db/prepared.server";
import type { Tx } from "~/db/client.server";
import { certificates, users, type CertificateAssessment } from "~/db/schema";
import type { ContentModule } from "~/content/model";
import { pick } from "~/content/model";
import { getConfig } from "~/config.server";
import { enqueueNotification } from "~/notifications/enqueue.server";
import { newId } from "~/utils/ids.server";
import { generateCertificateCode } from "./code.server";
import { clockNow } from "~/utils/clock.server";
import { recipientLocale } from "~/i18n/locale.server";
import type { CertificateStatus } from "./certificate-types";

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
export async function issueCertificate(
  tx: Tx,
  input: {
    userId: string;
    module: ContentModule;
    /** null when practical tasks alone complete the module */
    attemptId: string | null;
    score: number | null;
    now: Date;
    assessment?: CertificateAssessment[] | null;
  },
): Promise<Certificate> {
  const [person] = await tx
    .select({ displayName: users.displayName, staffNumber: users.staffNumber, locale: users.locale })
    .from(users)
    .where(eq(users.id, input.userId));
  if (!person) throw new Error(`issueCertificate: no user ${input.userId}`);
  // The holder's language, whoever's request completed the module (a reviewer's approval too).
  const locale = recipientLocale(person);
  const validity = input.module.settings.certificateValidityMonths;
  const [inserted] = await tx
    .insert(certificates)
    .values({
      id: newId(),
      code: generateCertificateCode(),
      userId: input.userId,
      attemptId: input.attemptId,
      moduleSlug: input.module.slug,
      moduleMajorVersion: input.module.majorVersion,
      moduleContentHash: input.module.contentHash,
      moduleTitle: pick(input.module.title, locale),
      holderName: person.displayName,
      staffNumber: person.staffNumber,
      locale,
      // Task-only modules have no quiz score; the PDF leaves the score line out (attempt_id is null).
      score: input.score ?? 0,
      assessment: input.assessment ?? null,
      hours: input.module.settings.hours,
      issuedAt: input.now,
      expiresAt: validity ? addMonths(input.now, validity) : null,
    })
    // The unique attempt_id settles a replay or a race: the first certificate stays.
    .onConflictDoNothing({ target: certificates.attemptId })
    .returning();
  if (inserted) {
    const verifyUrl = `${getConfig().publicUrl}/verify/${inserted.code}`;
    await enqueueNotification(tx, { kind: "certificate_issued", userId: input.userId, data: { module: input.module.title, verifyUrl } }, input.now);
  }
  if (inserted) return inserted;
  const [existing] = await tx
    .select()
    .from(certificates)
    .where(eq(certificates.attemptId, input.attemptId ?? ""));
  return existing!;
}

/** A person's certificates, newest first, for one module or all. */
export async function certificatesOf(userId: string, moduleSlug?: string): Promise<Certificate[]> {
  if (moduleSlug) {
    return prepared("certificatesOfModule", (d) =>
      d
        .select()
        .from(certificates)
        .where(and(eq(certificates.userId, sql.placeholder("userId")), eq(certificates.moduleSlug, sql.placeholder("moduleSlug"))))
        .orderBy(desc(certificates.issuedAt)),
    )({ userId, moduleSlug });
  }
  return prepared("certificatesOfUser", (d) =>
    d
      .select()
      .from(certificates)
      .where(eq(certificates.userId, sql.placeholder("userId")))
      .orderBy(desc(certificates.issuedAt)),
  )({ userId });
}

export type { CertificateStatus };

export function certificateStatus(cert: Pick<Certificate, "revokedAt" | "expiresAt">, now = clockNow()): CertificateStatus {
  if (cert.revokedAt) return "revoked";
  if (cert.expiresAt && cert.expiresAt <= now) return "expired";
  return "valid";
}
