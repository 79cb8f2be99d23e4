import { getDb } from "~/db/client.server";
import { verifyLimiter } from "~/certificates/verify.server";
import { clockNow } from "~/utils/clock.server";
import { RESET_THROTTLE, THROTTLE_POLICY } from "./throttle.server";

// Rows deleted per statement: a backlog (say, a month of expired sessions after the first start
// of this version) is worked off in short transactions that never hold the write lock long.
const BATCH = 500;
// At most this many batches per table in one run; the rest waits for the next run.
const MAX_BATCHES = 20;

export const PRUNE_INTERVAL_MS = 10 * 60_000;

function deleteInBatches(sql: string, ...params: (number | string)[]) {
  const db = getDb().$client;
  const statement = db.prepare(`delete from ${sql} limit ${BATCH})`);
  let total = 0;
  for (let i = 0; i < MAX_BATCHES; i++) {
    const { changes } = db.transaction(() => statement.run(...params)).immediate();
    total += changes;
    if (changes < BATCH) break;
  }
  return total;
}

/**
 * Drops what can no longer matter: sessions past their idle expiry, failed-login counters whose
 * window and lock have both run out, idle keys of the /verify limiter, and used single sign-on
 * states whose attempts would have expired anyway. server.js runs it at
 * start-up and every PRUNE_INTERVAL_MS; each run is bounded (see MAX_BATCHES).
 */
export function pruneStale(now = clockNow()) {
  const sessions = deleteInBatches("sessions where rowid in (select rowid from sessions where expires_at <= ?", Math.floor(now.getTime() / 1000));
  const windowStart = now.getTime() - THROTTLE_POLICY.windowMinutes * 60_000;
  // Failed-login counters live for their 15-minute window (or their lock); password-reset
  // counters for their own hour from the first request, or a reset could be asked again early.
  const throttles =
    deleteInBatches(
      `login_throttles where rowid in (select rowid from login_throttles where substr(key, 1, ${RESET_THROTTLE.keyPrefix.length}) != ? and last_failure_at < ? and (locked_until is null or locked_until <= ?)`,
      RESET_THROTTLE.keyPrefix,
      windowStart,
      now.getTime(),
    ) +
    deleteInBatches(
      `login_throttles where rowid in (select rowid from login_throttles where substr(key, 1, ${RESET_THROTTLE.keyPrefix.length}) = ? and first_failure_at <= ?`,
      RESET_THROTTLE.keyPrefix,
      now.getTime() - RESET_THROTTLE.windowMs,
    );
  const verifyKeys = verifyLimiter.prune(now.getTime());
  const ssoAttempts = deleteInBatches("sso_spent_states where rowid in (select rowid from sso_spent_states where expires_at <= ?", now.getTime());
  return { sessions, throttles, verifyKeys, ssoAttempts };
}
