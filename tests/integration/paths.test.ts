// Learning paths: assigning them, following them in order (enforced by the lesson and quiz
// routes), and the path certificate issued once when the last module is certified, races included.
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { User } from "lucia";
import { getContent } from "~/content/registry.server";
import { getDb } from "~/db/client.server";
import { auditEvents, certificates, outboxMessages, pathAssignments, pathCertificates } from "~/db/schema";
import { writeTransaction } from "~/db/transaction.server";
import { getOwnAttempt, startAttempt, submitAttempt } from "~/learning/quiz.server";
import { createPathAssignment, listPathAssignments, pathAssignmentsForUser, removePathAssignment } from "~/paths/assignments.server";
import { completePathsIfDone } from "~/paths/certificates.server";
import { pathOrder } from "~/paths/order";
import { moduleLock, myPaths, pathPage } from "~/paths/progress.server";
import { createAssignment } from "~/people/assignments.server";
import * as lessonRoute from "~/routes/learn.$module.$lesson";
import * as quizRoute from "~/routes/learn.$module.quiz._index";
import * as moduleRoute from "~/routes/learn.$module._index";
import { clockNow } from "~/utils/clock.server";
import { todayIn } from "~/utils/dates";
import { createOrgUnit, createTestUser, makeRequest, routeArgs, run, sessionCookie, unwrap } from "../setup/factories";
import { answerForm, completeAllLessons, moduleBySlug } from "../setup/learning";
import { expectDistinctBackends, fulfilled, race } from "../setup/race";

type TestUser = Awaited<ReturnType<typeof createTestUser>>;
const today = todayIn("UTC", clockNow());
const inDays = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
const proof = (ok: boolean, message: string) => expect(ok, message).toBe(true);

let hr: TestUser;
let branch: Awaited<ReturnType<typeof createOrgUnit>>;
let desk: Awaited<ReturnType<typeof createOrgUnit>>;

beforeAll(async () => {
  hr = await createTestUser({ role: "hr" });
  branch = await createOrgUnit("Path Branch");
  desk = await createOrgUnit("Path Desk", branch.id);
  const created = await createPathAssignment(
    hr as User,
    { intent: "create", pathSlug: "quick-start", targetType: "org_unit", orgUnitId: branch.id, dueDate: inDays(30) },
    await getContent(),
    today,
  );
  expect(created.ok).toBe(true);
});

/** Passes a module's quiz as a learner would: lessons, an attempt, every answer right. */
async function passModule(user: TestUser, slug: string) {
  const mod = await moduleBySlug(slug);
  await completeAllLessons(user.id, mod);
  const started = await startAttempt(user, mod);
  if (!started.ok) throw new Error(`could not start ${slug}: ${started.reason}`);
  const attempt = (await getOwnAttempt(user, started.attemptId, slug))!;
  const result = await submitAttempt(user, mod, attempt, answerForm(mod, attempt), "en");
  if (!result.ok || !result.passed) throw new Error(`did not pass ${slug}: ${JSON.stringify(result).slice(0, 300)}`);
}

const pathCertsOf = (userId: string) => getDb().select().from(pathCertificates).where(eq(pathCertificates.userId, userId));
const pathMails = (userId: string) =>
  getDb()
    .select()
    .from(outboxMessages)
    .where(and(eq(outboxMessages.userId, userId), eq(outboxMessages.kind, "path_certificate_issued")));

describe("the order rule", () => {
  it("locks every uncertified module after the first uncertified one, only in in-order paths", () => {
    const path = { moduleSlugs: ["a", "b", "c"], inOrder: true };
    expect(pathOrder(path, new Set())).toEqual({ locked: new Set(["b", "c"]), next: "a", done: 0, total: 3 });
    expect(pathOrder(path, new Set(["a", "c"]))).toEqual({ locked: new Set(), next: "b", done: 2, total: 3 });
    expect(pathOrder({ ...path, inOrder: false }, new Set(["a"])).locked.size).toBe(0);
    expect(pathOrder(path, new Set(["a", "b", "c"])).next).toBeNull();
  });
});

describe("assigning a path", () => {
  it("lists the assignment with its title and target, and records it in the audit log", async () => {
    const rows = await listPathAssignments(hr as User, await getContent(), "id");
    expect(rows.find((r) => r.target === "Path Branch")).toMatchObject({
      pathSlug: "quick-start",
      pathTitle: "Mulai cepat",
      targetType: "org_unit",
      dueDate: inDays(30),
    });
    const [event] = await getDb().select().from(auditEvents).where(eq(auditEvents.action, "path_assignment.create"));
    expect(event!.details).toMatchObject({ path: "quick-start", targetType: "org_unit", target: "Path Branch", dueDate: inDays(30) });
  });

  it("refuses an unknown path, a past due date, an unknown person and the same target twice", async () => {
    const state = await getContent();
    const base = { intent: "create" as const, targetType: "org_unit" as const, orgUnitId: branch.id, dueDate: inDays(5) };
    expect(await createPathAssignment(hr as User, { ...base, pathSlug: "nope" }, state, today)).toEqual({
      ok: false,
      field: "pathSlug",
      message: "paths.validation.unknownPath",
    });
    expect(await createPathAssignment(hr as User, { ...base, pathSlug: "any-order", dueDate: inDays(-1) }, state, today)).toMatchObject({
      ok: false,
      field: "dueDate",
    });
    expect(await createPathAssignment(hr as User, { ...base, pathSlug: "quick-start" }, state, today)).toMatchObject({
      ok: false,
      message: "validation.alreadyAssigned",
    });
    expect(
      await createPathAssignment(
        hr as User,
        { intent: "create", pathSlug: "any-order", targetType: "user", person: "nobody@x.test", dueDate: inDays(5) },
        state,
        today,
      ),
    ).toMatchObject({ ok: false, field: "person" });
    expect(await getDb().select().from(pathAssignments).where(eq(pathAssignments.pathSlug, "any-order"))).toEqual([]);
  });

  it("is refused to staff", async () => {
    const staff = await createTestUser();
    await expect(
      createPathAssignment(
        staff as User,
        { intent: "create", pathSlug: "any-order", targetType: "role", role: "staff", dueDate: inDays(5) },
        await getContent(),
        today,
      ),
    ).rejects.toBeInstanceOf(Response);
  });

  it("reaches people in the unit and its sub-units, and is gone once removed", async () => {
    const learner = await createTestUser({ orgUnitId: desk.id });
    expect((await pathAssignmentsForUser(learner)).get("quick-start")).toEqual({ pathSlug: "quick-start", dueDate: inDays(30) });
    const other = await createPathAssignment(
      hr as User,
      { intent: "create", pathSlug: "any-order", targetType: "user", person: learner.email, dueDate: inDays(3) },
      await getContent(),
      today,
    );
    expect(other.ok).toBe(true);
    expect([...(await pathAssignmentsForUser(learner)).keys()].sort()).toEqual(["any-order", "quick-start"]);
    expect(await removePathAssignment(hr as User, (other as { id: string }).id)).toBe(true);
    expect([...(await pathAssignmentsForUser(learner)).keys()]).toEqual(["quick-start"]);
    const [removed] = await getDb().select().from(auditEvents).where(eq(auditEvents.action, "path_assignment.delete"));
    expect(removed!.details).toMatchObject({ path: "any-order", target: learner.email });
  });
});

describe("following a path in order", () => {
  it("locks the second module until the first is certified, in the routes as well as on /learn", async () => {
    const learner = await createTestUser({ orgUnitId: desk.id });
    const cookie = await sessionCookie(learner.id);
    const state = await getContent();
    const [view] = await myPaths(learner as User, state, "en", "UTC");
    expect(view).toMatchObject({
      slug: "quick-start",
      done: 0,
      total: 2,
      next: { slug: "quick-module" },
      hours: 2.5,
      dueDate: inDays(30),
      certificate: null,
    });
    expect(view!.steps.map((s) => [s.slug, s.locked, s.next])).toEqual([
      ["quick-module", false, true],
      ["limited-module", true, false],
    ]);
    expect(await moduleLock(learner as User, state, "limited-module", "en")).toMatchObject({
      pathSlug: "quick-start",
      waitFor: { slug: "quick-module" },
    });
    const lessonSlug = state.modules.get("limited-module")!.lessons[0]!.slug;
    // A lesson page and a quiz start both go back to the module page, which says why.
    const lesson = await run(() =>
      lessonRoute.loader(
        routeArgs(makeRequest(`/learn/limited-module/${lessonSlug}`, { cookie }), { module: "limited-module", lesson: lessonSlug }) as never,
      ),
    );
    expect(lesson.thrown).toBe(true);
    expect((lesson.value as Response).headers.get("location")).toBe("/learn/limited-module");
    const quiz = await run(() =>
      quizRoute.action(
        routeArgs(makeRequest("/learn/limited-module/quiz", { cookie, form: { intent: "start" } }), { module: "limited-module" }) as never,
      ),
    );
    expect((quiz.value as Response).status).toBe(302);
    expect(await getDb().select().from(certificates).where(eq(certificates.userId, learner.id))).toEqual([]);
    const page = unwrap(await moduleRoute.loader(routeArgs(makeRequest("/learn/limited-module", { cookie }), { module: "limited-module" }) as never));
    expect(page.data).toMatchObject({ broken: true, lock: { pathSlug: "quick-start" } });
    const { default: _learn, ...learnRoute } = await import("~/routes/learn._index");
    const home = unwrap(await learnRoute.loader(routeArgs(makeRequest("/learn", { cookie })) as never)).data as {
      others: { slug: string; resumeTo: string; pathLocked: boolean }[];
      paths: { slug: string }[];
    };
    expect(home.paths.map((p) => p.slug)).toEqual(["quick-start"]);
    expect(home.others.find((c) => c.slug === "limited-module")).toMatchObject({ resumeTo: "/learn/limited-module", pathLocked: true });

    await passModule(learner, "quick-module");
    expect(await moduleLock(learner as User, state, "limited-module", "en")).toBeNull();
    const open = await run(() =>
      lessonRoute.loader(
        routeArgs(makeRequest(`/learn/limited-module/${lessonSlug}`, { cookie }), { module: "limited-module", lesson: lessonSlug }) as never,
      ),
    );
    expect(open.thrown).toBe(false);
    expect(await pathCertsOf(learner.id)).toEqual([]);

    await passModule(learner, "limited-module");
    const [cert] = await pathCertsOf(learner.id);
    expect(cert).toMatchObject({ pathSlug: "quick-start", pathTitle: "Quick start", hours: 2.5, holderName: learner.displayName });
    expect(cert!.modules.map((m) => [m.slug, m.hours])).toEqual([
      ["quick-module", 1],
      ["limited-module", 1.5],
    ]);
    expect(cert!.pathDescription).toBe("The quick module, then the limited one.");
    expect(await pathMails(learner.id)).toHaveLength(1);
    const done = await pathPage(learner as User, state, "quick-start", "en", "UTC");
    expect(done).toMatchObject({ done: 2, next: null, overdue: false, certificate: { code: cert!.code } });
  });

  it("does not lock a module HR also assigned on its own", async () => {
    const learner = await createTestUser({ orgUnitId: desk.id });
    const made = await createAssignment(
      hr as User,
      { intent: "create", moduleSlug: "limited-module", targetType: "user", person: learner.email, dueDate: inDays(7) },
      await getContent(),
      today,
    );
    expect(made.ok).toBe(true);
    expect(await moduleLock(learner as User, await getContent(), "limited-module", "en")).toBeNull();
    const [view] = await myPaths(learner as User, await getContent(), "en", "UTC");
    expect(view!.steps.find((s) => s.slug === "limited-module")!.locked).toBe(false);
    // A path nobody assigned this learner shows its order but locks nothing.
    const other = await pathPage((await createTestUser()) as User, await getContent(), "quick-start", "en", "UTC");
    expect(other!.steps.map((s) => s.locked)).toEqual([false, false]);
  });

  it("issues no path certificate to someone the path is not assigned to", async () => {
    const outsider = await createTestUser();
    await passModule(outsider, "quick-module");
    await passModule(outsider, "limited-module");
    expect(await getDb().select().from(certificates).where(eq(certificates.userId, outsider.id))).toHaveLength(2);
    expect(await pathCertsOf(outsider.id)).toEqual([]);
  });
});

describe("path certificates under races", () => {
  it("the last two modules certified at once issue the path certificate exactly once", async () => {
    const learner = await createTestUser({ orgUnitId: desk.id });
    // any-order has no lock, so both quizzes can be open together.
    const assigned = await createPathAssignment(
      hr as User,
      { intent: "create", pathSlug: "any-order", targetType: "user", person: learner.email, dueDate: inDays(9) },
      await getContent(),
      today,
    );
    expect(assigned.ok).toBe(true);
    const open = [];
    for (const slug of ["quick-module", "limited-module"]) {
      const mod = await moduleBySlug(slug);
      await completeAllLessons(learner.id, mod);
      const started = await startAttempt(learner, mod);
      if (!started.ok) throw new Error(started.reason);
      open.push({ mod, attempt: (await getOwnAttempt(learner, started.attemptId, slug))! });
    }
    // quick-start is assigned through the desk too, but its order does not matter once both are passed.
    const outcome = await race(
      open.map(
        ({ mod, attempt }) =>
          () =>
            submitAttempt(learner, mod, attempt, answerForm(mod, attempt), "en"),
      ),
    );
    expectDistinctBackends(outcome, proof);
    expect(fulfilled(outcome).every((r) => r.ok && r.passed)).toBe(true);
    const certs = await pathCertsOf(learner.id);
    expect(certs.map((c) => c.pathSlug).sort()).toEqual(["any-order", "quick-start"]);
    expect(await pathMails(learner.id)).toHaveLength(2);
  });

  it("replayed and racing issuance calls leave one row per person and path", async () => {
    const learner = await createTestUser({ orgUnitId: desk.id });
    await passModule(learner, "quick-module");
    await passModule(learner, "limited-module");
    const state = await getContent();
    const [first] = await pathCertsOf(learner.id);
    const outcome = await race(
      [0, 1, 2].map(
        () => () =>
          writeTransaction((tx) =>
            completePathsIfDone(tx, {
              userId: learner.id,
              moduleSlug: "limited-module",
              paths: state.paths.values(),
              modules: state.modules,
              now: clockNow(),
            }),
          ),
      ),
    );
    expectDistinctBackends(outcome, proof);
    expect(fulfilled(outcome).flat()).toEqual([]);
    expect(await pathCertsOf(learner.id)).toEqual([first]);
    expect(await pathMails(learner.id)).toHaveLength(1);
  });
});

describe("the HR path page", () => {
  it("assigns through the form, refuses bad input by field, and shows path progress", async () => {
    const { default: _page, ...hrPaths } = await import("~/routes/hr.paths");
    const cookie = await sessionCookie(hr.id);
    const post = (form: Record<string, string>) => run(() => hrPaths.action(routeArgs(makeRequest("/hr/paths", { cookie, form })) as never));
    const unit = await createOrgUnit("Form Branch");
    const bad = unwrap((await post({ intent: "create", pathSlug: "", targetType: "org_unit", orgUnitId: unit.id, dueDate: "2026-02-30" })).value);
    expect(bad).toMatchObject({ status: 400, data: { errors: { pathSlug: "validation.required" } } });
    expect((bad.data as { errors: Record<string, string> }).errors.dueDate).toBeTruthy();
    const ok = unwrap(
      (
        await post({
          intent: "create",
          pathSlug: "any-order",
          targetType: "org_unit",
          orgUnitId: unit.id,
          person: "",
          role: "staff",
          dueDate: inDays(20),
        })
      ).value,
    );
    expect(ok.status).toBe(200);
    const stored = await getDb().select().from(pathAssignments).where(eq(pathAssignments.targetOrgUnitId, unit.id));
    expect(stored.map((r) => [r.pathSlug, r.dueDate])).toEqual([["any-order", inDays(20)]]);
    await createTestUser({ orgUnitId: unit.id });
    const page = unwrap(await hrPaths.loader(routeArgs(makeRequest("/hr/paths", { cookie })) as never)).data as {
      progress: { slug: string; assigned: number; certified: number; hours: number }[];
    };
    const quick = page.progress.find((p) => p.slug === "quick-start")!;
    // Everyone in Path Branch and its desk; the learners above who finished it hold its certificate.
    expect(quick.certified).toBeGreaterThanOrEqual(2);
    expect(quick.assigned).toBeGreaterThan(quick.certified);
    expect(page.progress.find((p) => p.slug === "any-order")!.assigned).toBeGreaterThanOrEqual(2);
    const { default: _dash, ...dashboard } = await import("~/routes/hr.dashboard");
    const dash = unwrap(await dashboard.loader(routeArgs(makeRequest("/hr/dashboard", { cookie })) as never)).data as { paths: typeof page.progress };
    expect(dash.paths.find((p) => p.slug === "quick-start")).toEqual(quick);
    const { default: _report, ...report } = await import("~/routes/hr.report");
    const rec = unwrap(await report.loader(routeArgs(makeRequest("/hr/report", { cookie })) as never)).data as { paths: typeof page.progress };
    expect(rec.paths.find((p) => p.slug === "quick-start")).toEqual(quick);
    const removed = unwrap((await post({ intent: "remove", id: stored[0]!.id })).value);
    expect(removed.status).toBe(200);
    expect(await getDb().select().from(pathAssignments).where(eq(pathAssignments.targetOrgUnitId, unit.id))).toEqual([]);
  });
});

describe("the path certificate outside the app", () => {
  it("has a PDF for its holder only, a verify page listing its modules, and turns revoked with a module certificate", async () => {
    const { pdfText } = await import("../setup/pdf-read");
    const { revokeCertificate } = await import("~/certificates/manage.server");
    const pdfRoute = await import("~/routes/certificates.path.$id");
    const verifyRoute = await import("~/routes/verify.$code");
    const learner = await createTestUser({ orgUnitId: desk.id, displayName: "Siti Rahayu", locale: "id" });
    await passModule(learner, "quick-module");
    await passModule(learner, "limited-module");
    const [cert] = await pathCertsOf(learner.id);
    expect(cert!.pathTitle).toBe("Mulai cepat");

    const pdf = unwrap(
      await pdfRoute.loader(
        routeArgs(makeRequest(`/certificates/path/${cert!.id}`, { cookie: await sessionCookie(learner.id) }), { id: cert!.id }) as never,
      ),
    );
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    const res = (await pdfRoute.loader(
      routeArgs(makeRequest(`/certificates/path/${cert!.id}?lang=en`, { cookie: await sessionCookie(learner.id) }), { id: cert!.id }) as never,
    )) as Response;
    const text = await pdfText(new Uint8Array(await res.arrayBuffer()));
    expect(text).toContain("Siti Rahayu");
    expect(text).toContain("Quick start");
    expect(text).toContain(cert!.code);
    const stranger = await createTestUser();
    const strangerCookie = await sessionCookie(stranger.id);
    const denied = await run(() =>
      pdfRoute.loader(routeArgs(makeRequest(`/certificates/path/${cert!.id}`, { cookie: strangerCookie }), { id: cert!.id }) as never),
    );
    expect((denied.value as Response).status).toBe(404);

    const verify = async () =>
      unwrap(
        await verifyRoute.loader(
          routeArgs(
            makeRequest(`/verify/${cert!.code}?lang=en`),
            { code: cert!.code },
            { clientIp: `10.9.${Math.floor(Math.random() * 200)}.1` },
          ) as never,
        ),
      ).data as { kind: string; heading: string; facts: { label: string; value: string }[]; earned: string[] };
    const page = await verify();
    expect(page.kind).toBe("found");
    expect(page.heading).toBe("This certificate is valid");
    expect(page.facts.find((f) => f.label === "Learning path")!.value).toBe("Quick start");
    expect(page.facts.find((f) => f.label === "Lesson hours")!.value).toMatch(/2[.,]5 JP/);
    expect(page.earned).toHaveLength(2);
    expect(page.earned[0]).toMatch(/^Quick module \(certificate [A-Z0-9-]{19}\)$/);

    const revoked = await revokeCertificate(hr as User, { id: cert!.modules[0]!.certificateId, reason: "Test" });
    expect(revoked.ok).toBe(true);
    expect((await verify()).heading).toBe("This certificate has been revoked");
  });
});

describe("path reminders", () => {
  it("remind a week and a day before the due date, once each, in the person's language, never after the path certificate", async () => {
    const { runScheduler } = await import("~/notifications/scheduler.server");
    const { renderMessage } = await import("~/notifications/render.server");
    const { getConfig } = await import("~/config.server");
    const now = clockNow();
    const localToday = todayIn(getConfig().timeZone, now);
    const due = new Date(Date.parse(`${localToday}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
    const learner = await createTestUser({ locale: "id" });
    const finished = await createTestUser();
    for (const who of [learner, finished]) {
      const made = await createPathAssignment(
        hr as User,
        { intent: "create", pathSlug: "any-order", targetType: "user", person: who.email, dueDate: due },
        await getContent(),
        today,
      );
      expect(made.ok).toBe(true);
    }
    await passModule(finished, "quick-module");
    await passModule(finished, "limited-module");
    expect(await pathCertsOf(finished.id)).toHaveLength(1);
    const reminders = (userId: string) =>
      getDb()
        .select()
        .from(outboxMessages)
        .where(eq(outboxMessages.userId, userId))
        .then((rows) => rows.filter((r) => r.kind.startsWith("path_due")));

    await runScheduler(now, { ignoreHour: true });
    await runScheduler(now, { ignoreHour: true });
    const week = await reminders(learner.id);
    expect(week.map((r) => r.kind)).toEqual(["path_due_7d"]);
    expect(await reminders(finished.id)).toEqual([]);

    await runScheduler(new Date(now.getTime() + 6 * 86_400_000), { ignoreHour: true });
    expect((await reminders(learner.id)).map((r) => r.kind).sort()).toEqual(["path_due_1d", "path_due_7d"]);

    const mail = renderMessage(
      "path_due_7d",
      { path: { en: "Any order", id: "Urutan bebas" }, pathSlug: "any-order", dueDate: due, days: 7 },
      { name: "Siti", locale: "id" },
      null,
    );
    expect(mail.subject).toContain("Urutan bebas");
    expect(mail.link).toBe("/learn/paths/any-order");
    expect(mail.text).toContain("7 hari lagi");
  });
});
