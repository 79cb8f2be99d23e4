// Self-service "forgot password". The answer and the work done are the same whether or not the
// address has an active account: the same throttle counters, the same look-up, a new token and
// its hash, the email rendered and the same rows written to password_tokens and the outbox. For
// an address without an account those rows are written for a stand-in recipient inside a
// savepoint that is rolled back, so nothing of it stays. The worker is woken a moment later in
// both cases, and the email leaves from there; neither the page nor its timing tells whether an
// address is registered (tests/bench/reset-timing.ts measures it).
import { randomInt } from "node:crypto";
import { eq } from "drizzle-orm";
import { issueSetPasswordLink } from "~/auth/password-tokens.server";
import { countResetRequest, RESET_THROTTLE } from "~/auth/throttle.server";
import type { Tx } from "~/db/client.server";
import { deferForeignKeys } from "~/db/defer-foreign-keys.server";
import { users } from "~/db/schema";
import { writeTransaction } from "~/db/transaction.server";
import { wakeWorkerLater } from "~/outbox/enqueue.server";
import { clockNow } from "~/utils/clock.server";
import { enqueueFor } from "./enqueue.server";

export const RESET_POLICY = {
  /** A reset link works once, for this long. */
  linkMs: 60 * 60_000,
  windowMs: RESET_THROTTLE.windowMs,
  perEmail: RESET_THROTTLE.perEmail,
  perIp: RESET_THROTTLE.perIp,
} as const;

/** The id a stand-in recipient gets; no account has it (ids are 22 URL-safe characters). */
const STAND_IN_ID = "~no-account~";

// One instance, thrown every time: building an Error (and its stack) per request would itself
// make the no-account path slower.
const STAND_IN_ROLLBACK = new Error("stand-in rolled back");

/** The link and the message for one recipient: the same statements for a real or a stand-in person. */
async function issueResetMessage(tx: Tx, person: { id: string; email: string; displayName: string; locale: "en" | "id" | null }, now: Date) {
  const link = await issueSetPasswordLink(tx, person.id, null, now, RESET_POLICY.linkMs);
  await enqueueFor(tx, { ...person, active: true }, { kind: "password_reset", userId: person.id, data: { url: link.url }, noWake: true }, now);
}

/** What `requestPasswordReset` did, for tests; the route ignores it and answers the same in every case. */
export type ResetOutcome = "sent" | "no-account" | "throttled";

/**
 * Sends a one-hour, one-time link to an active account with this address, within the limits.
 * The caller shows the same answer in every case.
 */
export async function requestPasswordReset(email: string, ip: string, now = clockNow()): Promise<ResetOutcome> {
  const address = email.trim().toLowerCase();
  const outcome = await writeTransaction(async (tx): Promise<ResetOutcome> => {
    const byEmail = await countResetRequest(tx, `${RESET_THROTTLE.keyPrefix}email:${address}`, RESET_POLICY.perEmail, now);
    const byIp = await countResetRequest(tx, `${RESET_THROTTLE.keyPrefix}ip:${ip}`, RESET_POLICY.perIp, now);
    const [person] = await tx
      .select({ id: users.id, email: users.email, displayName: users.displayName, locale: users.locale, active: users.active })
      .from(users)
      .where(eq(users.email, address));
    if (!byEmail || !byIp) return "throttled";
    const known = Boolean(person?.active);
    // The stand-in's rows refer to no user: foreign keys are checked at commit, by which time
    // the savepoint holding them is rolled back. Both paths set it, so both run the same SQL.
    await deferForeignKeys(tx);
    try {
      await writeTransaction(async (sp) => {
        await issueResetMessage(sp, known ? person! : { id: STAND_IN_ID, email: address, displayName: address, locale: null }, now);
        if (!known) throw STAND_IN_ROLLBACK;
      });
    } catch (error) {
      if (error !== STAND_IN_ROLLBACK) throw error;
    }
    return known ? "sent" : "no-account";
  });
  // A pass of the worker in both cases, after the answer has gone: it sends the one message or finds none.
  if (outcome !== "throttled") wakeWorkerLater(200 + randomInt(300));
  return outcome;
}
