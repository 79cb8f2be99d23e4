import type { Tx } from "~/db/client.server";
import type { Locale } from "~/db/schema";
import type { ContentModule } from "~/content/model";
import { issueCertificate, type Certificate } from "~/certificates/issue.server";

/**
 * Called inside the grading transaction when an attempt passes (the lessons are necessarily
 * complete: an attempt cannot start before). Idempotent per attempt: the certificate is keyed
 * by the attempt, so calling it twice returns the same certificate.
 */
export function onModulePassed(
  tx: Tx,
  input: { userId: string; module: ContentModule; attemptId: string; score: number; locale: Locale; now: Date },
): Certificate {
  return issueCertificate(tx, input);
}
