// Issue 18's server-side gaps, at the level of routes and domain functions: redirect targets,
// the session cookie's lifetime, control characters, pruning, one immediate transaction per
// write, and prefetches that must not count as visits.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb, sqliteClient } from "~/db/client.server";
import { isPostgres } from "~/db/dialect";
import { lessonProgress, loginThrottles, orgUnits, sessions, ssoSpentStates, users, verifyRateLimits } from "~/db/schema";
import { pruneStale } from "~/auth/prune.server";
import { createSession, sessionCookieHeader, validateSession } from "~/auth/sessions.server";
import { recordLoginFailure, clearLoginFailures, THROTTLE_POLICY } from "~/auth/throttle.server";
import { consumeSetPasswordLink } from "~/account/password.server";
import { hitVerifyLimit } from "~/auth/rate-limit.server";
import { planImport } from "~/people/import.server";
import { createUser, setUserActive, updateUser } from "~/people/users.server";
import { seedDemoOrganisation } from "~/people/demo-seed.server";
import * as loginRoute from "~/routes/login";
import * as setLocaleRoute from "~/routes/set-locale";
import * as newUser from "~/routes/admin.users.new";
import * as orgUnitsRoute from "~/routes/admin.org-units";
import * as lessonRoute from "~/routes/learn.$module.$lesson";
import { createTestUser, makeRequest, routeArgs, run, sessionCookie, TEST_PASSWORD, unwrap } from "../setup/factories";

const NASTY_REDIRECTS = [
  "/learn\r\nSet-Cookie: x=1",
  "/learn\n",
  "/learn\u0000",
  "/learn\u2028x",
  "/learn\u00e9",
  `/${"a".repeat(10 * 1024 * 1024)}`,
];

function location(value: unknown) {
  expect(value).toBeInstanceOf(Response);
  const response = value as Response;
  expect(response.status).toBe(302);
  return response.headers.get("Location");
}

describe("redirectTo", () => {
  it("falls back to a safe page for control characters, non-ASCII and huge values on /set-locale", async () => {
    const user = await createTestUser();
    const cookie = await sessionCookie(user.id);
    for (const redirectTo of NASTY_REDIRECTS) {
      const { value } = await run(() =>
        setLocaleRoute.action(routeArgs(makeRequest("/set-locale", { cookie, form: { locale: "en", redirectTo } })) as never),
      );
      expect(location(value)).toBe("/");
    }
  });

  it("falls back on /login when already logged in, and after a correct password sends the cookie", async () => {
    const user = await createTestUser();
    const cookie = await sessionCookie(user.id);
    for (const redirectTo of NASTY_REDIRECTS.slice(0, 5)) {
      const { value } = await run(() =>
        loginRoute.loader(routeArgs(makeRequest(`/login?redirectTo=${encodeURIComponent(redirectTo)}`, { cookie })) as never),
      );
      // A staff member's home.
      expect(location(value)).toBe("/learn");
    }
    for (const redirectTo of NASTY_REDIRECTS) {
      const request = makeRequest("/login", { form: { email: user.email, password: TEST_PASSWORD, redirectTo } });
      const { value } = await run(() => loginRoute.action(routeArgs(request, {}, { clientIp: "10.18.0.1" }) as never));
      expect(location(value)).toBe("/learn");
      expect((value as Response).headers.get("Set-Cookie")).toMatch(/^academy_session=\w+/);
    }
  });

  it("keeps an ordinary path with its query", async () => {
    const user = await createTestUser();
    const request = makeRequest("/login", {
      form: { email: user.email, password: TEST_PASSWORD, redirectTo: "/hr/report?module=quick-module&q=%C3%A9" },
    });
    const { value } = await run(() => loginRoute.action(routeArgs(request, {}, { clientIp: "10.18.0.2" }) as never));
    expect(location(value)).toBe("/hr/report?module=quick-module&q=%C3%A9");
  });
});

describe("the session cookie", () => {
  it("is a browser-session cookie: no Max-Age, no Expires", async () => {
    const user = await createTestUser();
    const request = makeRequest("/login", { form: { email: user.email, password: TEST_PASSWORD, redirectTo: "/learn" } });
    const { value } = await run(() => loginRoute.action(routeArgs(request, {}, { clientIp: "10.18.0.3" }) as never));
    const header = (value as Response).headers.get("Set-Cookie")!;
    expect(header).toMatch(/^academy_session=\w+; Path=\/; HttpOnly; SameSite=Lax$/);
    expect(header).not.toMatch(/Max-Age|Expires/i);
    expect(sessionCookieHeader("abc")).not.toMatch(/Max-Age|Expires/i);
  });

  it("still ends on the server after the idle timeout, measured with the injectable clock", async () => {
    const user = await createTestUser();
    const t0 = new Date("2026-05-01T08:00:00Z");
    const session = await createSession(user.id, t0);
    expect((await validateSession(session.id, new Date(t0.getTime() + 23 * 3_600_000))).user?.id).toBe(user.id);
    // Used at 23 h, so renewed: a day from then.
    const renewedAt = new Date(t0.getTime() + 23 * 3_600_000);
    expect((await validateSession(session.id, new Date(renewedAt.getTime() + 23 * 3_600_000))).user?.id).toBe(user.id);
    const later = new Date(renewedAt.getTime() + 23 * 3_600_000 + 24 * 3_600_000 + 1000);
    expect(await validateSession(session.id, later)).toEqual({ session: null, user: null });
    expect((await getDb().select().from(sessions).where(eq(sessions.id, session.id)))[0]).toBeUndefined();
  });
});

describe("control characters", () => {
  it("are refused in names and staff numbers with a translated message naming the field", async () => {
    const hr = await createTestUser({ role: "hr" });
    const cookie = await sessionCookie(hr.id);
    const form = (over: Record<string, string>) => ({
      intent: "save",
      email: "ctrl@people.test",
      displayName: "Clean Name",
      staffNumber: "",
      role: "staff",
      orgUnitId: "",
      locale: "",
      ...over,
    });
    for (const [field, value] of [
      ["displayName", "Evil\u0000Name"],
      ["displayName", "Two\nLines"],
      ["staffNumber", "S1\t2"],
      ["staffNumber", "S\u001b[31m"],
    ] as const) {
      const result = unwrap(await newUser.action(routeArgs(makeRequest("/admin/users/new", { cookie, form: form({ [field]: value }) })) as never));
      expect(result.status).toBe(400);
      expect((result.data as { errors: Record<string, string> }).errors[field]).toBe("validation.controlChars");
    }
    expect((await getDb().select().from(users).where(eq(users.email, "ctrl@people.test")))[0]).toBeUndefined();
    const { en } = await import("~/i18n/en");
    const { id } = await import("~/i18n/id");
    expect(en["validation.controlChars"]).toMatch(/control characters/);
    expect(id["validation.controlChars"]).toMatch(/karakter kontrol/);
  });

  it("are refused in org unit names and codes", async () => {
    const admin = await createTestUser({ role: "admin" });
    const cookie = await sessionCookie(admin.id);
    for (const over of [{ name: "Unit\u0000X" }, { code: "C\r\nD" }]) {
      const form = { intent: "create", name: "Control Unit", code: "CU", parentId: "", ...over };
      const { value } = await run(() => orgUnitsRoute.action(routeArgs(makeRequest("/admin/org-units", { cookie, form })) as never));
      const result = unwrap(value);
      expect(result.status).toBe(400);
      expect(JSON.stringify(result.data)).toContain("validation.controlChars");
    }
    expect(await getDb().select().from(orgUnits).where(eq(orgUnits.name, "Control Unit"))).toEqual([]);
  });

  it("are refused in imported rows", async () => {
    const hr = await createTestUser({ role: "hr" });
    const plan = await planImport(hr, 'name,email,staff number\n"Bad\u0007Name",bad@import.test,S900\nGood Name,good@import.test,"S\u0000901"\n');
    expect(plan.rows.map((r) => r.problems.map((p) => [p.field, p.message]))).toEqual([
      [["name", "validation.controlChars"]],
      [["staffNumber", "validation.controlChars"]],
    ]);
  });
});

describe("pruning", () => {
  it("drops expired sessions and spent login counters, keeps live ones, in short batches", async () => {
    const user = await createTestUser();
    const now = new Date("2026-06-01T12:00:00Z");
    const db = getDb();
    const rows = Array.from({ length: 1200 }, (_, i) => ({ id: `old-${i}`, userId: user.id, expiresAt: Math.floor(now.getTime() / 1000) - 60 - i }));
    await db.insert(sessions).values(rows);
    const live = await createSession(user.id, now);
    const stale = new Date(now.getTime() - (THROTTLE_POLICY.windowMinutes + 1) * 60_000);
    for (let i = 0; i < 30; i++) await recordLoginFailure(`nobody${i}@prune.test`, "10.77.0.1", stale);
    await recordLoginFailure("recent@prune.test", "10.77.0.2", new Date(now.getTime() - 60_000));
    // A locked key stays until its lock ends, even when its last failure is old.
    await db.insert(loginThrottles).values({
      key: "email:locked@prune.test",
      failures: 10,
      firstFailureAt: stale,
      lastFailureAt: stale,
      lockedUntil: new Date(now.getTime() + 60_000),
    });

    const result = await pruneStale(now);
    expect(result.sessions).toBe(1200);
    expect(result.throttles).toBe(31); // 30 emails + their shared IP
    expect((await db.select().from(sessions).where(eq(sessions.userId, user.id))).map((s) => s.id)).toEqual([live.id]);
    const keys = (await db.select().from(loginThrottles)).map((r) => r.key).filter((k) => k.includes("prune") || k.includes("10.77"));
    expect(keys.sort()).toEqual(["email:locked@prune.test", "email:recent@prune.test", "ip:10.77.0.2"]);
    expect(await pruneStale(now)).toMatchObject({ sessions: 0, throttles: 0 });
  });

  it("drops used single sign-on states once their attempts would have expired", async () => {
    const now = new Date("2026-06-01T12:00:00Z");
    const db = getDb();
    await db.insert(ssoSpentStates).values([
      { stateHash: "gone", expiresAt: new Date(now.getTime() - 1) },
      { stateHash: "live", expiresAt: new Date(now.getTime() + 60_000) },
    ]);
    expect((await pruneStale(now)).ssoAttempts).toBe(1);
    expect(await db.select({ stateHash: ssoSpentStates.stateHash }).from(ssoSpentStates)).toEqual([{ stateHash: "live" }]);
  });

  it("forgets the /verify counters of clients idle since the last window", async () => {
    const windowStart = Date.parse("2026-03-02T10:01:00Z");
    for (let i = 0; i < 3; i++) await hitVerifyLimit(`10.0.${i}.1`, new Date(windowStart - 60_000));
    await hitVerifyLimit("10.0.9.1", new Date(windowStart));
    expect((await pruneStale(new Date(windowStart + 1))).verifyKeys).toBe(3);
    expect(await getDb().select({ key: verifyRateLimits.key }).from(verifyRateLimits)).toEqual([{ key: "10.0.9.1" }]);
  });
});

/**
 * Watches the app's SQLite connection: which transaction modes are used, and any write run
 * outside a transaction or inside a deferred one. writeTransaction opens its transactions with
 * `begin immediate` on the connection (app/db/transaction.server.ts); Drizzle prepares every
 * statement on it.
 */
function watchWrites() {
  const client = sqliteClient();
  const modes: string[] = [];
  const unsafe: string[] = [];
  let open: string | null = null;
  const originalExec = client.exec.bind(client);
  const originalPrepare = client.prepare.bind(client);
  client.exec = ((source: string) => {
    const begin = /^\s*begin\s*(deferred|immediate|exclusive)?/i.exec(source);
    if (begin) {
      open = (begin[1] ?? "deferred").toLowerCase();
      modes.push(open);
    } else if (/^\s*(commit|end|rollback)\s*$/i.test(source)) open = null;
    return originalExec(source);
  }) as typeof client.exec;
  client.prepare = ((sql: string) => {
    const statement = originalPrepare(sql);
    if (!/^\s*(insert|update|delete|replace)/i.test(sql)) return statement;
    for (const method of ["run", "get", "all"] as const) {
      const call = (statement[method] as (...a: unknown[]) => unknown).bind(statement);
      (statement as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
        if (!client.inTransaction || open !== "immediate") unsafe.push(sql.slice(0, 60));
        return call(...args);
      };
    }
    return statement;
  }) as typeof client.prepare;
  return {
    modes,
    unsafe,
    stop() {
      client.exec = originalExec as typeof client.exec;
      client.prepare = originalPrepare as typeof client.prepare;
    },
  };
}

// SQLite's transaction modes: on PostgreSQL every write transaction takes the one advisory write
// lock instead (app/db/transaction.server.ts), which the race tests exercise.
describe.skipIf(isPostgres)("writes in one immediate transaction each (SQLite's transaction modes)", () => {
  it("set-password token use, login bookkeeping, throttle, account changes and demo seeding", async () => {
    const admin = await createTestUser({ role: "admin" });
    const person = await createTestUser();
    await sessionCookie(person.id);
    const watch = watchWrites();
    try {
      const created = await createUser(admin as never, {
        email: "tx@people.test",
        displayName: "Tx Person",
        staffNumber: null,
        role: "staff",
        orgUnitId: null,
        locale: null,
      });
      if (!created.ok) throw new Error("not created");
      expect(await consumeSetPasswordLink(created.setPasswordUrl.split("/set-password/")[1]!, "a-long-password")).toBe(created.userId);
      const state = await recordLoginFailure("tx@people.test", "10.66.0.1");
      expect(state).toEqual({ locked: false, delayMs: 0 });
      await clearLoginFailures("tx@people.test");
      await setUserActive(admin as never, person.id, false);
      await setUserActive(admin as never, person.id, true);
      expect(
        await updateUser(admin as never, person.id, {
          email: person.email,
          displayName: "Renamed",
          staffNumber: person.staffNumber,
          role: "staff",
          orgUnitId: null,
          locale: null,
        }),
      ).toEqual({ ok: true });
      await seedDemoOrganisation(getDb());
    } finally {
      watch.stop();
    }
    expect(watch.unsafe).toEqual([]);
    expect(watch.modes.length).toBeGreaterThanOrEqual(8);
    expect(watch.modes.every((m) => m === "immediate")).toBe(true);
    // Deactivating ended the person's sessions in the same transaction.
    expect(await getDb().select().from(sessions).where(eq(sessions.userId, person.id))).toEqual([]);
  });
});

describe("the lesson page", () => {
  const progress = async (userId: string) =>
    await getDb()
      .select()
      .from(lessonProgress)
      .where(and(eq(lessonProgress.userId, userId), eq(lessonProgress.moduleSlug, "quick-module")));

  it("records nothing for a prefetch, and records a real visit", async () => {
    const user = await createTestUser();
    const cookie = await sessionCookie(user.id);
    const params = { module: "quick-module", lesson: "first-lesson" };
    const prefetches: Record<string, string>[] = [
      { "Sec-Purpose": "prefetch" },
      { Purpose: "prefetch" },
      { "X-Moz": "prefetch" },
      { "Sec-Purpose": "prefetch;prerender" },
    ];
    for (const headers of prefetches) {
      const { value } = await run(() =>
        lessonRoute.loader(routeArgs(makeRequest("/learn/quick-module/first-lesson.data", { cookie, headers }), params) as never),
      );
      expect(value).toMatchObject({ unavailable: false, slug: "first-lesson" });
    }
    expect(await progress(user.id)).toEqual([]);
    await run(() => lessonRoute.loader(routeArgs(makeRequest("/learn/quick-module/first-lesson", { cookie }), params) as never));
    expect(await progress(user.id)).toHaveLength(1);
  });
});
