// Two outbox workers draining at once send each message exactly once, through real SMTP. The
// claims really run at once (on PostgreSQL on distinct pooled connections, see race.ts).
import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db/client.server";
import { outboxMessages } from "~/db/schema";
import { writeTransaction } from "~/db/transaction.server";
import { enqueueEmail } from "~/outbox/enqueue.server";
import { createMailer, drainOutbox, WORKER_POLICY } from "~/outbox/worker.server";
import { clockNow } from "~/utils/clock.server";
import { expectDistinctBackends, fulfilled, race } from "../setup/race";
import { startMailbox, type TestMailbox } from "../setup/smtp";

const proof = (ok: boolean, message: string) => expect(ok, message).toBe(true);
let mailbox: TestMailbox;
beforeAll(async () => {
  mailbox = await startMailbox();
});
afterAll(async () => {
  await mailbox.stop();
});

describe("two workers draining the outbox at once", () => {
  it("send every message exactly once", async () => {
    const now = clockNow();
    // Several batches, so both workers come back for more while the other is sending.
    const count = WORKER_POLICY.batchSize * 3 + 7;
    const recipients = Array.from({ length: count }, (_, i) => `reader${i}@race.library.test`);
    await writeTransaction(async (tx) => {
      for (const to of recipients) {
        await enqueueEmail(
          tx,
          { kind: "race", userId: null, toEmail: to, locale: "en", subject: `For ${to}`, text: "Hello", html: "<p>Hello</p>", unsubscribeUrl: null },
          now,
        );
      }
    });
    const outcome = await race([
      () => drainOutbox(createMailer(mailbox.url), now, "worker-a"),
      () => drainOutbox(createMailer(mailbox.url), now, "worker-b"),
    ]);
    expectDistinctBackends(outcome, proof);
    const [a, b] = fulfilled(outcome);
    expect(a!.sent + b!.sent).toBe(count);
    expect(a!.claimed + b!.claimed, "no message was claimed twice").toBe(count);

    for (const to of recipients) expect(mailbox.to(to), to).toHaveLength(1);
    expect(mailbox.messages).toHaveLength(count);
    const rows = await getDb().select().from(outboxMessages).where(inArray(outboxMessages.toEmail, recipients));
    expect(rows).toHaveLength(count);
    expect(rows.every((r) => r.status === "sent" && r.attempts === 1 && r.leaseOwner === null)).toBe(true);
  });
});
