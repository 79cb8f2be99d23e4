// Fills an e2e server's database with the demo organisation (scripts/demo.ts) and, for
// staff@demo.library, the states a learner's pages show: a quiz open in one module, a passed
// quiz with approved tasks and its certificate in another. It runs the app's own functions in
// this process against the server's database file (WAL: both connections see each other's
// writes), so the data is what real use produces, as in scripts/audit-pages.ts.
import type { TestServer } from "./harness";
import { E2E_CONTENT_CACHE, SHIPPED_CONTENT } from "./paths";

export type DemoPages = {
  /** a lesson of the module whose quiz is open */
  lesson: string;
  /** the open quiz attempt */
  quiz: string;
  /** the graded, passed attempt */
  result: string;
  /** a practical task with a saved draft, and its learner's email */
  task: { path: string; email: string };
  /** a submission waiting in the queue, not claimed */
  review: string;
  /** the upcoming live session the demo mentor hosts (staff@demo.library is registered) */
  session: string;
};

export async function seedDemo(server: TestServer): Promise<DemoPages> {
  // The app's config is read once per process: point it at the server's database and content first.
  Object.assign(process.env, { DATABASE_PATH: server.dbPath, CONTENT_DIR: SHIPPED_CONTENT, CONTENT_CACHE_DIR: E2E_CONTENT_CACHE, TIME_ZONE: "UTC" });
  const { resetConfig } = await import("~/config.server");
  resetConfig();
  const { getDb, closeDb } = await import("~/db/client.server");
  const { seedDemoOrganisation, seedDemoProgress } = await import("~/people/demo-seed.server");
  const { seedPracticeDemo } = await import("~/practice/demo-seed.server");
  const { getContent, visibleModules } = await import("~/content/registry.server");
  const { markLessonComplete } = await import("~/learning/progress.server");
  const { startAttempt, getOwnAttempt, submitAttempt } = await import("~/learning/quiz.server");
  const { saveDraft, submitWork, getSubmission } = await import("~/practice/submissions.server");
  const { decideSubmission } = await import("~/practice/review.server");
  const { users, taskSubmissions, reviewClaims, quizAttempts } = await import("~/db/schema");
  const { and, eq, isNull } = await import("drizzle-orm");

  const db = getDb();
  try {
    await seedDemoOrganisation(db);
    await seedDemoProgress(db);
    const practice = await seedPracticeDemo(db);
    const { seedSessionsDemo } = await import("~/sessions/demo-seed.server");
    const { liveSessions } = await import("~/db/schema");
    await seedSessionsDemo(db, server.now());
    const [live] = await db.select({ id: liveSessions.id }).from(liveSessions);
    if (!live) throw new Error("the sessions demo seeded no live session");
    if (practice.submissions === 0) throw new Error("the practice demo seeded no submissions");
    const staff = (await db.select().from(users).where(eq(users.email, "staff@demo.library")))[0]!;
    const trainer = (await db.select().from(users).where(eq(users.email, "trainer@demo.library")))[0]!;
    const visible = visibleModules(await getContent(), "staff");
    const textOnly = (m: (typeof visible)[number]) =>
      m.quiz !== null && m.tasks.every((t) => !t.submit.file?.required && !(t.submit.images && t.submit.images.min > 0) && !t.submit.link?.required);
    const second = visible.find(textOnly);
    const first = visible.find((m) => m !== second && m.quiz !== null);
    if (!first || !second) throw new Error("the demo needs two published modules with quizzes, one whose tasks take text alone");
    for (const m of [first, second]) for (const l of m.lessons) await markLessonComplete(staff.id, m.slug, l.slug, 5);
    const open = await startAttempt(staff, first);
    if (!open.ok) throw new Error(`could not open a quiz attempt: ${open.reason}`);
    // The draw is random: put the quiz's longest question (prompt and social post) first, so the
    // phone check measures the worst case every run, not whichever question came up.
    const weight = (q: NonNullable<typeof first.quiz>["questions"][number]) => JSON.stringify([q.prompt.en, q.post?.text ?? null]).length;
    const longest = [...first.quiz!.questions].sort((a, b) => weight(b) - weight(a))[0]!;
    const drawn = (await getOwnAttempt(staff, open.attemptId, first.slug))!.draw;
    const draw = [
      { questionId: longest.id, optionOrder: longest.options.map((_, i) => i) },
      ...drawn.filter((d) => d.questionId !== longest.id),
    ].slice(0, drawn.length);
    await db.update(quizAttempts).set({ draw }).where(eq(quizAttempts.id, open.attemptId));
    const passing = await startAttempt(staff, second);
    if (!passing.ok) throw new Error(`could not open a quiz attempt: ${passing.reason}`);
    const attempt = (await getOwnAttempt(staff, passing.attemptId, second.slug))!;
    const form = new FormData();
    for (const { questionId, optionOrder } of attempt.draw) {
      const q = second.quiz!.questions.find((x) => x.id === questionId)!;
      q.options.forEach((o, i) => o.correct && form.append(`q.${questionId}`, String(optionOrder.indexOf(i))));
    }
    await submitAttempt(staff, second, attempt, form, "en");
    for (const task of second.tasks) {
      const text = "We answer every comment within one working day, warmly and plainly, and move private matters to messages. ".repeat(20);
      await saveDraft(staff, second, task, {
        text: text.slice(0, Math.max(task.submit.text?.min ?? 200, 200)),
        link: null,
        removeFileIds: [],
        upload: null,
      });
      await submitWork(staff, second, task);
      await decideSubmission(trainer, (await getSubmission(db, staff.id, second.slug, task.slug))!.id, second, task, {
        decision: "approved",
        levels: Object.fromEntries(task.rubric.map((c) => [c.id, c.levels.length])),
        comments: Object.fromEntries(task.rubric.map((c) => [c.id, "Clear and specific."])),
        overall: "Ready.",
      });
    }
    // The practice demo leaves one learner with a draft and one submission waiting, unclaimed.
    const draft = (
      await db
        .select({ moduleSlug: taskSubmissions.moduleSlug, taskSlug: taskSubmissions.taskSlug, email: users.email })
        .from(taskSubmissions)
        .innerJoin(users, eq(users.id, taskSubmissions.userId))
        .where(eq(taskSubmissions.state, "draft"))
    )[0];
    const waiting = (
      await db
        .select({ id: taskSubmissions.id })
        .from(taskSubmissions)
        .leftJoin(reviewClaims, eq(reviewClaims.submissionId, taskSubmissions.id))
        .where(and(eq(taskSubmissions.state, "submitted"), isNull(reviewClaims.submissionId)))
    )[0];
    if (!draft || !waiting) {
      const states = await db.select({ state: taskSubmissions.state }).from(taskSubmissions);
      throw new Error(`the practice demo left no draft or no waiting submission: ${JSON.stringify(states)}`);
    }
    return {
      lesson: `/learn/${first.slug}/${first.lessons[0]!.slug}`,
      quiz: `/learn/${first.slug}/quiz/${open.attemptId}`,
      result: `/learn/${second.slug}/quiz/${passing.attemptId}`,
      task: { path: `/learn/${draft.moduleSlug}/tasks/${draft.taskSlug}`, email: draft.email },
      review: `/review/${waiting.id}`,
      session: `/sessions/${live.id}`,
    };
  } finally {
    await closeDb();
  }
}
