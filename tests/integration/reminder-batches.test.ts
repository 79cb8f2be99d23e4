// The daily reminder run writes in short batches and yields between them; a run that stops
// between batches (a crash, a deploy) is finished by the next run, and everyone gets their
// reminder exactly once.
import { setImmediate } from "node:timers/promises";
import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getContent } from "~/content/registry.server";
import { getDb } from "~/db/client.server";
import { notifications, outboxMessages, reminderRecords } from "~/db/schema";
import { runScheduler } from "~/notifications/scheduler.server";
import { createAssignment } from "~/people/assignments.server";
import { createOrgUnit, createTestUser } from "../setup/factories";
import { setClockSleep } from "~/utils/clock.server";

const DAY = 86_400_000;
// A Monday, 08:00 UTC; the tests run with TIME_ZONE=UTC and the default REMINDER_HOUR 7.
const T0 = new Date("2031-03-03T08:00:00Z");
const STAFF = 47;
let staffIds: string[] = [];

beforeAll(async () => {
  const unit = await createOrgUnit("Batch Branch");
  const hr = await createTestUser({ role: "hr", locale: "en" });
  const staff = [];
  for (let i = 0; i < STAFF; i++) staff.push(await createTestUser({ locale: i % 2 ? "id" : "en", orgUnitId: unit.id }));
  staffIds = staff.map((s) => s.id);
  const r = await createAssignment(
    hr,
    { moduleSlug: "quick-module", targetType: "org_unit", person: "", orgUnitId: unit.id, role: "staff", dueDate: "2031-03-08" } as never,
    await getContent(),
    "2000-01-01",
    new Date(T0.getTime() - 30 * DAY),
  );
  if (!r.ok) throw new Error(r.message);
  // The assignment's own messages are not what this test counts.
  await getDb().delete(outboxMessages);
  await getDb().delete(notifications);
});

async function sentPerPerson() {
  const records = await getDb()
    .select({ userId: reminderRecords.userId })
    .from(reminderRecords)
    .where(and(inArray(reminderRecords.userId, staffIds), eq(reminderRecords.kind, "due_7d")));
  const mails = await getDb()
    .select({ userId: outboxMessages.userId })
    .from(outboxMessages)
    .where(and(inArray(outboxMessages.userId, staffIds), eq(outboxMessages.kind, "due_7d")));
  const count = (rows: { userId: string | null }[]) => {
    const m = new Map<string, number>();
    for (const r of rows) m.set(r.userId!, (m.get(r.userId!) ?? 0) + 1);
    return m;
  };
  return { records: count(records), mails: count(mails) };
}

describe("the reminder run in batches", () => {
  it("survives a crash between batches: the next run sends the rest, nobody gets two", async () => {
    const crash = new Error("the worker died after batch 3");
    await expect(
      runScheduler(T0, {
        batchSize: 10,
        pauseMs: 0,
        afterBatch: ({ batch }) => {
          if (batch === 3) throw crash;
        },
      }),
    ).rejects.toBe(crash);
    const partial = await sentPerPerson();
    // Three whole batches committed, each reminder with its message; nothing of the fourth.
    expect(partial.records.size).toBe(30);
    expect(partial.mails.size).toBe(30);
    expect([...partial.mails.keys()].sort()).toEqual([...partial.records.keys()].sort());

    // The next run (the worker restarted) yields between its batches while it finishes, and
    // rests after each (recorded here instead of waited for).
    const rests: number[] = [];
    setClockSleep(async (ms) => void rests.push(ms));
    let turns = 0;
    let counting = true;
    void (async () => {
      while (counting) {
        await setImmediate();
        turns++;
      }
    })();
    let batches = 0;
    const rerun = await runScheduler(T0, { batchSize: 10, afterBatch: () => void batches++ }).finally(() => setClockSleep(null));
    counting = false;
    expect(rests).toHaveLength(batches - 1);
    for (const ms of rests) expect(ms > 0 && ms <= 150, `rest of ${ms} ms`).toBe(true);
    expect(rerun.sent).toBe(STAFF - 30);
    expect(batches).toBe(Math.ceil(rerun.planned / 10));
    expect(turns).toBeGreaterThanOrEqual(batches);

    const all = await sentPerPerson();
    expect(all.records.size).toBe(STAFF);
    expect(all.mails.size).toBe(STAFF);
    for (const id of staffIds) {
      expect(all.records.get(id)).toBe(1);
      expect(all.mails.get(id)).toBe(1);
    }
    // A third run finds everything sent.
    expect((await runScheduler(T0, { pauseMs: 0 })).sent).toBe(0);
    expect((await sentPerPerson()).mails.size).toBe(STAFF);
  });
});
