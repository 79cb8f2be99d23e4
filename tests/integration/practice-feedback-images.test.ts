// Returned work: the feedback is the first thing on the learner's page and is quoted in the
// notice and the mail. Handed-in pictures: reviewers in scope see the stored, re-encoded image
// inline with restrictive headers; nobody else does, and a document is never served inline.
import "../setup/practice-env";
import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { fileTypeFromBuffer } from "file-type";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "~/db/client.server";
import { certificates, notifications, outboxMessages, submissionFiles, taskSubmissions } from "~/db/schema";
import { createMailer, drainOutbox, type Mailer } from "~/outbox/worker.server";
import { decideSubmission } from "~/practice/review.server";
import { saveDraft, submitWork } from "~/practice/submissions.server";
import { uploadsDir } from "~/practice/uploads.server";
import * as taskRoute from "~/routes/learn.$module.tasks.$task";
import * as imageRoute from "~/routes/submission-images.$fileId";
import { createOrgUnit, createTestUser, makeRequest, routeArgs, run, sessionCookie, unwrap } from "../setup/factories";
import { moduleBySlug } from "../setup/learning";
import { createMentor, jpegWithGps } from "../setup/practice";
import { startMailbox, type TestMailbox } from "../setup/smtp";

let mailbox: TestMailbox;
let mailer: Mailer;
const T0 = new Date("2030-06-03T08:00:00Z");
const TEXT = "We talk to parents, students and retired readers: warm, plain, curious.";

beforeAll(async () => {
  mailbox = await startMailbox();
  mailer = createMailer(mailbox.url);
});
afterAll(async () => {
  mailer.transport.close();
  await mailbox.stop();
});
beforeEach(async () => {
  await drainOutbox(mailer, new Date(T0.getTime() + 365 * 86_400_000));
  await getDb().delete(outboxMessages);
  mailbox.clear();
});

async function handInVoiceGuide(userId: string, upload: { filename: string; bytes: Buffer; altText: string | null } | null = null) {
  const mod = await moduleBySlug("practice-module");
  const task = mod.tasks.find((t) => t.slug === "voice-guide")!;
  expect(await saveDraft({ id: userId }, mod, task, { text: TEXT, link: null, removeFileIds: [], upload })).toEqual({ ok: true });
  expect(await submitWork({ id: userId }, mod, task)).toMatchObject({ ok: true });
  const submission = (await getDb().select().from(taskSubmissions).where(eq(taskSubmissions.userId, userId))).find(
    (s) => s.taskSlug === "voice-guide",
  )!;
  return { mod, task, submission };
}

describe("returned work", () => {
  it("puts the feedback first on the learner's page and quotes it in the notice and the mail, in the learner's language", async () => {
    const learner = await createTestUser({ locale: "id" });
    const trainer = await createTestUser({ role: "trainer", locale: "en" });
    const { mod, task, submission } = await handInVoiceGuide(learner.id);
    const decided = await decideSubmission(
      trainer,
      submission.id,
      mod,
      task,
      {
        decision: "changes-requested",
        levels: { audience: 1, tone: 2 },
        comments: { audience: "Name the readers you mean.", tone: "Warm enough." },
        overall: "Almost there: say who you write for.\nThen hand it in again.",
      },
      T0,
    );
    expect(decided).toMatchObject({ ok: true });

    // The page's data: the newest version's review, before anything else the page lists.
    const cookie = await sessionCookie(learner.id);
    const page = unwrap(
      await taskRoute.loader(
        routeArgs(makeRequest("/learn/practice-module/tasks/voice-guide", { cookie }), { module: "practice-module", task: "voice-guide" }) as never,
      ),
    ).data as { state: string; feedback: { version: number; review: { overallComment: string; decision: string } } | null };
    expect(page.state).toBe("changes-requested");
    expect(page.feedback).toMatchObject({
      version: 1,
      review: { decision: "changes-requested", overallComment: "Almost there: say who you write for.\nThen hand it in again." },
    });

    // The in-app notice quotes the overall comment.
    const notice = (await getDb().select().from(notifications).where(eq(notifications.userId, learner.id)))[0]!;
    expect(notice.kind).toBe("review_done");
    expect(notice.body).toContain("perlu diperbaiki");
    expect(notice.body).toContain("Umpan balik dari penilai: “Almost there: say who you write for. Then hand it in again.”");

    // The mail quotes all of it, each criterion by its name in the learner's language.
    await drainOutbox(mailer, T0);
    const [mail] = mailbox.to(learner.email);
    expect(mail!.subject).toBe("Tugas praktik Anda untuk Modul praktik telah dinilai");
    const text = mail!.text!;
    expect(text).toContain("Umpan balik dari penilai:");
    expect(text).toContain("> Almost there: say who you write for.\n> Then hand it in again.");
    expect(text).toContain("> Memahami khalayak: Name the readers you mean.");
    expect(text.indexOf("Umpan balik dari penilai:")).toBeLessThan(text.indexOf("http://academy.test/learn/practice-module/tasks/voice-guide"));
    expect(mail!.html).toContain("<blockquote");
    expect(mail!.html).toContain("Memahami khalayak: Name the readers you mean.");
  });

  it("issues the certificate of an approval in the learner's saved language, not the reviewer's", async () => {
    const learner = await createTestUser({ locale: "id" });
    const mentor = await createMentor("Regency library friends", [{ moduleSlug: "tasks-only-module" }], { locale: "en" });
    const mod = await moduleBySlug("tasks-only-module");
    for (const task of mod.tasks) {
      const upload = task.submit.file
        ? { filename: "report.pdf", bytes: Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"), altText: null }
        : null;
      expect(await saveDraft(learner, mod, task, { text: "Our consent form, adapted.", link: null, removeFileIds: [], upload })).toEqual({
        ok: true,
      });
      expect(await submitWork(learner, mod, task)).toMatchObject({ ok: true });
      const sub = (await getDb().select().from(taskSubmissions)).find((s) => s.userId === learner.id && s.taskSlug === task.slug)!;
      const levels = Object.fromEntries(task.rubric.map((c) => [c.id, c.levels.length]));
      const comments = Object.fromEntries(task.rubric.map((c) => [c.id, "Good."]));
      expect(await decideSubmission(mentor, sub.id, mod, task, { decision: "approved", levels, comments, overall: "Well done." }, T0)).toMatchObject({
        ok: true,
      });
    }
    const [cert] = await getDb().select().from(certificates).where(eq(certificates.userId, learner.id));
    expect(cert).toMatchObject({ locale: "id", moduleTitle: "Modul hanya tugas" });
  });
});

describe("handed-in pictures", () => {
  const imageOf = async (userId: string, cookieOf: string, fileId: string) =>
    (await run(() => imageRoute.loader(routeArgs(makeRequest(`/submission-images/${fileId}`, { cookie: cookieOf }), { fileId }) as never)))
      .value as Response;

  it("shows a mentor in scope the stored, re-encoded picture inline, with restrictive headers; others get 404", async () => {
    const north = await createOrgUnit("North branch");
    const south = await createOrgUnit("South branch");
    const learner = await createTestUser({ orgUnitId: north.id });
    const phone = await jpegWithGps();
    await handInVoiceGuide(learner.id, { filename: "poster photo.jpg", bytes: phone, altText: "Our poster" });
    const file = (await getDb().select().from(submissionFiles)).find((f) => f.originalName === "poster photo.jpg")!;
    const stored = fs.readFileSync(path.join(uploadsDir(), file.storedName));

    const inScope = await createMentor("Library friends", [{ moduleSlug: "practice-module", orgUnitId: north.id }]);
    const res = await imageOf(learner.id, await sessionCookie(inScope.id), file.id);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("image/jpeg");
    expect(res.headers.get("Content-Disposition")).toMatch(/^inline; filename="poster-photo\.jpg"/);
    expect(res.headers.get("Content-Security-Policy")).toBe("default-src 'none'; img-src 'self'; sandbox");
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("Cache-Control")).toBe("private, no-store");
    const body = Buffer.from(await res.arrayBuffer());
    // The stored bytes, not the upload: the phone's EXIF (camera, GPS) is gone.
    expect(body.equals(stored)).toBe(true);
    expect(body.equals(phone)).toBe(false);
    expect(body.includes(Buffer.from("PhoneMaker"))).toBe(false);
    expect((await fileTypeFromBuffer(body))?.mime).toBe("image/jpeg");

    // The learner and a trainer see it too.
    expect((await imageOf(learner.id, await sessionCookie(learner.id), file.id)).status).toBe(200);
    const trainer = await createTestUser({ role: "trainer" });
    expect((await imageOf(learner.id, await sessionCookie(trainer.id), file.id)).status).toBe(200);

    // Out of scope: another unit's mentor, another module's mentor, another learner.
    const otherUnit = await createMentor("Library friends", [{ moduleSlug: "practice-module", orgUnitId: south.id }]);
    const otherModule = await createMentor("Library friends", [{ moduleSlug: "tasks-only-module" }]);
    const colleague = await createTestUser({ orgUnitId: north.id });
    for (const outsider of [otherUnit, otherModule, colleague]) {
      expect((await imageOf(learner.id, await sessionCookie(outsider.id), file.id)).status, outsider.role).toBe(404);
    }
  });

  it("never serves a document inline, nor a draft picture to a reviewer", async () => {
    const learner = await createTestUser();
    const mod = await moduleBySlug("tasks-only-module");
    const report = mod.tasks.find((t) => t.slug === "monthly-report")!;
    const pdf = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
    await saveDraft(learner, mod, report, {
      text: null,
      link: null,
      removeFileIds: [],
      upload: { filename: "report.pdf", bytes: pdf, altText: null },
    });
    await submitWork(learner, mod, report);
    const doc = (await getDb().select().from(submissionFiles)).find((f) => f.originalName === "report.pdf" && f.kind === "file")!;
    const trainer = await createTestUser({ role: "trainer" });
    expect((await imageOf(learner.id, await sessionCookie(learner.id), doc.id)).status).toBe(404);
    expect((await imageOf(learner.id, await sessionCookie(trainer.id), doc.id)).status).toBe(404);

    // A row claiming to be an image whose stored bytes are not: refused, not sent as image/png.
    await getDb().update(submissionFiles).set({ kind: "image", mimeType: "image/png" }).where(eq(submissionFiles.id, doc.id));
    expect((await imageOf(learner.id, await sessionCookie(trainer.id), doc.id)).status).toBe(404);

    const drafter = await createTestUser();
    const voice = await moduleBySlug("practice-module");
    const task = voice.tasks.find((t) => t.slug === "voice-guide")!;
    await saveDraft(drafter, voice, task, {
      text: TEXT,
      link: null,
      removeFileIds: [],
      upload: { filename: "draft.jpg", bytes: await jpegWithGps(), altText: "Draft" },
    });
    const draft = (await getDb().select().from(submissionFiles)).find((f) => f.originalName === "draft.jpg")!;
    expect((await imageOf(drafter.id, await sessionCookie(trainer.id), draft.id)).status).toBe(404);
    expect((await imageOf(drafter.id, await sessionCookie(drafter.id), draft.id)).status).toBe(200);
  });
});
