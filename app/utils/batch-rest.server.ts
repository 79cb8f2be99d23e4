// The pause between the short transactions of background and bulk writes (the reminder run, an
// import): first a turn of the event loop, so requests queued meanwhile run; then a rest in
// proportion to how long the batch held the write lock, so other processes' writers, whose
// busy handler polls every few ms, find it free. See docs/decisions/0030.
import { setImmediate } from "node:timers/promises";
import { clockSleep } from "./clock.server";

export type RestPolicy = {
  /** The rest as a multiple of the time the batch held the lock. */
  perHeld: number;
  /** The longest rest, in ms. */
  maxMs: number;
  /** A fixed rest instead (0: only the turn of the event loop). */
  fixedMs?: number;
};

/** After a batch that held the lock `heldMs`; no rest after the `last` one. */
export async function restAfterBatch(heldMs: number, policy: RestPolicy, last: boolean) {
  await setImmediate();
  if (last) return;
  const rest = policy.fixedMs ?? Math.min(heldMs * policy.perHeld, policy.maxMs);
  if (rest > 0) await clockSleep(rest);
}
