// In-memory rate limits (core: the public certificate lookup uses one, and the prune job in
// prune.server.ts sweeps it, without that job reaching into the certificates feature).
import { clockNow } from "~/utils/clock.server";

/**
 * A sliding-window limit per key (the client's IP address): at most `limit` hits in any
 * `windowMs`. Kept in memory, on purpose:
 * - the app runs as one Node process (server.js), so one map sees every request;
 * - what it protects is the guessing of codes, not an account: a restart that forgets the
 *   counts costs an attacker nothing worth having (76.9 bits per code; 20 guesses a minute);
 * - a database write per public lookup would turn a cheap read into a write under attack.
 * Memory stays bounded: each key keeps at most `limit` timestamps, idle keys are swept, and
 * past `maxKeys` the oldest keys are dropped (that only ever lets a request through).
 * Behind several processes or a proxy pool, move it to a shared store (see ADR 0006).
 */
export function createSlidingWindowLimiter({ limit, windowMs, maxKeys = 50_000 }: { limit: number; windowMs: number; maxKeys?: number }) {
  const hits = new Map<string, number[]>();
  let lastSweep = 0;

  function sweep(now: number) {
    if (now - lastSweep < windowMs) return;
    lastSweep = now;
    for (const [key, times] of hits) if ((times.at(-1) ?? 0) <= now - windowMs) hits.delete(key);
  }

  return {
    /** Records a hit for `key` unless it is over the limit. */
    hit(key: string, now = clockNow().getTime()): { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number } {
      sweep(now);
      const times = (hits.get(key) ?? []).filter((t) => t > now - windowMs);
      if (times.length >= limit) {
        hits.set(key, times);
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((times[0]! + windowMs - now) / 1000)) };
      }
      times.push(now);
      // Re-inserting keeps the Map in least-recently-used order for the size cap below.
      hits.delete(key);
      hits.set(key, times);
      while (hits.size > maxKeys) hits.delete(hits.keys().next().value!);
      return { ok: true, remaining: limit - times.length };
    },
    reset() {
      hits.clear();
    },
    /** Forgets keys with no hit inside the window, whatever the last sweep; returns how many. */
    prune(now = clockNow().getTime()) {
      const before = hits.size;
      lastSweep = 0;
      sweep(now);
      return before - hits.size;
    },
    size() {
      return hits.size;
    },
  };
}

export const VERIFY_LIMIT = 20;
export const VERIFY_WINDOW_MS = 60_000;
const globalForVerify = globalThis as unknown as { __academyVerifyLimiter?: ReturnType<typeof createSlidingWindowLimiter> };
/** One limiter per process, kept across dev rebuilds. */
export const verifyLimiter = (globalForVerify.__academyVerifyLimiter ??= createSlidingWindowLimiter({
  limit: VERIFY_LIMIT,
  windowMs: VERIFY_WINDOW_MS,
}));
