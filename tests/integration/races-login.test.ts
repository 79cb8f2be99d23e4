// Concurrent failed logins for one account are all counted, and the lockout engages exactly at
// the limit: the counters live in the database, shared by every request and app server. The
// failures really run at once (on PostgreSQL on distinct pooled connections, see race.ts).
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { attemptLogin } from "~/auth/login.server";
import { checkLoginThrottle, THROTTLE_POLICY } from "~/auth/throttle.server";
import { getDb } from "~/db/client.server";
import { loginThrottles } from "~/db/schema";
import { clockNow } from "~/utils/clock.server";
import { createTestUser, TEST_PASSWORD } from "../setup/factories";
import { expectDistinctBackends, fulfilled, race } from "../setup/race";

const proof = (ok: boolean, message: string) => expect(ok, message).toBe(true);
const counter = async (key: string) => (await getDb().select().from(loginThrottles).where(eq(loginThrottles.key, key)))[0];
const limit = THROTTLE_POLICY.email.lockAfter;

describe("concurrent failed logins for one account", () => {
  it("are all counted: one short of the limit, the account is not locked", async () => {
    const user = await createTestUser({ role: "admin" });
    const outcome = await race(Array.from({ length: limit - 1 }, () => () => attemptLogin(user.email, "wrong password", "10.9.0.1")));
    expectDistinctBackends(outcome, proof);
    expect(fulfilled(outcome).map((r) => r.ok === false && r.reason)).toEqual(Array.from({ length: limit - 1 }, () => "wrong"));
    expect(await counter(`email:${user.email}`)).toMatchObject({ failures: limit - 1, lockedUntil: null });
    expect(await counter("ip:10.9.0.1")).toMatchObject({ failures: limit - 1 });
    expect(await checkLoginThrottle(user.email, "10.9.0.2")).toMatchObject({ locked: false });
  });

  it("lock the account exactly at the limit, for every request, even with the right password", async () => {
    const user = await createTestUser({ role: "admin" });
    const now = clockNow();
    const outcome = await race(Array.from({ length: limit }, () => () => attemptLogin(user.email, "wrong password", "10.9.1.1")));
    expectDistinctBackends(outcome, proof);
    const reasons = fulfilled(outcome).map((r) => r.ok === false && r.reason);
    // Only the failure that reached the limit reports the lock; none was lost, none counted twice.
    expect(reasons.filter((r) => r === "locked")).toHaveLength(1);
    expect(reasons.filter((r) => r === "wrong")).toHaveLength(limit - 1);
    const row = await counter(`email:${user.email}`);
    expect(row?.failures).toBe(limit);
    // Locked by the last failure, for the policy's minutes from it.
    expect(row!.lockedUntil!.getTime() - row!.lastFailureAt.getTime()).toBe(THROTTLE_POLICY.lockMinutes * 60_000);
    expect(row!.lockedUntil!.getTime()).toBeGreaterThan(now.getTime());
    expect(await counter("ip:10.9.1.1")).toMatchObject({ failures: limit, lockedUntil: null });
    // From another address, as another app server would see it: refused before the password is checked.
    expect(await attemptLogin(user.email, TEST_PASSWORD, "10.9.1.2")).toMatchObject({ ok: false, reason: "locked" });
  });
});
