import { and, desc, eq, sql } from "drizzle-orm";
import { prepared } from "~/db/prepared.server";
import { getDb, type Tx } from "~/db/client.server";
import { certificates, users, type CertificateAssessment, type Locale } from "~/db/schema";
import type { ContentModule } from "~/content/model";
import { pick } from "~/content/model";
import { getConfig } from "~/config.server";
import { enqueueNotification } from "~/notifications/enqueue.server";
import { newId } from "~/utils/ids.server";
import { generateCertificateCode } from "./code.server";
import { clockNow } from "~/utils/clock.server";

export type Certificate = typeof certificates.$inferSelect;

export function addMonths(date: Date, months: number) {
  const d = new Date(date.getTime());
  const day = d.getUTCDate();
  d.setUTCMonth(d.getUTCMonth() + months);
  // 31 January + 1 month is the end of February, not 3 March.
  if (d.getUTCDate() < day) d.setUTCDate(0);
  return d;
}

/** The organisation's language when a learner has none saved (e-mails use the same: notifications/enqueue.server.ts). */
export const ORGANISATION_LOCALE: Locale = "en";

/**
 * A certificate speaks its holder's language whoever completes it (issue 26): the language they
 * saved, else the one they use right now if they are the one acting, else the organisation's.
 */
export function certificateLocale(saved: Locale | null, learnerLocale?: Locale): Locale {
  return saved ?? learnerLocale ?? ORGANISATION_LOCALE;
}

/**
 * Issues the certificate for one passing attempt, inside the caller's transaction. At most one
 * per attempt (unique attempt_id): a replayed or racing call returns the existing one.
 */
export function issueCertificate(
  tx: Tx,
  input: {
    userId: string;
    module: ContentModule;
    /** null when practical tasks alone complete the module */
    attemptId: string | null;
    score: number | null;
    /**
     * The learner's language in this request, when the learner is the one acting (a quiz pass).
     * Used only if they have no saved language; a reviewer's language never is.
     */
    learnerLocale?: Locale;
    now: Date;
    assessment?: CertificateAssessment[] | null;
  },
): Certificate {
  const person = tx
    .select({ displayName: users.displayName, staffNumber: users.staffNumber, locale: users.locale })
    .from(users)
    .where(eq(users.id, input.userId))
    .get();
  if (!person) throw new Error(`issueCertificate: no user ${input.userId}`);
  const locale = certificateLocale(person.locale, input.learnerLocale);
  const validity = input.module.settings.certificateValidityMonths;
  const inserted = tx
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
    .returning()
    .get();
  if (inserted) {
    const verifyUrl = `${getConfig().publicUrl}/verify/${inserted.code}`;
    enqueueNotification(tx, { kind: "certificate_issued", userId: input.userId, data: { module: input.module.title, verifyUrl } }, input.now);
  }
  return (
    inserted ??
    tx
      .select()
      .from(certificates)
      .where(eq(certificates.attemptId, input.attemptId ?? ""))
      .get()!
  );
}

/** A person's certificates, newest first, for one module or all. */
export function certificatesOf(userId: string, moduleSlug?: string): Certificate[] {
  const db = getDb();
  if (moduleSlug) {
    return prepared(db, "certificatesOfModule", (d) =>
      d
        .select()
        .from(certificates)
        .where(and(eq(certificates.userId, sql.placeholder("userId")), eq(certificates.moduleSlug, sql.placeholder("moduleSlug"))))
        .orderBy(desc(certificates.issuedAt))
        .prepare(),
    ).all({ userId, moduleSlug });
  }
  return prepared(db, "certificatesOfUser", (d) =>
    d
      .select()
      .from(certificates)
      .where(eq(certificates.userId, sql.placeholder("userId")))
      .orderBy(desc(certificates.issuedAt))
      .prepare(),
  ).all({ userId });
}

export type CertificateStatus = "valid" | "expired" | "revoked";

export function certificateStatus(cert: Pick<Certificate, "revokedAt" | "expiresAt">, now = clockNow()): CertificateStatus {
  if (cert.revokedAt) return "revoked";
  if (cert.expiresAt && cert.expiresAt <= now) return "expired";
  return "valid";
}
