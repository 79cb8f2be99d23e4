import { eq } from "drizzle-orm";
import { getContent } from "~/content/registry.server";
import { getDb } from "~/db/client.server";
import { certificates, quizAttempts, type CertificateAssessment, type Locale } from "~/db/schema";
import { certificateStatus, type CertificateStatus } from "./issue.server";
import { normalizeCertificateCode } from "./code.server";
import { clockNow } from "~/utils/clock.server";

export type VerificationView = {
  code: string;
  status: CertificateStatus;
  holderName: string;
  moduleTitle: string;
  /** Lesson hours (JP) recorded at issue; null on an old certificate of a removed module. */
  hours: number | null;
  issuedAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  /** The module has had a major revision since this certificate was issued. */
  earlierVersion: boolean;
  /** The practical work assessed for it: task and rubric version, reviewer and organisation, when. */
  assessment: CertificateAssessment[];
  /** The holder's language, the certificate's own. */
  locale: Locale;
  moduleSlug: string;
  /** The quiz that passed it, or null when practical tasks alone complete the module. */
  quiz: { score: number; passedAt: string } | null;
};

/** When the quiz attempt was graded; the issue date if the attempt row is gone. */
async function quizPassedAt(attemptId: string, issuedAt: Date) {
  const [attempt] = await getDb().select({ at: quizAttempts.submittedAt }).from(quizAttempts).where(eq(quizAttempts.id, attemptId));
  return attempt?.at ?? issuedAt;
}

/**
 * What anyone holding the code may see: the status, the name, module and lesson hours on the
 * certificate, the dates, and how it was earned (quiz score and date, task titles, who reviewed and
 * when). Nothing else about the person (no staff number, no org unit, no reason for a
 * revocation). Null when no certificate has this code.
 */
export async function lookupCertificate(input: string, now = clockNow()): Promise<VerificationView | null> {
  const code = normalizeCertificateCode(input);
  if (!code) return null;
  const [cert] = await getDb().select().from(certificates).where(eq(certificates.code, code));
  if (!cert) return null;
  const state = await getContent();
  const current = state.modules.get(cert.moduleSlug)?.majorVersion;
  return {
    code: cert.code,
    status: certificateStatus(cert, now),
    holderName: cert.holderName,
    moduleTitle: cert.moduleTitle,
    hours: cert.hours,
    issuedAt: cert.issuedAt.toISOString(),
    expiresAt: cert.expiresAt?.toISOString() ?? null,
    revokedAt: cert.revokedAt?.toISOString() ?? null,
    earlierVersion: current !== undefined && current > cert.moduleMajorVersion,
    assessment: cert.assessment ?? [],
    locale: cert.locale === "id" ? "id" : "en",
    moduleSlug: cert.moduleSlug,
    quiz: cert.attemptId ? { score: cert.score, passedAt: (await quizPassedAt(cert.attemptId, cert.issuedAt)).toISOString() } : null,
  };
}
