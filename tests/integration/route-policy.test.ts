// Every route module x every role against the one permission policy (app/auth/policy.ts): a role
// the table gives the route's capability gets past the guard, any other role gets 403, a visitor
// is sent to log in; and the navigation shows a role exactly the pages it may open. The expected
// answers come from POLICY itself, so changing a role there changes the guards, the nav and this
// test together.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { can, CAPABILITIES, HOMES, POLICY, type Capability } from "~/auth/policy";
import { ROLES, type Role } from "~/db/roles";
import { NAV_ITEMS, navItemsFor } from "~/components/nav";
import { createTestUser, makeRequest, routeArgs, run, sessionCookie } from "../setup/factories";

type Guard =
  /** anyone, logged in or not */
  | { public: true }
  /** the capability's roles; a visitor is sent to log in, or gets `anonymous` (a 404 for pictures); a logged-in role without it gets 403, or `denied` */
  | { capability: Capability; anonymous?: 404; denied?: 404 };

type Entry = { path: string; params?: Record<string, string> } & Guard;

/** Every file in app/routes, by file name. A new route fails the test until it is listed here. */
const ROUTES: Record<string, Entry> = {
  "$.tsx": { path: "/no-such-page", params: { "*": "no-such-page" }, public: true },
  "_index.tsx": { path: "/", public: true },
  "login.tsx": { path: "/login", public: true },
  "logout.tsx": { path: "/logout", public: true },
  "set-locale.tsx": { path: "/set-locale", public: true },
  "set-password.$token.tsx": { path: "/set-password/x", params: { token: "x" }, public: true },
  "verify._index.tsx": { path: "/verify", public: true },
  "verify.$code.tsx": { path: "/verify/X", params: { code: "X" }, public: true },
  "health.tsx": { path: "/health", public: true },
  "forgot-password.tsx": { path: "/forgot-password", public: true },
  "unsubscribe.$token.tsx": { path: "/unsubscribe/x", params: { token: "x" }, public: true },
  "notifications.tsx": { path: "/notifications", capability: "notifications.own" },
  "notifications_.$id.tsx": { path: "/notifications/x", params: { id: "x" }, capability: "notifications.own" },
  "admin.outbox.tsx": { path: "/admin/outbox", capability: "outbox.manage" },
  "hr.unit-leads.tsx": { path: "/hr/unit-leads", capability: "unit-leads.manage" },
  "auth.sso.tsx": { path: "/auth/sso", public: true },
  "auth.sso.callback.tsx": { path: "/auth/sso/callback", public: true },
  "templates._index.tsx": { path: "/templates", capability: "learning.take" },
  "templates.$file.tsx": { path: "/templates/x.docx", params: { file: "x.docx" }, capability: "learning.take" },
  "account.tsx": { path: "/account", capability: "account.own" },
  "learn._index.tsx": { path: "/learn", capability: "learning.take" },
  "learn.$module._index.tsx": { path: "/learn/quick-module", params: { module: "quick-module" }, capability: "learning.take" },
  "learn.$module.$lesson.tsx": {
    path: "/learn/quick-module/first-lesson",
    params: { module: "quick-module", lesson: "first-lesson" },
    capability: "learning.take",
  },
  "learn.$module.quiz._index.tsx": { path: "/learn/quick-module/quiz", params: { module: "quick-module" }, capability: "learning.take" },
  "learn.$module.quiz.$attemptId.tsx": {
    path: "/learn/quick-module/quiz/x",
    params: { module: "quick-module", attemptId: "x" },
    capability: "learning.take",
  },
  "content-assets.$module.$hash.$.tsx": {
    path: "/content-assets/quick-module/h/x.png",
    params: { module: "quick-module", hash: "h", "*": "x.png" },
    capability: "learning.take",
    anonymous: 404,
    denied: 404,
  },
  // A published lesson's compiled module is open to anyone; a draft's answers 404 without
  // content.preview (tests/e2e/lesson-modules.e2e.ts, with real module names).
  "lesson-code.$file.tsx": { path: "/lesson-code/x.js", params: { file: "x.js" }, public: true },
  // The browser's message catalogs: interface text, the same for everyone (tests/integration/i18n-catalog.test.ts).
  "i18n.$file.tsx": { path: "/i18n/en.common.x.json", params: { file: "en.common.x.json" }, public: true },
  "certificates._index.tsx": { path: "/certificates", capability: "certificates.own" },
  "certificates.$id.pdf.tsx": { path: "/certificates/x.pdf", params: { id: "x" }, capability: "certificates.own" },
  "certificates.path.$id.tsx": { path: "/certificates/path/x", params: { id: "x" }, capability: "certificates.own" },
  "content-events.tsx": { path: "/content-events", capability: "content.preview" },
  "content._index.tsx": { path: "/content", capability: "content.preview" },
  "content.$module._index.tsx": { path: "/content/quick-module", params: { module: "quick-module" }, capability: "content.preview" },
  "content.$module.$lesson.tsx": {
    path: "/content/quick-module/first-lesson",
    params: { module: "quick-module", lesson: "first-lesson" },
    capability: "content.preview",
  },
  "admin.users._index.tsx": { path: "/admin/users", capability: "people.manage" },
  "admin.users.new.tsx": { path: "/admin/users/new", capability: "people.manage" },
  "admin.users.$userId.tsx": { path: "/admin/users/someone", params: { userId: "someone" }, capability: "people.manage" },
  "hr.import.tsx": { path: "/hr/import", capability: "people.import" },
  "hr.import.links[.]csv.tsx": { path: "/hr/import/links.csv", capability: "people.import" },
  "hr.assignments.tsx": { path: "/hr/assignments", capability: "assignments.manage" },
  "hr.paths.tsx": { path: "/hr/paths", capability: "assignments.manage" },
  "learn.paths.$path.tsx": { path: "/learn/paths/quick-start", params: { path: "quick-start" }, capability: "learning.take" },
  "hr.report.tsx": { path: "/hr/report", capability: "reports.read" },
  "hr.report[.]csv.tsx": { path: "/hr/report.csv", capability: "reports.read" },
  "hr.report[.]xlsx.tsx": { path: "/hr/report.xlsx", capability: "reports.read" },
  "hr.dashboard.tsx": { path: "/hr/dashboard", capability: "reports.read" },
  "hr.certificates.tsx": { path: "/hr/certificates", capability: "certificates.manage" },
  "hr.certificates[.]zip.tsx": { path: "/hr/certificates.zip", capability: "certificates.manage" },
  "trainer.insight.tsx": { path: "/trainer/insight", capability: "insight.read" },
  "trainer.learners.tsx": { path: "/trainer/learners", capability: "learners.read" },
  "admin.org-units.tsx": { path: "/admin/org-units", capability: "org-units.manage" },
  "admin.audit.tsx": { path: "/admin/audit", capability: "audit.read" },
  "learn.$module.tasks.$task.tsx": {
    path: "/learn/quick-module/tasks/x",
    params: { module: "quick-module", task: "x" },
    capability: "learning.take",
  },
  "review._index.tsx": { path: "/review", capability: "reviews.review" },
  "review.$submissionId.tsx": { path: "/review/x", params: { submissionId: "x" }, capability: "reviews.review" },
  "submission-files.$fileId.tsx": { path: "/submission-files/x", params: { fileId: "x" }, capability: "submissions.files" },
  "submission-images.$fileId.tsx": { path: "/submission-images/x", params: { fileId: "x" }, capability: "submissions.files" },
  "admin.mentors.tsx": { path: "/admin/mentors", capability: "mentors.manage" },
  "sessions._index.tsx": { path: "/sessions", capability: "sessions.join" },
  "sessions.$id.tsx": { path: "/sessions/x", params: { id: "x" }, capability: "sessions.join" },
  "trainer.sessions._index.tsx": { path: "/trainer/sessions", capability: "sessions.manage" },
  "trainer.sessions.new.tsx": { path: "/trainer/sessions/new", capability: "sessions.manage" },
  "trainer.sessions.$id.tsx": { path: "/trainer/sessions/x", params: { id: "x" }, capability: "sessions.manage" },
  // Live sessions: attendance and feedback (tests/integration/session-attendance.test.ts has the scope and the rules).
  "host.sessions._index.tsx": { path: "/host/sessions", capability: "sessions.host" },
  "host.sessions.$id.tsx": { path: "/host/sessions/x", params: { id: "x" }, capability: "sessions.host" },
  "sessions_.$id_.check-in.tsx": { path: "/sessions/x/check-in", params: { id: "x" }, capability: "sessions.join" },
  "sessions_.$id_.feedback.tsx": { path: "/sessions/x/feedback", params: { id: "x" }, capability: "sessions.join" },
  "learn.$module.feedback.tsx": { path: "/learn/quick-module/feedback", params: { module: "quick-module" }, capability: "learning.take" },
  "trainer.feedback.tsx": { path: "/trainer/feedback", capability: "sessions.manage" },
};

type RouteModule = { loader?: (args: never) => unknown; action?: (args: never) => unknown };
const ROUTES_DIR = path.resolve(import.meta.dirname, "../../app/routes");
const load = (file: string) => import(/* @vite-ignore */ path.join(ROUTES_DIR, file)) as Promise<RouteModule>;

async function statusOf(fn: () => unknown) {
  const { value } = await run(fn);
  if (value instanceof Response) {
    // Read streamed exports to the end, so no export is left open when the file ends.
    await value.arrayBuffer().catch(() => {});
    return value.status;
  }
  return 200;
}

describe("the route x role table", () => {
  it("lists every route module", () => {
    const files = fs
      .readdirSync(ROUTES_DIR)
      .filter((f) => f.endsWith(".tsx"))
      .sort();
    expect(files).toEqual(Object.keys(ROUTES).sort());
  });

  it("names only capabilities of the policy, and every capability guards something", () => {
    const used = new Set(Object.values(ROUTES).flatMap((r) => ("capability" in r ? [r.capability] : [])));
    for (const c of used) expect(CAPABILITIES).toContain(c);
  });

  for (const role of ROLES) {
    it(`lets ${role} past exactly the guards POLICY gives it, GET and POST`, async () => {
      const user = await createTestUser({ role });
      const cookie = await sessionCookie(user.id);
      const answers: string[] = [];
      for (const [file, entry] of Object.entries(ROUTES)) {
        if (!("capability" in entry)) continue;
        const mod = await load(file);
        const allowed = (POLICY[entry.capability].roles as readonly Role[]).includes(role);
        expect(allowed).toBe(can({ role }, entry.capability));
        for (const kind of ["loader", "action"] as const) {
          const fn = mod[kind];
          if (!fn) continue;
          const request =
            kind === "loader" ? makeRequest(entry.path, { cookie }) : makeRequest(entry.path, { cookie, form: { intent: "no-such-intent" } });
          const status = await statusOf(() => fn(routeArgs(request, entry.params ?? {}) as never));
          if (allowed) expect(status, `${role} ${kind} ${file}`).not.toBe(403);
          else expect(status, `${role} ${kind} ${file}`).toBe(entry.denied ?? 403);
          answers.push(`${kind} ${file}`);
        }
      }
      expect(answers.length).toBeGreaterThan(30);
    });
  }

  it("sends a visitor without a session to log in on every guarded route", async () => {
    for (const [file, entry] of Object.entries(ROUTES)) {
      if (!("capability" in entry)) continue;
      const mod = await load(file);
      const { value } = await run(() => mod.loader!(routeArgs(makeRequest(entry.path), entry.params ?? {}) as never));
      const response = value as Response;
      if (entry.anonymous) {
        expect(response.status, file).toBe(entry.anonymous);
        continue;
      }
      expect(response.status, file).toBe(302);
      expect(response.headers.get("Location"), file).toMatch(/^\/login/);
    }
  });

  it("shows each role exactly the navigation entries whose page it may open", () => {
    const byPath = new Map(Object.values(ROUTES).map((r) => [r.path, r]));
    for (const item of NAV_ITEMS) {
      const route = byPath.get(item.to);
      expect(route && "capability" in route ? route.capability : null, item.to).toBe(item.capability);
    }
    for (const role of ROLES) {
      const allowed = NAV_ITEMS.filter((i) => (POLICY[i.capability].roles as readonly Role[]).includes(role)).map((i) => i.to);
      // The role's home leads (HOMES in the policy), the rest keep the table's order.
      const expected = [HOMES[role].to, ...allowed.filter((to) => to !== HOMES[role].to)];
      expect(
        navItemsFor(role).map((i) => i.to),
        role,
      ).toEqual(expected);
      const home = byPath.get(HOMES[role].to);
      expect(home && "capability" in home ? home.capability : null, `${role}'s home`).toBe(HOMES[role].capability);
    }
    // The drift the policy ended: HR may open the learners page, so HR sees it.
    expect(navItemsFor("hr").map((i) => i.to)).toContain("/trainer/learners");
  });
});
