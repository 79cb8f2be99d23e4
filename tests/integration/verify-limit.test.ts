// The public /verify page's rate limit, shared by every app server through the database
// (issue 28): a fixed window per client address, counted by one atomic upsert.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { hitVerifyLimit, VERIFY_LIMIT, VERIFY_WINDOW_MS } from "~/auth/rate-limit.server";
import { getDb } from "~/db/client.server";
import { verifyRateLimits } from "~/db/schema";

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, "../..");
// A window boundary, so the test's instants sit where it says whatever day it runs.
const WINDOW = Date.parse("2026-03-02T10:00:00Z");
const at = (ms: number) => new Date(WINDOW + ms);

async function storedHits(key: string) {
  const [row] = await getDb().select().from(verifyRateLimits).where(eq(verifyRateLimits.key, key));
  return row ? { hits: Number(row.hits), windowStart: row.windowStart.getTime() } : undefined;
}

describe("the /verify rate limit", () => {
  it(`allows ${VERIFY_LIMIT} look-ups per window and address, then refuses until the window ends`, async () => {
    for (let i = 0; i < VERIFY_LIMIT; i++) {
      expect(await hitVerifyLimit("203.0.113.1", at(i * 1000))).toEqual({ ok: true, remaining: VERIFY_LIMIT - i - 1 });
    }
    expect(await hitVerifyLimit("203.0.113.1", at(45_500))).toEqual({ ok: false, retryAfterSeconds: 15 });
    expect((await hitVerifyLimit("203.0.113.2", at(45_500))).ok, "another address counts on its own").toBe(true);
    // Refused look-ups do not lengthen the block, and the stored count stays bounded.
    for (let i = 0; i < 50; i++) expect((await hitVerifyLimit("203.0.113.1", at(59_999))).ok).toBe(false);
    expect(await storedHits("203.0.113.1")).toEqual({ hits: VERIFY_LIMIT + 1, windowStart: WINDOW });
    expect(await hitVerifyLimit("203.0.113.1", at(VERIFY_WINDOW_MS))).toEqual({ ok: true, remaining: VERIFY_LIMIT - 1 });
    expect(await storedHits("203.0.113.1")).toEqual({ hits: 1, windowStart: WINDOW + VERIFY_WINDOW_MS });
    // A window skipped entirely starts from one as well.
    expect(await hitVerifyLimit("203.0.113.1", at(5 * VERIFY_WINDOW_MS + 10))).toEqual({ ok: true, remaining: VERIFY_LIMIT - 1 });
  });

  it("counts look-ups sent at once exactly (no read-then-write race)", async () => {
    const results = await Promise.all(Array.from({ length: VERIFY_LIMIT + 10 }, () => hitVerifyLimit("203.0.113.3", at(1000))));
    expect(results.filter((r) => r.ok)).toHaveLength(VERIFY_LIMIT);
    expect(await storedHits("203.0.113.3")).toEqual({ hits: VERIFY_LIMIT + 1, windowStart: WINDOW });
  });

  it("is shared by two app servers: another process on its own connection counts against the same limit", async () => {
    const key = "203.0.113.4";
    const perServer = 15;
    const [other, here] = await Promise.all([
      run(process.execPath, ["--import", "tsx", path.join(ROOT, "tests/support/verify-hits.ts"), key, String(perServer), String(WINDOW + 2000)], {
        cwd: ROOT,
        env: process.env,
      }),
      Promise.all(Array.from({ length: perServer }, () => hitVerifyLimit(key, at(2000)))),
    ]);
    const otherOk = (JSON.parse(other.stdout) as boolean[]).filter(Boolean).length;
    const hereOk = here.filter((r) => r.ok).length;
    expect(otherOk + hereOk).toBe(VERIFY_LIMIT);
    expect(otherOk, "the other server counted some of the hits").toBeGreaterThan(0);
    expect(await storedHits(key)).toEqual({ hits: VERIFY_LIMIT + 1, windowStart: WINDOW });
  }, 60_000);
});
