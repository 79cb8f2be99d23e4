import type { Tx } from "~/db/client.server";
import type { ContentModule } from "~/content/model";
import type { Certificate } from "~/certificates/issue.server";
import { completeModuleIfDone } from "~/practice/completion.server";

/**
 * Called inside the grading transaction when an attempt passes (the lessons are necessarily
 * complete: an attempt cannot start before). Issues the certificate when the module's
 * completion rule now holds (a module that also needs approved tasks may have to wait);
 * idempotent per attempt.
 */
export async function onModulePassed(
  tx: Tx,
  input: { userId: string; module: ContentModule; attemptId: string; score: number; now: Date },
): Promise<Certificate | null> {
  return completeModuleIfDone(tx, input);
}
