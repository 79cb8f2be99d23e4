import "../setup/practice-env";
import fs from "node:fs";
import path from "node:path";
import os from "node:os";
import sharp from "sharp";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "~/db/client.server";
import { auditEvents, certificates, outboxMessages, submissionFiles, submissionVersions, taskReviews, taskSubmissions } from "~/db/schema";
import { loadContent } from "~/content/load.server";
import { startAttempt, submitAttempt } from "~/learning/quiz.server";
import { saveDraft, submitWork } from "~/practice/submissions.server";
import { claimSubmission, decideSubmission, reviewQueue, submissionForReader } from "~/practice/review.server";
import { uploadsDir } from "~/practice/uploads.server";
import * as taskRoute from "~/routes/learn.$module.tasks.$task";
import * as fileRoute from "~/routes/submission-files.$fileId";
import * as reviewRoute from "~/routes/review.$submissionId";
import * as queueRoute from "~/routes/review._index";
import * as myLearningRoute from "~/routes/learn._index";
import * as homeRoute from "~/routes/_index";
import * as reportRoute from "~/routes/hr.report";
import * as peopleRoute from "~/routes/admin.users._index";
import { createOrgUnit, createTestUser, makeRequest, routeArgs, run, sessionCookie, unwrap } from "../setup/factories";
import { answerForm, completeAllLessons, moduleBySlug } from "../setup/learning";
import { createMentor, jpegWithGps, multipartRequest, pngBytes } from "../setup/practice";
import { clockNow } from "~/utils/clock.server";
import { refusedAsDuplicate } from "../setup/db-errors";

const db = () => getDb();
const TEXT = "We talk to parents, students and retired readers: warm, plain, curious.";
const approveAll = (levels: Record<string, number>) => ({
  decision: "approved" as const,
  levels,
  comments: Object.fromEntries(Object.keys(levels).map((k) => [k, "Good work."])),
  overall: "Well done.",
});
const changes = (levels: Record<string, number>) => ({
  decision: "changes-requested" as const,
  levels,
  comments: Object.fromEntries(Object.keys(levels).map((k) => [k, "Say more."])),
  overall: "Almost there.",
});

async function handIn(userId: string, moduleSlug: string, taskSlug: string, text = TEXT) {
  const mod = await moduleBySlug(moduleSlug);
  const task = mod.tasks.find((t) => t.slug === taskSlug)!;
  const saved = await saveDraft({ id: userId }, mod, task, { text, link: null, removeFileIds: [], upload: null });
  expect(saved.ok).toBe(true);
  const submitted = await submitWork({ id: userId }, mod, task);
  expect(submitted).toMatchObject({ ok: true });
  return {
    mod,
    task,
    submission: (await db().select().from(taskSubmissions).where(eq(taskSubmissions.userId, userId))).find((s) => s.taskSlug === taskSlug)!,
  };
}

describe("tasks.yaml format", () => {
  it("loads the fixture tasks with their rubric, completion rule and a rubric hash", async () => {
    const mod = await moduleBySlug("practice-module");
    expect(mod.completion).toBe("both");
    expect(mod.tasks[0]).toMatchObject({
      slug: "voice-guide",
      version: 1,
      minLevel: 2,
      submit: { text: { min: 20, max: 2000 }, images: { min: 0, max: 2 } },
    });
    expect(mod.tasks[0]!.rubric.map((c) => c.levels.length)).toEqual([3, 2]);
    expect(mod.tasks[0]!.rubricHash).toMatch(/^[a-f0-9]{16}$/);
    expect((await moduleBySlug("quiz-only-module")).completion).toBe("quiz");
    expect((await moduleBySlug("tasks-only-module")).quiz).toBeNull();
  });

  it("reports mistakes with path:line messages", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "tasks-check-"));
    const dir = path.join(root, "c", "01-m");
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(root, "c", "course.yaml"), "slug: c\nstatus: published\ntitle: { en: C, id: C }\nsummary: { en: C, id: C }\n");
    fs.writeFileSync(
      path.join(dir, "module.yaml"),
      "slug: m\nstatus: published\nmajor_version: 1\ntitle: { en: M, id: M }\nsummary: { en: M, id: M }\nestimated_minutes: 5\npass_mark: 50\nmax_attempts: 1\ncooldown: 0\nreveal_answers: never\ncertificate_validity_months: none\ncompletion: tasks\n",
    );
    fs.writeFileSync(path.join(dir, "01-a.en.mdx"), "---\ntitle: A\nminutes: 1\n---\n\nText.\n");
    fs.writeFileSync(
      path.join(dir, "tasks.yaml"),
      [
        "tasks:",
        "  - slug: Bad Slug",
        "    version: 1",
        "    title: { en: T }",
        "    instructions: { en: I, id: I }",
        "    submit: {}",
        "    rubric:",
        "      - id: a",
        "        title: { en: A, id: A }",
        "        levels:",
        "          - points: 0",
        "            descriptor: { en: x, id: x }",
        "    pass: { min_level: 1 }",
        "",
      ].join("\n"),
    );
    const messages = loadContent(root)
      .problems.filter((p) => p.file.endsWith("tasks.yaml"))
      .map((p) => `${p.line}: ${p.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^2: .*slug: must be lower-case/),
        expect.stringMatching(/^4: `id` is missing \(tasks → #1 → title\)/),
        expect.stringMatching(/^6: .*submit needs at least one/),
        expect.stringMatching(/^11: .*at least 2 levels/),
      ]),
    );
  });
});

describe("staff flow", () => {
  it("saves a draft, refuses an incomplete hand-in naming the field, keeps every version unchanged", async () => {
    const user = await createTestUser();
    const mod = await moduleBySlug("practice-module");
    const task = mod.tasks[0]!;
    expect(await saveDraft(user, mod, task, { text: "short", link: null, removeFileIds: [], upload: null })).toEqual({ ok: true });
    const refused = await submitWork(user, mod, task);
    expect(refused).toMatchObject({ ok: false, errors: { text: { key: "practice.error.textTooShort", vars: { min: 20, count: 5 } } } });
    await saveDraft(user, mod, task, { text: TEXT, link: null, removeFileIds: [], upload: null });
    expect(await submitWork(user, mod, task)).toEqual({ ok: true, version: 1 });
    // A double submit adds nothing.
    expect(await submitWork(user, mod, task)).toEqual({ ok: false, reason: "not-editable" });
    expect(await saveDraft(user, mod, task, { text: "changed", link: null, removeFileIds: [], upload: null })).toMatchObject({ ok: false });
    const sub = (await db().select().from(taskSubmissions).where(eq(taskSubmissions.userId, user.id)))[0]!;
    expect(await db().select().from(submissionVersions).where(eq(submissionVersions.submissionId, sub.id))).toHaveLength(1);

    const trainer = await createTestUser({ role: "trainer" });
    expect(await decideSubmission(trainer, sub.id, mod, task, changes({ audience: 1, tone: 1 }))).toEqual({ ok: true, certificateId: null });
    await saveDraft(user, mod, task, { text: `${TEXT} Also: we answer within a day.`, link: null, removeFileIds: [], upload: null });
    expect(await submitWork(user, mod, task)).toEqual({ ok: true, version: 2 });
    const versions = (await db().select().from(submissionVersions).where(eq(submissionVersions.submissionId, sub.id))).sort(
      (a, b) => a.version - b.version,
    );
    expect(versions.map((v) => v.text)).toEqual([TEXT, `${TEXT} Also: we answer within a day.`]);
    expect(versions[0]).toMatchObject({ taskVersion: 1, rubricHash: task.rubricHash });
  });
});

describe("reviews", () => {
  it("lists the queue oldest first with waiting time, filtered by module and unit", async () => {
    const unitA = await createOrgUnit("Queue branch A");
    const unitB = await createOrgUnit("Queue branch B");
    const a = await createTestUser({ orgUnitId: unitA.id });
    const b = await createTestUser({ orgUnitId: unitB.id });
    const first = await handIn(a.id, "practice-module", "voice-guide");
    const second = await handIn(b.id, "tasks-only-module", "photo-consent");
    const trainer = await createTestUser({ role: "trainer" });
    const later = new Date(clockNow().getTime() + 3 * 3_600_000);
    const queue = (await reviewQueue(trainer, {}, later)).rows.filter((r) => r.id === first.submission.id || r.id === second.submission.id);
    expect(queue.map((r) => r.id)).toEqual([first.submission.id, second.submission.id]);
    expect(queue[0]!.waitingMs).toBeGreaterThanOrEqual(3 * 3_600_000 - 60_000);
    expect((await reviewQueue(trainer, { module: "tasks-only-module" })).rows.map((r) => r.id)).toContain(second.submission.id);
    expect((await reviewQueue(trainer, { module: "tasks-only-module" })).rows.map((r) => r.id)).not.toContain(first.submission.id);
    expect((await reviewQueue(trainer, { unit: unitA.id })).rows.map((r) => r.id)).toEqual([first.submission.id]);
  });

  it("claims expire; someone else's live claim blocks deciding", async () => {
    const user = await createTestUser();
    const { mod, task, submission } = await handIn(user.id, "practice-module", "voice-guide");
    const t1 = await createTestUser({ role: "trainer" });
    const t2 = await createTestUser({ role: "trainer" });
    const now = clockNow();
    expect(await claimSubmission(t1, submission.id, now)).toMatchObject({ ok: true });
    expect(await claimSubmission(t2, submission.id, now)).toEqual({ ok: false, reason: "taken" });
    expect(await decideSubmission(t2, submission.id, mod, task, approveAll({ audience: 3, tone: 2 }), now)).toEqual({ ok: false, reason: "taken" });
    const afterExpiry = new Date(now.getTime() + 31 * 60_000);
    expect(await claimSubmission(t2, submission.id, afterExpiry)).toMatchObject({ ok: true });
    expect((await submissionForReader(t2, submission.id, afterExpiry)).claim).toMatchObject({ byMe: true });
  });

  it("two reviewers deciding at once settle to one decision, and it is audited", async () => {
    const user = await createTestUser();
    const { mod, task, submission } = await handIn(user.id, "practice-module", "voice-guide");
    const t1 = await createTestUser({ role: "trainer" });
    const t2 = await createTestUser({ role: "admin" });
    const results = await Promise.all([
      Promise.resolve().then(() => decideSubmission(t1, submission.id, mod, task, changes({ audience: 2, tone: 1 }))),
      Promise.resolve().then(() => decideSubmission(t2, submission.id, mod, task, changes({ audience: 1, tone: 1 }))),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toEqual({ ok: false, reason: "already-decided" });
    expect(await db().select().from(taskReviews).where(eq(taskReviews.submissionId, submission.id))).toHaveLength(1);
    // The unique index itself refuses a second decision on the version, whatever the code path.
    const review = (await db().select().from(taskReviews).where(eq(taskReviews.submissionId, submission.id)))[0]!;
    await refusedAsDuplicate(
      db()
        .insert(taskReviews)
        .values({ ...review, id: "second" }),
    );
    const audit = await db().select().from(auditEvents).where(eq(auditEvents.subjectId, submission.id));
    expect(audit.map((e) => e.action)).toEqual(["review.request_changes"]);
  });

  it("tells the reviewers in scope that work is waiting, and the learner when it is decided", async () => {
    const unit = await createOrgUnit("Notice branch");
    const other = await createOrgUnit("Other branch");
    const learner = await createTestUser({ orgUnitId: unit.id, locale: "id" });
    const trainer = await createTestUser({ role: "trainer", locale: "en" });
    const inScopeMentor = await createMentor("Diskominfo", [{ moduleSlug: "practice-module", orgUnitId: unit.id }]);
    const otherUnitMentor = await createMentor("Kampus", [{ moduleSlug: "practice-module", orgUnitId: other.id }]);
    const otherModuleMentor = await createMentor("Kreator", [{ moduleSlug: "tasks-only-module" }]);
    const { mod, task, submission } = await handIn(learner.id, "practice-module", "voice-guide");
    const waiting = async (id: string) =>
      (await db().select().from(outboxMessages).where(eq(outboxMessages.userId, id))).filter((m) => m.kind === "submission_waiting");
    expect(await waiting(trainer.id)).toHaveLength(1);
    expect((await waiting(trainer.id))[0]!.textBody).toContain(`/review/${submission.id}`);
    expect(await waiting(inScopeMentor.id)).toHaveLength(1);
    expect(await waiting(otherUnitMentor.id)).toEqual([]);
    expect(await waiting(otherModuleMentor.id)).toEqual([]);
    expect(await waiting(learner.id)).toEqual([]);

    expect(await decideSubmission(trainer, submission.id, mod, task, changes({ audience: 2, tone: 1 }))).toMatchObject({ ok: true });
    const done = (await db().select().from(outboxMessages).where(eq(outboxMessages.userId, learner.id))).filter((m) => m.kind === "review_done");
    expect(done).toHaveLength(1);
    expect(done[0]!.textBody).toContain("perlu diperbaiki");
    expect(done[0]!.textBody).toContain("/learn/practice-module/tasks/voice-guide");
  });

  it("refuses an approval below the pass level", async () => {
    const user = await createTestUser();
    const { mod, task, submission } = await handIn(user.id, "practice-module", "voice-guide");
    const trainer = await createTestUser({ role: "trainer" });
    expect(await decideSubmission(trainer, submission.id, mod, task, approveAll({ audience: 1, tone: 2 }))).toEqual({
      ok: false,
      reason: "below-pass",
    });
  });
});

describe("completion rules", () => {
  it("quiz only: the quiz pass issues the certificate (tasks are not needed)", async () => {
    const user = await createTestUser();
    const mod = await moduleBySlug("quiz-only-module");
    await completeAllLessons(user.id, mod);
    const started = await startAttempt(user, mod);
    if (!started.ok) throw new Error("no attempt");
    const attempt = (await (await import("~/learning/quiz.server")).getOwnAttempt(user, started.attemptId, mod.slug))!;
    const result = await submitAttempt(user, mod, attempt, answerForm(mod, attempt), "en");
    expect(result).toMatchObject({ ok: true, passed: true });
    expect((result as { certificateId: string }).certificateId).toBeTruthy();
  });

  it("tasks only: the last approval issues the certificate once, naming the reviewer and organisation", async () => {
    const user = await createTestUser();
    const mentor = await createMentor("Regency communication office", [{ moduleSlug: "tasks-only-module" }], { displayName: "Mira Mentor" });
    const mod = await moduleBySlug("tasks-only-module");
    const consent = await handIn(user.id, "tasks-only-module", "photo-consent");
    const r1 = await decideSubmission(mentor, consent.submission.id, mod, consent.task, approveAll({ clarity: 2 }));
    expect(r1).toEqual({ ok: true, certificateId: null });
    // The report task needs a file.
    const report = mod.tasks.find((t) => t.slug === "monthly-report")!;
    const pdf = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
    expect(
      await saveDraft(user, mod, report, {
        text: null,
        link: null,
        removeFileIds: [],
        upload: { filename: "report.pdf", bytes: pdf, altText: null },
      }),
    ).toEqual({ ok: true });
    expect(await submitWork(user, mod, report)).toMatchObject({ ok: true });
    const sub = (await db().select().from(taskSubmissions)).find((s) => s.userId === user.id && s.taskSlug === "monthly-report")!;
    const r2 = await decideSubmission(mentor, sub.id, mod, report, approveAll({ numbers: 2 }));
    expect(r2.ok && r2.certificateId).toBeTruthy();
    const certs = await db().select().from(certificates).where(eq(certificates.userId, user.id));
    expect(certs).toHaveLength(1);
    expect(certs[0]!.attemptId).toBeNull();
    expect(certs[0]!.assessment).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          taskSlug: "monthly-report",
          taskVersion: 2,
          reviewerName: "Mira Mentor",
          reviewerOrganisation: "Regency communication office",
        }),
      ]),
    );
  });

  it("both: neither the quiz pass nor the approval alone issues; together they issue exactly one", async () => {
    const user = await createTestUser();
    const trainer = await createTestUser({ role: "trainer" });
    const mod = await moduleBySlug("practice-module");
    await completeAllLessons(user.id, mod);
    const started = await startAttempt(user, mod);
    if (!started.ok) throw new Error("no attempt");
    const { getOwnAttempt } = await import("~/learning/quiz.server");
    const attempt = (await getOwnAttempt(user, started.attemptId, mod.slug))!;
    expect(await submitAttempt(user, mod, attempt, answerForm(mod, attempt), "en")).toMatchObject({ ok: true, passed: true, certificateId: null });
    const { task, submission } = await handIn(user.id, "practice-module", "voice-guide");
    const decided = await decideSubmission(trainer, submission.id, mod, task, approveAll({ audience: 3, tone: 2 }));
    expect(decided.ok && decided.certificateId).toBeTruthy();
    const again = await decideSubmission(trainer, submission.id, mod, task, approveAll({ audience: 3, tone: 2 }));
    expect(again).toEqual({ ok: false, reason: "already-decided" });
    const certs = await db().select().from(certificates).where(eq(certificates.userId, user.id));
    expect(certs).toHaveLength(1);
    expect(certs[0]).toMatchObject({ attemptId: attempt.id });
    expect(certs[0]!.assessment![0]).toMatchObject({ taskSlug: "voice-guide", taskVersion: 1, rubricHash: task.rubricHash });
  });
});

describe("access matrix", () => {
  it("staff B cannot read staff A's work or files; mentors see only assigned modules and units; HR reads, cannot review", async () => {
    const north = await createOrgUnit("North branch");
    const south = await createOrgUnit("South branch");
    const a = await createTestUser({ orgUnitId: north.id });
    const b = await createTestUser({ orgUnitId: north.id });
    const mod = await moduleBySlug("practice-module");
    const task = mod.tasks[0]!;
    const jpeg = await jpegWithGps();
    await saveDraft(a, mod, task, {
      text: TEXT,
      link: null,
      removeFileIds: [],
      upload: { filename: "patrons.jpg", bytes: jpeg, altText: "Two readers at the counter" },
    });
    await submitWork(a, mod, task);
    const sub = (await db().select().from(taskSubmissions).where(eq(taskSubmissions.userId, a.id)))[0]!;
    const file = (await db().select().from(submissionFiles).where(eq(submissionFiles.submissionId, sub.id))).find((f) => f.versionId)!;

    const mentorNorth = await createMentor("University media department", [{ moduleSlug: "practice-module", orgUnitId: north.id }]);
    const mentorSouth = await createMentor("University media department", [{ moduleSlug: "practice-module", orgUnitId: south.id }]);
    const mentorOther = await createMentor("Local creator", [{ moduleSlug: "tasks-only-module" }]);
    const hr = await createTestUser({ role: "hr" });
    const admin = await createTestUser({ role: "admin" });
    const trainer = await createTestUser({ role: "trainer" });

    const fetchFile = async (userId: string) =>
      unwrap(
        (
          await run(async () =>
            fileRoute.loader(
              routeArgs(makeRequest(`/submission-files/${file.id}`, { cookie: await sessionCookie(userId) }), { fileId: file.id }) as never,
            ),
          )
        ).value,
      ).status;
    const openReview = async (userId: string) =>
      unwrap(
        (
          await run(async () =>
            reviewRoute.loader(
              routeArgs(makeRequest(`/review/${sub.id}`, { cookie: await sessionCookie(userId) }), { submissionId: sub.id }) as never,
            ),
          )
        ).value,
      ).status;

    expect(await fetchFile(a.id)).toBe(200);
    expect(await fetchFile(b.id)).toBe(404);
    expect(await fetchFile(mentorNorth.id)).toBe(200);
    expect(await fetchFile(mentorSouth.id)).toBe(404);
    expect(await fetchFile(mentorOther.id)).toBe(404);
    expect(await fetchFile(hr.id)).toBe(200);
    expect(await fetchFile(admin.id)).toBe(200);
    expect(await fetchFile(trainer.id)).toBe(200);

    expect(await openReview(mentorNorth.id)).toBe(200);
    expect(await openReview(mentorSouth.id)).toBe(404);
    expect(await openReview(b.id)).toBe(403);
    expect(await openReview(hr.id)).toBe(403);
    expect((await reviewQueue(mentorNorth, {})).rows.map((r) => r.id)).toContain(sub.id);
    expect((await reviewQueue(mentorSouth, {})).rows.map((r) => r.id)).not.toContain(sub.id);
    expect((await reviewQueue(mentorOther, {})).rows.map((r) => r.id)).not.toContain(sub.id);
    await expect(claimSubmission(mentorSouth, sub.id)).rejects.toThrow();

    // A mentor sees its queue and nothing else.
    const mentorCookie = await sessionCookie(mentorNorth.id);
    const home = await run(async () => homeRoute.loader(routeArgs(makeRequest("/", { cookie: mentorCookie })) as never));
    expect(unwrap(home.value).headers.get("Location")).toBe("/review");
    expect(
      unwrap((await run(async () => myLearningRoute.loader(routeArgs(makeRequest("/learn", { cookie: mentorCookie })) as never))).value).status,
    ).toBe(403);
    expect(
      unwrap((await run(async () => queueRoute.loader(routeArgs(makeRequest("/review", { cookie: mentorCookie })) as never))).value).status,
    ).toBe(200);
    expect(
      unwrap((await run(async () => reportRoute.loader(routeArgs(makeRequest("/hr/report", { cookie: mentorCookie })) as never))).value).status,
    ).toBe(403);
    expect(
      unwrap((await run(async () => peopleRoute.loader(routeArgs(makeRequest("/admin/users", { cookie: mentorCookie })) as never))).value).status,
    ).toBe(403);
    const taskPage = await run(async () =>
      taskRoute.loader(
        routeArgs(makeRequest("/learn/practice-module/tasks/voice-guide", { cookie: mentorCookie }), {
          module: "practice-module",
          task: "voice-guide",
        }) as never,
      ),
    );
    expect(unwrap(taskPage.value).status).toBe(403);
  });

  it("serves files as sandboxed attachments", async () => {
    const a = await createTestUser();
    const mod = await moduleBySlug("practice-module");
    await saveDraft(a, mod, mod.tasks[0]!, {
      text: TEXT,
      link: null,
      removeFileIds: [],
      upload: { filename: "<script>.png", bytes: await pngBytes(), altText: "A poster" },
    });
    const file = (await db().select().from(submissionFiles)).find((f) => f.originalName === "<script>.png")!;
    const res = (await fileRoute.loader(
      routeArgs(makeRequest(`/submission-files/${file.id}`, { cookie: await sessionCookie(a.id) }), { fileId: file.id }) as never,
    )) as Response;
    expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename="script\.png"/);
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("Content-Security-Policy")).toMatch(/^sandbox/);
    expect(res.headers.get("Content-Type")).toBe("image/png");
  });
});

describe("uploads", () => {
  const storedCount = () => (fs.existsSync(uploadsDir()) ? fs.readdirSync(uploadsDir()).length : 0);

  async function post(userId: string, file: { name: string; type: string; bytes: Uint8Array }, alt = "A photo", locale?: "id") {
    const cookie = await sessionCookie(userId);
    const request = multipartRequest("/learn/practice-module/tasks/voice-guide", cookie, { intent: "save", text: TEXT, alt }, file);
    if (locale) request.headers.set("Accept-Language", "id");
    const { value } = await run(async () => taskRoute.action(routeArgs(request, { module: "practice-module", task: "voice-guide" }) as never));
    return unwrap(value) as { status: number; data: { ok: boolean; errors?: Record<string, string> } };
  }

  it("strips EXIF GPS and camera details from a stored JPEG", async () => {
    const user = await createTestUser();
    const jpeg = await jpegWithGps();
    const before = await sharp(jpeg).metadata();
    expect(before.exif?.length, "the fixture carries EXIF").toBeGreaterThan(0);
    expect(jpeg.includes(Buffer.from("PhoneMaker"))).toBe(true);
    const res = await post(user.id, { name: "photo.jpg", type: "image/jpeg", bytes: jpeg });
    expect(res.status).toBe(302);
    const row = (await db().select().from(submissionFiles)).find((f) => f.originalName === "photo.jpg")!;
    const stored = fs.readFileSync(path.join(uploadsDir(), row.storedName));
    const after = await sharp(stored).metadata();
    expect(after.format).toBe("jpeg");
    expect(after.exif).toBeUndefined();
    expect(stored.includes(Buffer.from("PhoneMaker"))).toBe(false);
    expect(row.storedName).not.toContain("photo");
  });

  it("refuses SVG with a script, HTML renamed .png, an oversized file and a truncated image, in the user's language, storing nothing", async () => {
    const user = await createTestUser({ locale: "id" });
    const before = storedCount();
    const rowsBefore = (await db().select().from(submissionFiles)).length;
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const html = Buffer.from("<!doctype html><html><body><script>alert(1)</script></body></html>");
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 1);
    const jpeg = await jpegWithGps(400, 300);
    const truncated = jpeg.subarray(0, Math.floor(jpeg.length / 2));

    const svgRes = await post(user.id, { name: "logo.svg", type: "image/svg+xml", bytes: svg });
    expect(svgRes.status).toBe(400);
    expect(svgRes.data.errors?.upload).toMatch(/bukan gambar JPEG, PNG, atau WebP/);
    const htmlRes = await post(user.id, { name: "poster.png", type: "image/png", bytes: html });
    expect(htmlRes.data.errors?.upload).toMatch(/bukan gambar/);
    const bigRes = await post(user.id, { name: "huge.jpg", type: "image/jpeg", bytes: big });
    expect(bigRes.data.errors?.upload).toMatch(/lebih besar dari 10 MB/);
    const cutRes = await post(user.id, { name: "cut.jpg", type: "image/jpeg", bytes: truncated });
    expect(cutRes.data.errors?.upload).toMatch(/tidak dapat dibaca sepenuhnya/);
    const noAlt = await post(user.id, { name: "ok.png", type: "image/png", bytes: await pngBytes() }, "");
    expect(noAlt.data.errors?.alt).toMatch(/teks alternatif/);

    expect(storedCount()).toBe(before);
    expect((await db().select().from(submissionFiles)).length).toBe(rowsBefore);
  });

  it("English users get the English message", async () => {
    const user = await createTestUser({ locale: "en" });
    const res = await post(user.id, { name: "x.png", type: "image/png", bytes: Buffer.from("<html></html>") });
    expect(res.data.errors?.upload).toMatch(/not a JPEG, PNG or WebP image/);
  });
});

describe("figures for HR and trainers", () => {
  it("counts waiting work, the median review time and the spread over rubric levels", async () => {
    const { practiceFigures, rubricSpread, median } = await import("~/practice/stats.server");
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
    const unit = await createOrgUnit("Figures branch");
    const hr = await createTestUser({ role: "hr" });
    const trainer = await createTestUser({ role: "trainer" });
    const a = await createTestUser({ orgUnitId: unit.id });
    const b = await createTestUser({ orgUnitId: unit.id });
    const first = await handIn(a.id, "tasks-only-module", "photo-consent");
    await handIn(b.id, "tasks-only-module", "photo-consent");
    const decidedAt = new Date(first.submission.submittedAt!.getTime() + 2 * 3_600_000);
    await decideSubmission(trainer, first.submission.id, first.mod, first.task, changes({ clarity: 1 }), decidedAt);
    expect(await practiceFigures(hr, { orgUnitId: unit.id })).toMatchObject({
      waiting: 1,
      changesRequested: 1,
      approved: 0,
      decisions: 1,
      medianReviewMs: 2 * 3_600_000,
    });
    await expect(practiceFigures(trainer)).rejects.toThrow();
    const spread = await rubricSpread(trainer, [first.mod], "en");
    expect(spread[0]!.tasks.find((t) => t.slug === "photo-consent")!.criteria[0]!.counts[0]).toBeGreaterThanOrEqual(1);
  });
});
