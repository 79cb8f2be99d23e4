// The write transactions themselves under concurrency. On SQLite they share the process's one
// connection: a caller whose transaction just ended must not find its next query running inside
// the next queued transaction (whose rollback would then take that query's write with it).
import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "~/db/client.server";
import { loginThrottles } from "~/db/schema";
import { writeTransaction } from "~/db/transaction.server";
import { clockNow } from "~/utils/clock.server";
import { expectDistinctBackends, race } from "../setup/race";

const proof = (ok: boolean, message: string) => expect(ok, message).toBe(true);
const row = (key: string) => ({ key, failures: 1, firstFailureAt: clockNow(), lastFailureAt: clockNow(), lockedUntil: null });

describe("queued write transactions", () => {
  it("a write right after one transaction survives the rollback of the next one", async () => {
    const keys = ["race:a-tx", "race:a-after", "race:b-tx", "race:c-tx"];
    const outcome = await race<unknown>([
      async () => {
        await writeTransaction(async (tx) => void (await tx.insert(loginThrottles).values(row("race:a-tx"))));
        // Outside any transaction, straight after: its own statement, committed on its own.
        await getDb().insert(loginThrottles).values(row("race:a-after"));
      },
      () =>
        writeTransaction(async (tx) => {
          await tx.insert(loginThrottles).values(row("race:b-tx"));
          await tx.select().from(loginThrottles).where(eq(loginThrottles.key, "race:a-tx"));
          throw new Error("B gives up");
        }),
      () => writeTransaction(async (tx) => void (await tx.insert(loginThrottles).values(row("race:c-tx")))),
    ]);
    expectDistinctBackends(outcome, proof);
    expect(outcome.results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((outcome.results[1] as PromiseRejectedResult).reason).toMatchObject({ message: "B gives up" });
    const stored = await getDb().select({ key: loginThrottles.key }).from(loginThrottles).where(inArray(loginThrottles.key, keys));
    expect(stored.map((r) => r.key).sort()).toEqual(["race:a-after", "race:a-tx", "race:c-tx"]);
  });
});
