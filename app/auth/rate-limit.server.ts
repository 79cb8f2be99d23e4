// Rate limits shared by every app server (core: the public certificate look-up uses one, and the
// prune job in prune.server.ts sweeps it, without that job reaching into the certificates feature).
import { setImmediate } from "node:timers/promises";
import { inArray, lt, sql } from "drizzle-orm";
import { verifyRateLimits } from "~/db/schema";
import { changedRows, least } from "~/db/sql.server";
import { writeTransaction } from "~/db/transaction.server";
import { clockNow } from "~/utils/clock.server";

export const VERIFY_LIMIT = 20;
export const VERIFY_WINDOW_MS = 60_000;

export type VerifyLimitResult = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

/**
 * Counts a look-up for `key` (the client's IP address) and says whether it may go ahead: at most
 * `limit` look-ups per fixed window of `windowMs` (windows start at multiples of windowMs).
 *
 * The counter lives in the database (verify_rate_limits) so every app server behind a load
 * balancer counts the same hits (issue 28). One upsert per look-up, returning the new count: the
 * increment happens inside the statement, so two servers counting at once cannot both read the
 * same old value. A fixed window, not a sliding one, because it needs one row of two numbers per
 * client and no read-then-write; its cost is that a client may get up to twice the limit across
 * a window boundary, which still keeps code guessing at ~40 a minute against 76.9 bits per code.
 * Refused look-ups are counted too (capped at limit + 1) but do not lengthen the block: it ends
 * with the window.
 */
export async function hitVerifyLimit(
  key: string,
  now = clockNow(),
  { limit = VERIFY_LIMIT, windowMs = VERIFY_WINDOW_MS }: { limit?: number; windowMs?: number } = {},
): Promise<VerifyLimitResult> {
  const start = Math.floor(now.getTime() / windowMs) * windowMs;
  const windowStart = new Date(start);
  const [row] = await writeTransaction((tx) =>
    tx
      .insert(verifyRateLimits)
      .values({ key, windowStart, hits: 1 })
      .onConflictDoUpdate({
        target: verifyRateLimits.key,
        set: {
          // Both sides read the row as it was before this statement (SQLite and PostgreSQL alike).
          hits: sql`case when ${verifyRateLimits.windowStart} = ${start} then ${least(sql`${verifyRateLimits.hits} + 1`, sql.raw(String(limit + 1)))} else 1 end`,
          windowStart,
        },
      })
      .returning({ hits: verifyRateLimits.hits }),
  );
  const hits = Number(row!.hits);
  if (hits > limit) return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((start + windowMs - now.getTime()) / 1000)) };
  return { ok: true, remaining: limit - hits };
}

// Rows deleted per statement and statements per run: a flood of addresses is worked off over runs.
const PRUNE_BATCH = 200;
const PRUNE_MAX_BATCHES = 50;

/** Deletes the counters of clients with no look-up in the current window; returns how many. */
export async function pruneVerifyLimits(now = clockNow(), windowMs = VERIFY_WINDOW_MS) {
  const current = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  let total = 0;
  for (let i = 0; i < PRUNE_MAX_BATCHES; i++) {
    const changes = changedRows(
      await writeTransaction((tx) =>
        tx
          .delete(verifyRateLimits)
          .where(
            inArray(
              verifyRateLimits.key,
              tx.select({ key: verifyRateLimits.key }).from(verifyRateLimits).where(lt(verifyRateLimits.windowStart, current)).limit(PRUNE_BATCH),
            ),
          ),
      ),
    );
    total += changes;
    if (changes < PRUNE_BATCH) break;
    // Requests waiting meanwhile run before the next batch.
    await setImmediate();
  }
  return total;
}
