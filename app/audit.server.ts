import type { Tx } from "~/db/client.server";
import { auditEvents } from "~/db/schema";
import { clockNow } from "~/utils/clock.server";

export type AuditInput = {
  actorId: string | null;
  action: string;
  subjectType?: string;
  subjectId?: string;
  details?: Record<string, unknown>;
};

/** Written inside the caller's transaction, so an audited change and its record land together. */
export function recordAudit(tx: Tx, event: AuditInput, now = clockNow()) {
  tx.insert(auditEvents)
    .values({
      actorId: event.actorId,
      action: event.action,
      subjectType: event.subjectType ?? null,
      subjectId: event.subjectId ?? null,
      details: event.details ?? null,
      createdAt: now,
    })
    .run();
}
