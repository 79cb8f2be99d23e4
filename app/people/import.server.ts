// Bulk import of staff from a CSV file as HR exports it from a spreadsheet: the preview and the
// apply step. The file is read in import-decode and import-csv, its rows checked in import-rows and
// planned in import-plan. See docs/decisions/0007-csv-import.md for the choices (matching by
// email, empty cells, one transaction, no server-side state between the preview and the apply).
import { eq } from "drizzle-orm";
import type { User } from "lucia";
import { recordAudit } from "~/audit/record.server";
import { forbidden } from "~/auth/policy.server";
import { issueSetPasswordLink } from "~/auth/password-tokens.server";
import { users, type Role } from "~/db/schema";
import { writeTransaction } from "~/db/transaction.server";
import { enqueueNotification } from "~/notifications/enqueue.server";
import { clockNow } from "~/utils/clock.server";
import { csvDocument } from "~/utils/csv.server";
import { newId } from "~/utils/ids.server";
import { canImport, planImport, type ImportPlan } from "./import-plan.server";
import type { ImportCounts, ImportLink } from "./import-types";

export { ACCEPTED_HEADERS, detectDelimiter, IMPORT_MAX_ROWS } from "./import-csv.server";
export { decodeCsvBytes, IMPORT_MAX_BYTES, normalizeCsvText, type DecodeResult } from "./import-decode.server";
export { canImport, planImport, type ImportPlan } from "./import-plan.server";
export type * from "./import-types";

/** The preview for the page: the plan without its internal operations. */
export async function previewImport(actor: User, text: string) {
  const { ops: _ops, ...plan } = await planImport(actor, text);
  return plan;
}

export type ApplyResult =
  { ok: true; counts: ImportCounts; links: ImportLink[] } | { ok: false; reason: "invalid" | "changed" | "mismatch"; plan: Omit<ImportPlan, "ops"> };

/**
 * Applies the file in one transaction, or nothing. The file is planned again inside the
 * transaction: a row that became invalid since the preview, or whose outcome changed, stops the
 * whole import. New accounts get set-password links, returned once and stored only as hashes.
 */
export async function applyImport(actor: User, input: { text: string; hash: string; digest: string }, now = clockNow()): Promise<ApplyResult> {
  if (!canImport(actor)) forbidden();
  return writeTransaction(async (tx): Promise<ApplyResult> => {
    const plan = await planImport(actor, input.text, tx);
    const { ops, ...shown } = plan;
    if (plan.hash !== input.hash) return { ok: false, reason: "mismatch", plan: shown };
    if (!plan.ok) return { ok: false, reason: "invalid", plan: shown };
    if (plan.digest !== input.digest) return { ok: false, reason: "changed", plan: shown };
    const links: ImportLink[] = [];
    const roleChanges: { email: string; from: Role; to: Role }[] = [];
    const creates = ops.flatMap((op) => (op.kind === "create" ? [{ id: newId(), ...op.values }] : []));
    // New accounts go in by the few hundred: one statement per person is most of the time.
    for (let i = 0; i < creates.length; i += 500) {
      await tx.insert(users).values(creates.slice(i, i + 500).map((c) => ({ ...c, active: true, createdAt: now, updatedAt: now })));
    }
    for (const c of creates) {
      const link = await issueSetPasswordLink(tx, c.id, actor.id, now);
      await enqueueNotification(tx, { kind: "invitation", userId: c.id, data: { url: link.url, expiresAt: link.expiresAt.toISOString() } }, now);
      links.push({ email: c.email, name: c.displayName, staffNumber: c.staffNumber, url: link.url, expiresAt: link.expiresAt.toISOString() });
    }
    for (const op of ops) {
      if (op.kind === "update") {
        await tx
          .update(users)
          .set({ ...op.set, updatedAt: now })
          .where(eq(users.id, op.userId));
        if (op.set.role) roleChanges.push({ email: op.row.email, from: op.roleFrom, to: op.set.role });
      }
    }
    await recordAudit(
      tx,
      {
        actorId: actor.id,
        action: "import.apply",
        subjectType: "import",
        subjectId: plan.hash.slice(0, 16),
        details: {
          created: plan.counts.create,
          updated: plan.counts.update,
          unchanged: plan.counts.unchanged,
          rows: plan.rows.length,
          roleChanges: roleChanges.slice(0, 200),
        },
      },
      now,
    );
    return { ok: true, counts: plan.counts, links };
  });
}

// ---------------------------------------------------------------------------------------------
// The set-password links as a CSV file

export function linksCsv(links: ImportLink[], headers: [string, string, string, string, string]) {
  return csvDocument(
    headers,
    links.map((l) => [l.name, l.email, l.staffNumber ?? "", l.url, l.expiresAt]),
  );
}
