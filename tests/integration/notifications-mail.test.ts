// Events cause messages in the same transaction; the worker delivers them through a real SMTP
// server, survives the server being down and a worker dying mid-send; forgot password answers
// the same for unknown addresses.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getContent } from "~/content/registry.server";
import { getDb } from "~/db/client.server";
import { writeTransaction } from "~/db/transaction.server";
import { notifications, outboxMessages, passwordTokens } from "~/db/schema";
import { revokeCertificate } from "~/certificates/manage.server";
import { claimBatch, createMailer, drainOutbox, runWorkerOnce, WORKER_POLICY, type Mailer } from "~/outbox/worker.server";
import { enqueueNotification } from "~/notifications/enqueue.server";
import { createAssignment } from "~/people/assignments.server";
import { createUser } from "~/people/users.server";
import { startAttempt, getOwnAttempt, submitAttempt } from "~/learning/quiz.server";
import * as forgotRoute from "~/routes/forgot-password";
import * as outboxRoute from "~/routes/admin.outbox";
import * as notificationsRoute from "~/routes/notifications";
import { consumeSetPasswordLink } from "~/account/password.server";
import { answerForm, completeAllLessons, moduleBySlug } from "../setup/learning";
import { createTestUser, makeRequest, routeArgs, run, sessionCookie, unwrap } from "../setup/factories";
import { startMailbox, type TestMailbox } from "../setup/smtp";

let mailbox: TestMailbox;
let mailer: Mailer;
const T0 = new Date("2030-01-07T08:00:00Z");

beforeAll(async () => {
  mailbox = await startMailbox();
  mailer = createMailer(mailbox.url);
});
afterAll(async () => {
  mailer.transport.close();
  await mailbox.stop();
});
beforeEach(async () => {
  // Each test starts from an empty queue and mailbox.
  await drainOutbox(mailer, new Date(T0.getTime() + 365 * 86_400_000));
  await getDb().delete(outboxMessages);
  mailbox.clear();
});

const linkIn = (text: string) => text.match(/https?:\/\/\S+/g) ?? [];

describe("messages caused by events", () => {
  it("an assignment sends each person reached one message in their own language, with the due date and the module link", async () => {
    const hr = await createTestUser({ role: "hr" });
    const en = await createTestUser({ locale: "en" });
    const id = await createTestUser({ locale: "id" });
    const state = await getContent();
    for (const person of [en, id]) {
      const r = await createAssignment(
        hr,
        { moduleSlug: "quick-module", targetType: "user", person: person.email, orgUnitId: "", role: "staff", dueDate: "2030-02-01" } as never,
        state,
        "2030-01-01",
        T0,
      );
      expect(r.ok).toBe(true);
    }
    // The messages are rows, written with the assignment, before anything is sent.
    expect((await getDb().select().from(outboxMessages)).map((m) => m.toEmail).sort()).toEqual([en.email, id.email].sort());
    const run1 = await drainOutbox(mailer, T0);
    expect(run1.sent).toBe(2);
    const [mailEn] = mailbox.to(en.email);
    const [mailId] = mailbox.to(id.email);
    expect(mailEn!.subject).toBe("New training for you: Quick module");
    expect(mailEn!.text).toContain("1 Feb 2030");
    expect(linkIn(mailEn!.text!)).toContain("http://academy.test/learn/quick-module");
    expect(mailEn!.html).toContain('href="http://academy.test/learn/quick-module"');
    expect(mailId!.subject).toBe("Pelatihan baru untuk Anda: Modul singkat");
    expect(mailId!.text).toContain("1 Feb 2030");
    // Account and event messages carry no unsubscribe header: they always go.
    expect(mailEn!.headers.get("list-unsubscribe")).toBeUndefined();
    // The in-app notice appears too, unread.
    const list = unwrap(await notificationsRoute.loader(routeArgs(makeRequest("/notifications", { cookie: await sessionCookie(en.id) })) as never))
      .data as { unread: number; rows: { title: string; link: string }[] };
    expect(list.unread).toBe(1);
    expect(list.rows[0]).toMatchObject({ title: "New training for you: Quick module", link: "/learn/quick-module" });
  });

  it("a new account gets its invitation with the set-password link that HR also sees", async () => {
    const admin = await createTestUser({ role: "admin" });
    const created = await createUser(
      admin,
      { email: "new.person@invite.test", displayName: "New Person", role: "staff", locale: "id", staffNumber: null, orgUnitId: null } as never,
      T0,
    );
    expect(created.ok).toBe(true);
    await drainOutbox(mailer, T0);
    const [mail] = mailbox.to("new.person@invite.test");
    expect(mail!.subject).toBe("Selamat datang di Pustaka Academy: buat kata sandi Anda");
    expect(linkIn(mail!.text!)).toContain(created.ok ? created.setPasswordUrl : "");
  });

  it("passing a quiz sends the certificate with its verify link; revoking it sends the reason", async () => {
    const learner = await createTestUser({ locale: "en" });
    const hr = await createTestUser({ role: "hr" });
    const mod = await moduleBySlug("quick-module");
    await completeAllLessons(learner.id, mod, T0);
    const started = await startAttempt(learner, mod, T0);
    if (!started.ok) throw new Error("no attempt");
    const attempt = (await getOwnAttempt(learner, started.attemptId, mod.slug))!;
    await submitAttempt(learner, mod, attempt, answerForm(mod, attempt), "en", T0);
    await drainOutbox(mailer, T0);
    const [issued] = mailbox.to(learner.email);
    expect(issued!.subject).toBe("Your certificate for Quick module");
    expect(issued!.text).toMatch(/http:\/\/academy\.test\/verify\/[A-Z0-9-]+/);
    const { certificatesOf } = await import("~/certificates/issue.server");
    const cert = (await certificatesOf(learner.id))[0]!;
    await revokeCertificate(hr, { id: cert.id, reason: "Answers were shared" }, T0);
    await drainOutbox(mailer, T0);
    const revoked = mailbox.to(learner.email).at(-1)!;
    expect(revoked.subject).toBe("Your certificate for Quick module was revoked");
    expect(revoked.text).toContain("Answers were shared");
  });

  it("a message is written in the event's transaction: a rolled-back event leaves no message", async () => {
    const person = await createTestUser();
    await expect(
      writeTransaction(async (tx) => {
        await enqueueNotification(
          tx,
          {
            kind: "review_done",
            userId: person.id,
            data: { module: "Quick module", outcome: { en: "passed", id: "lulus" }, path: "/learn/quick-module" },
          },
          T0,
        );
        throw new Error("the event failed");
      }),
    ).rejects.toThrow("the event failed");
    expect(await getDb().select().from(outboxMessages).where(eq(outboxMessages.userId, person.id))).toHaveLength(0);
    expect(await getDb().select().from(notifications).where(eq(notifications.userId, person.id))).toHaveLength(0);
  });
});

describe("the worker", () => {
  it("with the SMTP server down, messages wait and go once it is back", async () => {
    const person = await createTestUser();
    await writeTransaction((tx) => enqueueNotification(tx, { kind: "password_changed", userId: person.id, data: { at: T0.toISOString() } }, T0));
    await mailbox.stop();
    const down = await runWorkerOnce(mailer, { now: T0 });
    expect(down).toMatchObject({ claimed: 1, sent: 0, retrying: 1 });
    const row = (await getDb().select().from(outboxMessages).where(eq(outboxMessages.userId, person.id)))[0]!;
    expect(row.status).toBe("pending");
    expect(row.lastError).toBeTruthy();
    expect(row.nextAttemptAt.getTime()).toBe(T0.getTime() + WORKER_POLICY.backoffMs[0]);
    // Not due again yet.
    expect((await runWorkerOnce(mailer, { now: T0 })).claimed).toBe(0);
    await mailbox.start();
    const back = await runWorkerOnce(mailer, { now: new Date(T0.getTime() + WORKER_POLICY.backoffMs[0]) });
    expect(back.sent).toBe(1);
    expect(mailbox.to(person.email)).toHaveLength(1);
  });

  it("a worker that dies after claiming loses nothing: the row is sent once its lease expires", async () => {
    const person = await createTestUser();
    await writeTransaction((tx) => enqueueNotification(tx, { kind: "password_changed", userId: person.id, data: { at: T0.toISOString() } }, T0));
    // Worker A claims, then crashes before sending (nothing else happens).
    expect(await claimBatch("worker-a", T0)).toHaveLength(1);
    // Worker B cannot take the row while A's lease holds...
    expect((await runWorkerOnce(mailer, { now: T0, owner: "worker-b" })).claimed).toBe(0);
    // ...and takes it once the lease has expired.
    const later = new Date(T0.getTime() + WORKER_POLICY.leaseMs);
    expect((await runWorkerOnce(mailer, { now: later, owner: "worker-b" })).sent).toBe(1);
    expect(mailbox.to(person.email)).toHaveLength(1);
  });

  it("two workers claiming at once never share a row", async () => {
    const person = await createTestUser();
    await writeTransaction(async (tx) => {
      for (let i = 0; i < 30; i++) await enqueueNotification(tx, { kind: "password_changed", userId: person.id, data: { at: T0.toISOString() } }, T0);
    });
    const a = (await claimBatch("a", T0, 20)).map((r) => r.id);
    const b = (await claimBatch("b", T0, 20)).map((r) => r.id);
    expect(a).toHaveLength(20);
    expect(b).toHaveLength(10);
    expect(a.filter((id) => b.includes(id))).toEqual([]);
  });

  it("a refused message fails for good with its error, admins see it and retry it", async () => {
    const person = await createTestUser();
    const admin = await createTestUser({ role: "admin" });
    await writeTransaction((tx) => enqueueNotification(tx, { kind: "password_changed", userId: person.id, data: { at: T0.toISOString() } }, T0));
    mailbox.refuseWith(550);
    expect((await runWorkerOnce(mailer, { now: T0 })).failed).toBe(1);
    mailbox.refuseWith(null);
    const row = (await getDb().select().from(outboxMessages).where(eq(outboxMessages.userId, person.id)))[0]!;
    expect(row).toMatchObject({ status: "failed" });
    expect(row.lastError).toMatch(/550|unavailable/i);
    const cookie = await sessionCookie(admin.id);
    const page = unwrap(await outboxRoute.loader(routeArgs(makeRequest("/admin/outbox?status=failed", { cookie })) as never)).data as {
      list: { rows: { id: string; lastError: string }[] };
    };
    expect(page.list.rows.map((r) => r.id)).toContain(row.id);
    const staffCookie = await sessionCookie(person.id);
    expect(
      unwrap((await run(() => outboxRoute.loader(routeArgs(makeRequest("/admin/outbox", { cookie: staffCookie })) as never))).value).status,
    ).toBe(403);
    await outboxRoute.action(routeArgs(makeRequest("/admin/outbox", { cookie, form: { id: row.id } })) as never);
    expect((await runWorkerOnce(mailer, { now: T0 })).sent).toBe(1);
    expect(mailbox.to(person.email)).toHaveLength(1);
  });

  it("without SMTP_URL messages are captured in the outbox, not sent", async () => {
    const person = await createTestUser();
    await writeTransaction((tx) => enqueueNotification(tx, { kind: "password_changed", userId: person.id, data: { at: T0.toISOString() } }, T0));
    const capture = createMailer(undefined);
    expect((await runWorkerOnce(capture, { now: T0 })).sent).toBe(1);
    expect((await getDb().select().from(outboxMessages).where(eq(outboxMessages.userId, person.id)))[0]).toMatchObject({
      status: "sent",
      transport: "capture",
    });
    expect(mailbox.to(person.email)).toHaveLength(0);
  });
});

describe("forgot password", () => {
  const ask = async (email: string, ip = "10.9.9.9") =>
    unwrap(await forgotRoute.action(routeArgs(makeRequest("/forgot-password", { form: { email } }), {}, { clientIp: ip }) as never));

  it("answers an unknown address exactly as a known one, and only the known one gets a one-hour, one-time link", async () => {
    const person = await createTestUser({ locale: "en", email: "known@forgot.test" });
    const known = await ask("Known@Forgot.test");
    const unknown = await ask("nobody@forgot.test");
    expect(unknown).toEqual(known);
    await drainOutbox(mailer);
    expect(mailbox.to("nobody@forgot.test")).toHaveLength(0);
    const [mail] = mailbox.to(person.email);
    expect(mail!.subject).toBe("Reset your Pustaka Academy password");
    const url = linkIn(mail!.text!).find((u) => u.includes("/set-password/"))!;
    const token = url.split("/set-password/")[1]!;
    const row = (await getDb().select().from(passwordTokens).where(eq(passwordTokens.userId, person.id))).find((r) => !r.usedAt)!;
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(60 * 60_000);
    expect(await consumeSetPasswordLink(token, "a brand new password", new Date(row.createdAt.getTime() + 61 * 60_000))).toBeNull();
    expect(await consumeSetPasswordLink(token, "a brand new password", new Date(row.createdAt.getTime() + 10 * 60_000))).toBe(person.id);
    expect(await consumeSetPasswordLink(token, "another new password", new Date(row.createdAt.getTime() + 11 * 60_000))).toBeNull();
    // The reset is announced: "your password was changed".
    await drainOutbox(mailer, new Date(row.createdAt.getTime() + 12 * 60_000));
    expect(mailbox.to(person.email).map((m) => m.subject)).toContain("Your Pustaka Academy password was changed");
  });

  it("is throttled per address, with the same answer", async () => {
    const person = await createTestUser({ email: "often@forgot.test" });
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await ask(person.email, `10.8.0.${i}`));
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    await drainOutbox(mailer);
    expect(mailbox.to(person.email)).toHaveLength(3);
  });

  it("names the field when the address is not an email", async () => {
    const answer = await ask("not-an-email");
    expect(answer.status).toBe(400);
    expect((answer.data as { errors: Record<string, string> }).errors.email).toBe("validation.email");
  });
});
