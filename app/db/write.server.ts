import { recordAudit, type AuditInput } from "~/audit.server";
import { getDb, type Tx } from "./client.server";

type WriteOptions<T> = {
  /** The audit event of this change, or a function of the result (null records nothing). */
  audit?: AuditInput | ((result: T) => AuditInput | null | undefined);
  now?: Date;
};

/**
 * The one way to write: `fn` runs in an immediate transaction (the write lock is taken at the
 * start, so a read-then-write cannot be overtaken and fail with SQLITE_BUSY halfway), and the
 * audit event, when given, lands in the same transaction as the change it describes.
 */
export function writeTransaction<T>(fn: (tx: Tx) => T, { audit, now }: WriteOptions<T> = {}): T {
  return getDb().transaction(
    (tx) => {
      const result = fn(tx);
      const event = typeof audit === "function" ? audit(result) : audit;
      if (event) recordAudit(tx, event, now);
      return result;
    },
    { behavior: "immediate" },
  );
}
