// Certificates speak the learner's language (issue 26): issued in the learner's saved language
// whoever approves the task, downloadable in either language, and the verify page tells how it
// was earned in words. The PDF text is read back with pdftotext (poppler-utils).
import "../setup/practice-env";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getConfig } from "~/config.server";
import { getDb } from "~/db/client.server";
import { formatDate, formatPercent } from "~/i18n/format";
import { certificates, quizAttempts, taskSubmissions } from "~/db/schema";
import { getOwnAttempt, startAttempt, submitAttempt } from "~/learning/quiz.server";
import { saveDraft, submitWork } from "~/practice/submissions.server";
import { decideSubmission } from "~/practice/review.server";
import * as pdfRoute from "~/routes/certificates.$id.pdf";
import * as reviewRoute from "~/routes/review.$submissionId";
import * as verifyRoute from "~/routes/verify.$code";
import { createTestUser, makeRequest, routeArgs, run, sessionCookie, unwrap } from "../setup/factories";
import { answerForm, completeAllLessons, moduleBySlug } from "../setup/learning";
import { createMentor } from "../setup/practice";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "academy-cert-lang-"));
let n = 0;
function pdfText(bytes: Uint8Array) {
  const file = path.join(dir, `${++n}.pdf`);
  fs.writeFileSync(file, bytes);
  return execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
}

async function passQuiz(user: { id: string }, slug: string, uiLocale: "en" | "id") {
  const mod = await moduleBySlug(slug);
  await completeAllLessons(user.id, mod);
  const started = await startAttempt(user, mod);
  if (!started.ok) throw new Error(started.reason);
  const attempt = (await getOwnAttempt(user, started.attemptId, mod.slug))!;
  const result = await submitAttempt(user, mod, attempt, answerForm(mod, attempt), uiLocale);
  if (!result.ok || !result.passed) throw new Error("expected a pass");
  return { mod, attemptId: attempt.id, certificateId: result.certificateId };
}

async function handIn(user: { id: string }, slug: string, taskSlug: string) {
  const mod = await moduleBySlug(slug);
  const task = mod.tasks.find((t) => t.slug === taskSlug)!;
  expect(
    await saveDraft(user, mod, task, {
      text: "We talk to parents and students: warm, plain and curious.",
      link: null,
      removeFileIds: [],
      upload: null,
    }),
  ).toEqual({
    ok: true,
  });
  expect(await submitWork(user, mod, task)).toMatchObject({ ok: true });
  return (await getDb().select().from(taskSubmissions)).find((s) => s.userId === user.id && s.taskSlug === taskSlug)!;
}

async function pdf(userId: string, id: string, query = "") {
  const cookie = await sessionCookie(userId);
  const { value } = await run(() => pdfRoute.loader(routeArgs(makeRequest(`/certificates/${id}/pdf${query}`, { cookie }), { id }) as never));
  return value as Response;
}

async function verifyPage(code: string, query = "", ip = `198.51.100.${++n}`) {
  const { value } = await run(() =>
    verifyRoute.loader(
      routeArgs(makeRequest(`/verify/${code}${query}`, { headers: { "Accept-Language": "en" } }), { code }, { clientIp: ip }) as never,
    ),
  );
  return unwrap(value).data as {
    kind: string;
    lang: string;
    heading: string;
    facts: { label: string; value: string }[];
    earnedHeading: string;
    earned: string[];
  };
}

describe("a certificate issued on a mentor's approval", () => {
  it("is in the learner's saved language when an English-speaking mentor approves: PDF and verify page in Indonesian", async () => {
    const learner = await createTestUser({ displayName: "Sri Wahyuni", locale: "id" });
    const mentor = await createMentor("Dinas Kominfo", [{ moduleSlug: "practice-module" }], { displayName: "Mira Mentor", locale: "en" });
    // The learner takes the quiz with the site in English: their saved language still counts.
    const { mod, attemptId, certificateId } = await passQuiz(learner, "practice-module", "en");
    expect(certificateId).toBeNull();
    const submission = await handIn(learner, "practice-module", "voice-guide");

    // The mentor approves through the review page, with the site in English.
    const form = new URLSearchParams({
      decision: "approved",
      "level.audience": "3",
      "comment.audience": "Names parents and students.",
      "level.tone": "2",
      "comment.tone": "Warm and plain.",
      overall: "Ready to use.",
    });
    const cookie = await sessionCookie(mentor.id);
    const { value } = await run(() =>
      reviewRoute.action(
        routeArgs(makeRequest(`/review/${submission.id}`, { cookie, form: Object.fromEntries(form), headers: { "Accept-Language": "en" } }), {
          submissionId: submission.id,
        }) as never,
      ),
    );
    expect((value as Response).status).toBe(302);

    const cert = (await getDb().select().from(certificates).where(eq(certificates.userId, learner.id)))[0]!;
    expect(cert).toMatchObject({ locale: "id", moduleTitle: mod.title.id, attemptId });
    expect(cert.assessment![0]).toMatchObject({ reviewerName: "Mira Mentor", reviewerKind: "mentor" });

    const text = pdfText(new Uint8Array(await (await pdf(learner.id, cert.id)).arrayBuffer()));
    expect(text).toContain("Sri Wahyuni");
    expect(text).toContain(mod.title.id);
    expect(text).toContain("Tugas praktik dinilai oleh Mira Mentor (Dinas Kominfo)");
    expect(text).not.toContain("Certificate of completion");
    expect(text).not.toContain(mod.title.en);

    // The other language on request; a language that does not exist is a clear 400.
    const english = pdfText(new Uint8Array(await (await pdf(learner.id, cert.id, "?lang=en")).arrayBuffer()));
    expect(english).toContain("Certificate of completion");
    expect(english).toContain(mod.title.en);
    expect(english).toContain("Practical work assessed by Mira Mentor (Dinas Kominfo)");
    const bad = await pdf(learner.id, cert.id, "?lang=fr");
    expect(bad.status).toBe(400);
    expect(await bad.text()).toBe("Bahasa PDF sertifikat adalah en (bahasa Inggris) atau id (bahasa Indonesia).");

    // The verify page, opened by a visitor whose browser asks for English, is in Indonesian.
    const page = await verifyPage(cert.code);
    expect(page.kind).toBe("found");
    expect(page.lang).toBe("id");
    expect(page.heading).toBe("Sertifikat ini berlaku");
    expect(page.facts).toContainEqual({ label: "Modul", value: mod.title.id });
    expect(page.earnedHeading).toBe("Cara sertifikat ini diperoleh");
    const passedAt = (await getDb().select().from(quizAttempts).where(eq(quizAttempts.id, attemptId)))[0]!.submittedAt!;
    const tz = getConfig().timeZone;
    const task = mod.tasks.find((t) => t.slug === "voice-guide")!;
    expect(page.earned).toEqual([
      `Lulus kuis modul dengan nilai ${formatPercent("id", 100)} pada ${formatDate("id", passedAt, tz)}.`,
      `Tugas praktik “${task.title.id}”: dinilai oleh mentor, Mira Mentor (Dinas Kominfo), dan disetujui pada ${formatDate("id", cert.assessment![0]!.decidedAt, tz)}.`,
    ]);
    const json = JSON.stringify(page);
    expect(json).not.toContain(cert.assessment![0]!.rubricHash);
    expect(json).not.toContain(submission.id);
    expect(json).not.toContain(attemptId);
    expect(json).not.toMatch(/rubri[ck]/i);

    const inEnglish = await verifyPage(cert.code, "?lang=en");
    expect(inEnglish.lang).toBe("en");
    expect(inEnglish.earned[1]).toContain("reviewed by a mentor, Mira Mentor (Dinas Kominfo), and approved on");
  });

  it("says 'by a trainer' when a trainer approves, and uses the organisation's language for a learner with none saved", async () => {
    const learner = await createTestUser({ locale: null });
    const trainer = await createTestUser({ role: "trainer", displayName: "Tono Trainer", locale: "id" });
    const mod = await moduleBySlug("tasks-only-module");
    const consent = await handIn(learner, "tasks-only-module", "photo-consent");
    const task = mod.tasks.find((t) => t.slug === "photo-consent")!;
    expect(
      await decideSubmission(trainer, consent.id, mod, task, {
        decision: "approved",
        levels: { clarity: 2 },
        comments: { clarity: "Clear." },
        overall: "Good.",
      }),
    ).toMatchObject({
      ok: true,
    });
    // The module needs a second task (a PDF report) before it completes.
    const report = mod.tasks.find((t) => t.slug === "monthly-report")!;
    const bytes = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
    expect(
      await saveDraft(learner, mod, report, { text: null, link: null, removeFileIds: [], upload: { filename: "report.pdf", bytes, altText: null } }),
    ).toEqual({ ok: true });
    expect(await submitWork(learner, mod, report)).toMatchObject({ ok: true });
    const sub = (await getDb().select().from(taskSubmissions)).find((s) => s.userId === learner.id && s.taskSlug === "monthly-report")!;
    const decided = await decideSubmission(trainer, sub.id, mod, report, {
      decision: "approved",
      levels: { numbers: 2 },
      comments: { numbers: "Right." },
      overall: "Good.",
    });
    expect(decided.ok && decided.certificateId).toBeTruthy();
    const cert = (await getDb().select().from(certificates).where(eq(certificates.userId, learner.id)))[0]!;
    // The trainer's Indonesian does not count; the learner saved none: the organisation's language.
    expect(cert.locale).toBe("en");
    const page = await verifyPage(cert.code);
    // Tasks alone completed it: no quiz line.
    expect(page.earned).toHaveLength(2);
    for (const line of page.earned) expect(line).toMatch(/^Practical task “.+”: reviewed by a trainer, Tono Trainer, and approved on /);
  });

  it("a learner with no saved language gets the organisation's language, not the page's (ADR 0023)", async () => {
    // Sign-in saves a language (settleLocaleAtSignIn), so null only remains for someone who has not
    // signed in since the upgrade; the one rule for them is DEFAULT_LOCALE (en here), whatever page
    // language the quiz was taken in.
    const learner = await createTestUser({ locale: null });
    const { certificateId } = await passQuiz(learner, "quiz-only-module", "id");
    const cert = (await getDb().select().from(certificates).where(eq(certificates.id, certificateId!)))[0]!;
    expect(cert.locale).toBe("en");
    const page = await verifyPage(cert.code);
    expect(page.earned).toHaveLength(1);
    expect(page.earned[0]).toMatch(/^Passed the module's quiz with a score of 100\s?% on /);
  });
});
