import { setImmediate } from "node:timers/promises";
import { and, eq, inArray, isNull, lt, lte, ne, or, sql } from "drizzle-orm";
import type { Tx } from "~/db/client.server";
import { loginThrottles, sessions, ssoSpentStates } from "~/db/schema";
import { changedRows } from "~/db/sql.server";
import { writeTransaction } from "~/db/transaction.server";
import { pruneVerifyLimits } from "./rate-limit.server";
import { clockNow } from "~/utils/clock.server";
import { RESET_THROTTLE, THROTTLE_POLICY } from "./throttle.server";

// Rows deleted per statement: a backlog (say, a month of expired sessions after the first start
// of this version) is worked off in short transactions that never hold the write lock long.
const BATCH = 200;
// At most this many batches per table in one run; the rest waits for the next run.
const MAX_BATCHES = 50;

export const PRUNE_INTERVAL_MS = 10 * 60_000;

/** Runs `deleteBatch` (one delete of at most BATCH rows) in its own transaction until it deletes fewer. */
async function deleteInBatches(deleteBatch: (tx: Tx) => Promise<unknown>) {
  let total = 0;
  for (let i = 0; i < MAX_BATCHES; i++) {
    const changes = changedRows(await writeTransaction(deleteBatch));
    total += changes;
    if (changes < BATCH) break;
    // Requests waiting meanwhile run before the next batch.
    await setImmediate();
  }
  return total;
}

// The throttle key's prefix, compared as text on both databases.
const resetPrefix = sql`substr(${loginThrottles.key}, 1, ${sql.raw(String(RESET_THROTTLE.keyPrefix.length))})`;

/**
 * Drops what can no longer matter: sessions past their idle expiry, failed-login counters whose
 * window and lock have both run out, idle keys of the /verify limiter, and used single sign-on
 * states whose attempts would have expired anyway. server.js runs it at
 * start-up and every PRUNE_INTERVAL_MS; each run is bounded (see MAX_BATCHES).
 */
export async function pruneStale(now = clockNow()) {
  const sessionsBefore = Math.floor(now.getTime() / 1000);
  const sessionCount = await deleteInBatches((tx) =>
    tx
      .delete(sessions)
      .where(inArray(sessions.id, tx.select({ id: sessions.id }).from(sessions).where(lte(sessions.expiresAt, sessionsBefore)).limit(BATCH))),
  );
  const windowStart = new Date(now.getTime() - THROTTLE_POLICY.windowMinutes * 60_000);
  // Failed-login counters live for their 15-minute window (or their lock); password-reset
  // counters for their own hour from the first request, or a reset could be asked again early.
  const throttles =
    (await deleteInBatches((tx) =>
      tx.delete(loginThrottles).where(
        inArray(
          loginThrottles.key,
          tx
            .select({ key: loginThrottles.key })
            .from(loginThrottles)
            .where(
              and(
                ne(resetPrefix, RESET_THROTTLE.keyPrefix),
                lt(loginThrottles.lastFailureAt, windowStart),
                or(isNull(loginThrottles.lockedUntil), lte(loginThrottles.lockedUntil, now)),
              ),
            )
            .limit(BATCH),
        ),
      ),
    )) +
    (await deleteInBatches((tx) =>
      tx.delete(loginThrottles).where(
        inArray(
          loginThrottles.key,
          tx
            .select({ key: loginThrottles.key })
            .from(loginThrottles)
            .where(
              and(eq(resetPrefix, RESET_THROTTLE.keyPrefix), lte(loginThrottles.firstFailureAt, new Date(now.getTime() - RESET_THROTTLE.windowMs))),
            )
            .limit(BATCH),
        ),
      ),
    ));
  const verifyKeys = await pruneVerifyLimits(now);
  const ssoAttempts = await deleteInBatches((tx) =>
    tx
      .delete(ssoSpentStates)
      .where(
        inArray(
          ssoSpentStates.stateHash,
          tx.select({ stateHash: ssoSpentStates.stateHash }).from(ssoSpentStates).where(lte(ssoSpentStates.expiresAt, now)).limit(BATCH),
        ),
      ),
  );
  return { sessions: sessionCount, throttles, verifyKeys, ssoAttempts };
}
