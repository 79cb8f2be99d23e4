// Password-reset throttles and equal work (issue 25, problem 9). Time comes from the injected
// clock: nothing waits. The timing itself (medians over 50 tries) is measured by
// tests/bench/reset-timing.ts, not asserted here.
import { and, eq, like, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { pruneStale } from "~/auth/prune.server";
import { getDb } from "~/db/client.server";
import { isPostgres } from "~/db/dialect";
import { selectRow, selectRows } from "~/db/sql.server";
import { loginThrottles, outboxMessages, passwordTokens, users } from "~/db/schema";
import { requestPasswordReset, RESET_POLICY } from "~/notifications/password-reset.server";
import { createTestUser } from "../setup/factories";

const minutes = (n: number) => n * 60_000;
const db = () => getDb();
// Rows written so far by this connection: SQLite's total_changes(). PostgreSQL has no exact
// per-connection counter (its statistics are reported late), so there the rows are compared below.
const totalChanges = async () => (isPostgres ? 0 : (await selectRow<{ n: number }>(sql`select total_changes() as n`))!.n);
const resetRows = async (address: string) =>
  await db()
    .select()
    .from(loginThrottles)
    .where(like(loginThrottles.key, `reset-%${address}`));

describe("password-reset counters", () => {
  it("are kept for their whole hour: still counting at 59 minutes, gone after 60", async () => {
    const person = await createTestUser({ email: "window@reset.test" });
    const t0 = new Date("2026-03-01T08:00:00Z");
    const at = (m: number) => new Date(t0.getTime() + minutes(m));
    for (let i = 0; i < RESET_POLICY.perEmail; i++) expect(await requestPasswordReset(person.email, `10.50.0.${i}`, at(i))).toBe("sent");
    // The prune runs every 10 minutes: at 16 and 59 minutes the counter must still be there.
    for (const m of [16, 30, 59]) {
      await pruneStale(at(m));
      expect(await resetRows("window@reset.test"), `after a prune at ${m} minutes`).toHaveLength(1);
    }
    expect(await requestPasswordReset(person.email, "10.50.1.1", at(59))).toBe("throttled");
    expect((await resetRows("window@reset.test"))[0]!.failures).toBe(RESET_POLICY.perEmail + 1);
    // A whole window after the first request the counter may go, and a new request is allowed.
    await pruneStale(at(60));
    expect(await resetRows("window@reset.test")).toEqual([]);
    expect(await requestPasswordReset(person.email, "10.50.1.2", at(60))).toBe("sent");
    const tokens = await db().select().from(passwordTokens).where(eq(passwordTokens.userId, person.id));
    expect(tokens).toHaveLength(RESET_POLICY.perEmail + 1);
  });

  it("a new window starts an hour after the first request, without a prune", async () => {
    const person = await createTestUser({ email: "nowindow@reset.test" });
    const t0 = new Date("2026-03-02T08:00:00Z");
    for (let i = 0; i < RESET_POLICY.perEmail; i++) await requestPasswordReset(person.email, "10.51.0.1", new Date(t0.getTime() + minutes(i)));
    expect(await requestPasswordReset(person.email, "10.51.0.1", new Date(t0.getTime() + minutes(59)))).toBe("throttled");
    expect(await requestPasswordReset(person.email, "10.51.0.1", new Date(t0.getTime() + minutes(60)))).toBe("sent");
  });

  it("failed-login counters still go after their own 15 minutes", async () => {
    const now = new Date("2026-03-03T08:00:00Z");
    await db()
      .insert(loginThrottles)
      .values({ key: "email:old@login.test", failures: 2, firstFailureAt: now, lastFailureAt: now, lockedUntil: null });
    await pruneStale(new Date(now.getTime() + minutes(16)));
    expect(await db().select().from(loginThrottles).where(eq(loginThrottles.key, "email:old@login.test"))).toEqual([]);
  });
});

describe("forgot password does the same work for known and unknown addresses", () => {
  it("runs the same statements (row changes) and keeps only the known address's link and message", async () => {
    const person = await createTestUser({ email: "same@work.test", locale: "id" });
    const warm = await createTestUser({ email: "warm@work.test" });
    const now = new Date("2026-03-04T08:00:00Z");
    // Warm both paths once, so statement preparation does not count.
    await requestPasswordReset("warm-unknown@work.test", "10.60.0.1", now);
    await requestPasswordReset(warm.email, "10.60.0.2", now);
    const outboxBefore = (await db().select().from(outboxMessages)).length;
    const tokensBefore = (await db().select().from(passwordTokens)).length;
    const usersBefore = (await db().select().from(users)).length;

    const c0 = await totalChanges();
    expect(await requestPasswordReset("nobody@work.test", "10.60.0.3", now)).toBe("no-account");
    const unknownChanges = (await totalChanges()) - c0;
    const c1 = await totalChanges();
    expect(await requestPasswordReset(person.email, "10.60.0.4", new Date(now.getTime() + minutes(1)))).toBe("sent");
    const knownChanges = (await totalChanges()) - c1;

    // Two counters, the old links voided (none), a token and an outbox row: in both cases.
    expect(unknownChanges).toBe(knownChanges);
    if (!isPostgres) expect(knownChanges).toBeGreaterThanOrEqual(4);
    // Only the known address's rows stayed: one more token and one more message, no stand-in user.
    expect((await db().select().from(passwordTokens)).length).toBe(tokensBefore + 1);
    expect((await db().select().from(outboxMessages)).length).toBe(outboxBefore + 1);
    expect((await db().select().from(users)).length).toBe(usersBefore);
    expect(await db().select().from(outboxMessages).where(eq(outboxMessages.toEmail, "nobody@work.test"))).toEqual([]);
    expect(await db().select().from(passwordTokens).where(eq(passwordTokens.userId, "~no-account~"))).toEqual([]);
    // The rolled-back stand-in leaves the foreign keys whole (PostgreSQL checks them on every
    // statement; SQLite is asked).
    if (!isPostgres) expect(await selectRows(sql`PRAGMA foreign_key_check`)).toEqual([]);
    // And the unknown address is counted like any other.
    expect(
      (
        await db()
          .select()
          .from(loginThrottles)
          .where(and(eq(loginThrottles.key, "reset-email:nobody@work.test")))
      )[0]?.failures,
    ).toBe(1);
  });

  it("an inactive account is treated as no account", async () => {
    const person = await createTestUser({ email: "gone@work.test", active: false });
    expect(await requestPasswordReset(person.email, "10.61.0.1", new Date("2026-03-05T08:00:00Z"))).toBe("no-account");
    expect(await db().select().from(passwordTokens).where(eq(passwordTokens.userId, person.id))).toEqual([]);
  });
});
