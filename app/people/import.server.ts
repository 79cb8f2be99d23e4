// Bulk import of staff from a CSV file as HR exports it from a spreadsheet: the preview and the
// apply step. The file is read in import-decode and import-csv, its rows checked in import-rows and
// planned in import-plan. See docs/decisions/0007-csv-import.md for the choices (matching by
// email, empty cells, no server-side state between the preview and the apply) and ADR 0030 for
// the short batches the apply step writes in.
import { eq } from "drizzle-orm";
import type { User } from "lucia";
import { recordAudit } from "~/audit/record.server";
import { forbidden } from "~/auth/policy.server";
import { issueFirstSetPasswordLinks } from "~/auth/password-tokens.server";
import type { Tx } from "~/db/client.server";
import { users, type Role } from "~/db/schema";
import { writeTransaction } from "~/db/transaction.server";
import { enqueueFor } from "~/notifications/enqueue.server";
import { wakeWorker } from "~/outbox/enqueue.server";
import { restAfterBatch } from "~/utils/batch-rest.server";
import { clockNow } from "~/utils/clock.server";
import { csvDocument } from "~/utils/csv.server";
import { newId } from "~/utils/ids.server";
import { canImport, planImport, replanRecords, rowOutcome, type ImportPlan, type Op } from "./import-plan.server";
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

/**
 * People written per transaction. A batch costs about 0.3-0.5 ms a person (a user row, a
 * set-password link, the rendered invitation in the outbox), so it holds the write lock, and in
 * this process the event loop, for some 30-60 ms: pages are served between batches (ADR 0030).
 */
export const IMPORT_BATCH = 100;
/**
 * The rest after each batch is twice as long as the batch took, at most MAX_REST_MS, as for the
 * reminder run: the import then takes at most a third of this process's event loop and of the
 * write lock while pages are served, and 10,000 people take some 10 s instead of 3.
 */
const REST_PER_HELD = 2;
const MAX_REST_MS = 150;

/** What an import stopped partway had written before it stopped (its links are shown once). */
export type PartlyApplied = { counts: Pick<ImportCounts, "create" | "update">; links: ImportLink[]; stoppedAtLine: number };

export type ApplyResult =
  | { ok: true; counts: ImportCounts; links: ImportLink[] }
  | { ok: false; reason: "invalid" | "changed" | "mismatch"; plan: Omit<ImportPlan, "ops">; applied: PartlyApplied | null }
  // A database error after some batches were written; before any, the error itself is thrown.
  | { ok: false; reason: "failed"; plan: Omit<ImportPlan, "ops">; applied: PartlyApplied };

export type ApplyOptions = {
  batchSize?: number;
  /** Rest after each batch in ms; by default twice as long as the batch held the lock, at most MAX_REST_MS. */
  restMs?: number;
  /** Called after each committed batch (tests change the database here, as another user would). */
  afterBatch?: (part: number) => void | Promise<void>;
};

/**
 * Applies a previewed file in short transactions of IMPORT_BATCH people, resting between them so
 * pages and other writers get their turn. The whole file is planned again first: a file with a
 * row that became invalid, or whose outcome changed since the preview, writes nothing. Each
 * batch then plans its own rows again inside its transaction and stops the import if any
 * outcome changed meanwhile; the batches before it stay written, and each person is written
 * whole (account, set-password link, invitation, audit record of the batch). The same file
 * uploaded again shows those people as unchanged and imports the rest. New accounts get
 * set-password links, returned once and stored only as hashes.
 */
export async function applyImport(
  actor: User,
  input: { text: string; hash: string; digest: string },
  now = clockNow(),
  options: ApplyOptions = {},
): Promise<ApplyResult> {
  if (!canImport(actor)) forbidden();
  const { batchSize = IMPORT_BATCH, restMs, afterBatch } = options;
  const plan = await planImport(actor, input.text);
  const { ops, ...shown } = plan;
  if (plan.hash !== input.hash) return { ok: false, reason: "mismatch", plan: shown, applied: null };
  if (!plan.ok) return { ok: false, reason: "invalid", plan: shown, applied: null };
  if (plan.digest !== input.digest) return { ok: false, reason: "changed", plan: shown, applied: null };

  // The file planned again after a stop: the preview of what is left.
  const fresh = async () => {
    const { ops: _ops, ...again } = await planImport(actor, input.text);
    return again;
  };
  const links: ImportLink[] = [];
  const done = { create: 0, update: 0 };
  const parts = Math.ceil(ops.length / batchSize);
  for (let part = 1; part <= parts; part++) {
    const batch = ops.slice((part - 1) * batchSize, part * batchSize);
    const started = performance.now();
    const audit = { hash: plan.hash, part, parts, rows: plan.rows.length, unchanged: part === 1 ? plan.counts.unchanged : 0 };
    const soFar = () => ({ counts: done, links, stoppedAtLine: batch[0]!.row.line });
    let written: Awaited<ReturnType<typeof applyBatch>>;
    try {
      written = await writeTransaction((tx) => applyBatch(tx, actor, batch, audit, now));
    } catch (error) {
      // Nothing written yet: the error is the answer. Otherwise the links made so far are shown
      // once, on this answer, so it must not be lost to a 500.
      if (part === 1) throw error;
      console.error(
        `import stopped at line ${batch[0]!.row.line} of ${plan.rows.length} rows: ${error instanceof Error ? error.message : String(error)}`,
      );
      return { ok: false, reason: "failed", plan: await fresh(), applied: soFar() };
    }
    const held = performance.now() - started;
    if (!written) {
      const left = await fresh();
      return { ok: false, reason: left.counts.error > 0 ? "invalid" : "changed", plan: left, applied: part > 1 ? soFar() : null };
    }
    links.push(...written.links);
    done.create += written.created;
    done.update += written.updated;
    await afterBatch?.(part);
    await restAfterBatch(held, { perHeld: REST_PER_HELD, maxMs: MAX_REST_MS, fixedMs: restMs }, part === parts);
  }
  return { ok: true, counts: plan.counts, links };
}

type BatchAudit = { hash: string; part: number; parts: number; rows: number; unchanged: number };

/** One batch in its transaction, or null (nothing written) when a row's outcome changed. */
async function applyBatch(tx: Tx, actor: User, batch: Op[], audit: BatchAudit, now: Date) {
  const again = await replanRecords(actor, batch, tx);
  if (again.rows.map(rowOutcome).join("\n") !== batch.map((op) => rowOutcome(op.row)).join("\n")) return null;
  const creates = again.ops.flatMap((op) => (op.kind === "create" ? [{ id: newId(), ...op.values }] : []));
  if (creates.length > 0) await tx.insert(users).values(creates.map((c) => ({ ...c, active: true, createdAt: now, updatedAt: now })));
  const issued = await issueFirstSetPasswordLinks(
    tx,
    creates.map((c) => c.id),
    actor.id,
    now,
  );
  const links: ImportLink[] = [];
  for (const [i, c] of creates.entries()) {
    const link = issued[i]!;
    const recipient = { id: c.id, email: c.email, displayName: c.displayName, locale: c.locale, active: true };
    const data = { url: link.url, expiresAt: link.expiresAt.toISOString() };
    await enqueueFor(tx, recipient, { kind: "invitation", userId: c.id, data, noWake: true }, now);
    links.push({ email: c.email, name: c.displayName, staffNumber: c.staffNumber, url: link.url, expiresAt: data.expiresAt });
  }
  const roleChanges: { email: string; from: Role; to: Role }[] = [];
  let updated = 0;
  for (const op of again.ops) {
    if (op.kind !== "update") continue;
    await tx
      .update(users)
      .set({ ...op.set, updatedAt: now })
      .where(eq(users.id, op.userId));
    updated++;
    if (op.set.role) roleChanges.push({ email: op.row.email, from: op.roleFrom, to: op.set.role });
  }
  const lines = batch.map((op) => op.row.line);
  await recordAudit(
    tx,
    {
      actorId: actor.id,
      action: "import.apply",
      subjectType: "import",
      subjectId: audit.hash.slice(0, 16),
      details: {
        created: creates.length,
        updated,
        unchanged: audit.unchanged,
        rows: audit.rows,
        ...(audit.parts > 1 ? { part: audit.part, parts: audit.parts, firstLine: lines[0], lastLine: lines.at(-1) } : {}),
        roleChanges,
      },
    },
    now,
  );
  if (creates.length > 0) wakeWorker();
  return { links, created: creates.length, updated };
}

// ---------------------------------------------------------------------------------------------
// The set-password links as a CSV file

export function linksCsv(links: ImportLink[], headers: [string, string, string, string, string]) {
  return csvDocument(
    headers,
    links.map((l) => [l.name, l.email, l.staffNumber ?? "", l.url, l.expiresAt]),
  );
}
