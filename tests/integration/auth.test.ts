import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "~/db/client.server";
import { auditEvents, passwordTokens, sessions as sessionsTable, users } from "~/db/schema";
import { isAllowedOrigin } from "~/auth/csrf.server";
import { THROTTLE_POLICY } from "~/auth/throttle.server";
import { getLucia } from "~/auth/lucia.server";
import { requireCan } from "~/auth/policy.server";
import { requireUser } from "~/auth/session.server";
import { consumeSetPasswordLink } from "~/account/password.server";
import { findPasswordTokenUser } from "~/auth/password-tokens.server";
import { createUser, setUserActive } from "~/people/users.server";
import * as loginRoute from "~/routes/login";
import * as accountRoute from "~/routes/account";
import * as setPasswordRoute from "~/routes/set-password.$token";
import * as setLocaleRoute from "~/routes/set-locale";
import * as adminUsersNew from "~/routes/admin.users.new";
import { createTestUser, makeRequest, routeArgs, run, sessionCookie, TEST_PASSWORD, unwrap } from "../setup/factories";
import { clockNow, setClockSleep } from "~/utils/clock.server";

async function postLogin(email: string, password: string, ip = "10.0.0.1") {
  const request = makeRequest("/login", { form: { email, password, redirectTo: "/learn" } });
  return run(() => loginRoute.action(routeArgs(request, {}, { clientIp: ip }) as never));
}

describe("login", () => {
  it("logs in with the right password and sets an httpOnly, SameSite=Lax session cookie", async () => {
    const user = await createTestUser();
    const { value } = await postLogin(user.email, TEST_PASSWORD);
    const response = value as Response;
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/learn");
    const cookie = response.headers.get("Set-Cookie")!;
    expect(cookie).toMatch(/^academy_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    // Not production: no Secure flag needed on plain http in tests.
    expect(cookie).not.toMatch(/Secure/i);
  });

  it("answers a wrong password and an unknown email with the same generic message", async () => {
    const user = await createTestUser();
    const wrong = unwrap((await postLogin(user.email, "not-the-password", "10.1.0.1")).value);
    const unknown = unwrap((await postLogin("nobody@test.library", "whatever-it-is", "10.1.0.2")).value);
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(400);
    expect((wrong.data as { alert: string }).alert).toBe("The email address or the password is wrong.");
    expect((unknown.data as { alert: string }).alert).toBe((wrong.data as { alert: string }).alert);
  });

  it("points at the field for malformed input instead of failing", async () => {
    const res = unwrap((await postLogin("not an email", "")).value);
    expect(res.status).toBe(400);
    expect((res.data as { errors: Record<string, string> }).errors).toEqual({ email: "validation.email", password: "validation.required" });
  });

  it("matches the email case-insensitively", async () => {
    const user = await createTestUser();
    const { value } = await postLogin(user.email.toUpperCase(), TEST_PASSWORD);
    expect((value as Response).status).toBe(302);
  });

  it("throttles ten wrong passwords in a row, then refuses even the right one", async () => {
    const user = await createTestUser();
    // The clock's sleeper records each delay the login asks for instead of waiting it out.
    const delays: number[] = [];
    setClockSleep(async (ms) => void delays.push(ms));
    let last: ReturnType<typeof unwrap> | undefined;
    try {
      for (let i = 0; i < THROTTLE_POLICY.email.lockAfter; i++) {
        last = unwrap((await postLogin(user.email, `wrong-${i}`, `10.2.0.${i}`)).value);
      }
    } finally {
      setClockSleep(null);
    }
    // Answers after the fourth failure were slowed down, a step more each time (250 ms to 1,250 ms).
    expect(delays).toEqual([1, 2, 3, 4, 5].map((n) => n * THROTTLE_POLICY.stepMs));
    expect(delays.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1000);
    expect(last!.status).toBe(429);
    expect((last!.data as { alert: string }).alert).toMatch(/Too many failed attempts/);
    const right = unwrap((await postLogin(user.email, TEST_PASSWORD, "10.2.1.1")).value);
    expect(right.status).toBe(429);
  });

  it("refuses a deactivated account and ends its sessions", async () => {
    const admin = await createTestUser({ role: "admin" });
    const user = await createTestUser();
    const cookie = await sessionCookie(user.id);
    await setUserActive(admin as never, user.id, false);
    const res = unwrap((await postLogin(user.email, TEST_PASSWORD)).value);
    expect(res.status).toBe(400);
    expect((res.data as { alert: string }).alert).toMatch(/deactivated/);
    const { thrown, value } = await run(() => requireUser(makeRequest("/learn", { cookie })));
    expect(thrown).toBe(true);
    expect((value as Response).headers.get("Location")).toBe("/login?redirectTo=%2Flearn");
    expect(await getDb().select().from(sessionsTable).where(eq(sessionsTable.userId, user.id))).toEqual([]);
  });
});

describe("roles and sessions", () => {
  it("sends a visitor without a session to the login page, keeping where they were going", async () => {
    const { value } = await run(() => requireUser(makeRequest("/learn/some-module")));
    expect((value as Response).status).toBe(302);
    expect((value as Response).headers.get("Location")).toBe("/login?redirectTo=%2Flearn%2Fsome-module");
  });

  it("gives 403 to a role that may not open a page", async () => {
    const staff = await createTestUser({ role: "staff" });
    const { value } = await run(() => requireCan(makeRequest("/admin/users", { cookie: `academy_session=${"x"}` }), "audit.read"));
    expect((value as Response).status).toBe(302);
    const cookie = await sessionCookie(staff.id);
    const denied = await run(() => requireCan(makeRequest("/admin/users", { cookie }), "people.manage"));
    expect((denied.value as Response).status).toBe(403);
    const allowed = await requireCan(makeRequest("/learn", { cookie }), "learning.take");
    expect(allowed.id).toBe(staff.id);
  });

  it("stores the language a logged-in user picks", async () => {
    const user = await createTestUser({ locale: "en" });
    const cookie = await sessionCookie(user.id);
    const { value } = await run(() =>
      setLocaleRoute.action(routeArgs(makeRequest("/set-locale", { cookie, form: { locale: "id", redirectTo: "/learn" } })) as never),
    );
    expect((value as Response).headers.get("Location")).toBe("/learn");
    expect((await getDb().select().from(users).where(eq(users.id, user.id)))[0]!.locale).toBe("id");
    const bad = await run(() =>
      setLocaleRoute.action(routeArgs(makeRequest("/set-locale", { cookie, form: { locale: "fr", redirectTo: "//evil.example" } })) as never),
    );
    expect((bad.value as Response).status).toBe(400);
  });
});

describe("session expiry and renewal", () => {
  it("ends an idle session and extends an active one", async () => {
    const { sessions } = await import("~/db/schema");
    const user = await createTestUser();
    const lucia = getLucia();
    const idle = await lucia.createSession(user.id, {});
    await getDb()
      .update(sessions)
      .set({ expiresAt: Math.floor(clockNow().getTime() / 1000) - 60 })
      .where(eq(sessions.id, idle.id));
    const expired = await run(() => requireUser(makeRequest("/learn", { cookie: `academy_session=${idle.id}` })));
    expect((expired.value as Response).status).toBe(302);
    expect((expired.value as Response).headers.get("Set-Cookie")).toMatch(/academy_session=;/);

    // Past half of its 24 hours, a session in use is renewed for another full period.
    const active = await lucia.createSession(user.id, {});
    const soon = Math.floor(clockNow().getTime() / 1000) + 3600;
    await getDb().update(sessions).set({ expiresAt: soon }).where(eq(sessions.id, active.id));
    await requireUser(makeRequest("/learn", { cookie: `academy_session=${active.id}` }));
    const renewed = (await getDb().select().from(sessions).where(eq(sessions.id, active.id)))[0]!;
    expect(renewed.expiresAt).toBeGreaterThan(soon + 20 * 3600);
  });
});

describe("CSRF origin check", () => {
  const base = "http://academy.test";
  const post = (headers: Record<string, string>) => new Request(`${base}/login`, { method: "POST", headers });
  it("allows same-origin posts and GETs from anywhere", () => {
    expect(isAllowedOrigin(post({ Origin: base }), base)).toBe(true);
    expect(isAllowedOrigin(post({ Referer: `${base}/login` }), base)).toBe(true);
    expect(isAllowedOrigin(new Request(`${base}/learn`), base)).toBe(true);
  });
  it("refuses foreign, null and missing origins", () => {
    expect(isAllowedOrigin(post({ Origin: "https://evil.example" }), base)).toBe(false);
    expect(isAllowedOrigin(post({ Origin: "null" }), base)).toBe(false);
    expect(isAllowedOrigin(post({ Referer: "https://evil.example/x" }), base)).toBe(false);
    expect(isAllowedOrigin(post({}), base)).toBe(false);
  });
});

describe("accounts created by an admin", () => {
  it("get a set-password link that works once, within 7 days", async () => {
    const admin = await createTestUser({ role: "admin" });
    const cookie = await sessionCookie(admin.id);
    const request = makeRequest("/admin/users/new", {
      cookie,
      form: { email: "New.Person@Library.org", displayName: "Nguyễn Thị Ánh", staffNumber: "", role: "staff", orgUnitId: "", locale: "id" },
    });
    const created = unwrap(await adminUsersNew.action(routeArgs(request) as never)).data as { created: { url: string; userId: string } };
    const token = created.created.url.split("/set-password/")[1]!;
    expect(created.created.url.startsWith("http://academy.test/set-password/")).toBe(true);
    const row = (await getDb().select().from(users).where(eq(users.id, created.created.userId)))[0]!;
    expect(row.email).toBe("new.person@library.org");
    expect(row.passwordHash).toBeNull();
    expect((await getDb().select().from(auditEvents).where(eq(auditEvents.subjectId, row.id))).map((e) => e.action)).toContain("user.create");

    // Too short, then mismatched: field errors, token not spent.
    const short = unwrap(
      await setPasswordRoute.action(
        routeArgs(makeRequest(`/set-password/${token}`, { form: { password: "short", confirmPassword: "short" } }), { token }) as never,
      ),
    );
    expect((short.data as { errors: Record<string, string> }).errors.password).toBe("validation.passwordTooShort");
    const differ = unwrap(
      await setPasswordRoute.action(
        routeArgs(makeRequest(`/set-password/${token}`, { form: { password: "a-long-password", confirmPassword: "another-long-one" } }), {
          token,
        }) as never,
      ),
    );
    expect((differ.data as { errors: Record<string, string> }).errors.confirmPassword).toBe("validation.passwordsDiffer");

    const ok = (
      await run(() =>
        setPasswordRoute.action(
          routeArgs(makeRequest(`/set-password/${token}`, { form: { password: "a-long-password", confirmPassword: "a-long-password" } }), {
            token,
          }) as never,
        ),
      )
    ).value as Response;
    expect(ok.status).toBe(302);
    expect(ok.headers.get("Set-Cookie")).toMatch(/academy_session=/);
    // Single use.
    const again = unwrap(
      await setPasswordRoute.action(
        routeArgs(makeRequest(`/set-password/${token}`, { form: { password: "b-long-password", confirmPassword: "b-long-password" } }), {
          token,
        }) as never,
      ),
    );
    expect(again.status).toBe(410);
    const { value } = await postLogin("new.person@library.org", "a-long-password");
    expect((value as Response).status).toBe(302);
  });

  it("expire after 7 days", async () => {
    const admin = await createTestUser({ role: "admin" });
    const eightDaysAgo = new Date(clockNow().getTime() - 8 * 86_400_000);
    const result = await createUser(
      admin as never,
      { email: "late@library.org", displayName: "Late", staffNumber: null, role: "staff", orgUnitId: null, locale: null },
      eightDaysAgo,
    );
    if (!result.ok) throw new Error("not created");
    const token = result.setPasswordUrl.split("/set-password/")[1]!;
    expect(await findPasswordTokenUser(token)).toBeNull();
    expect(await consumeSetPasswordLink(token, "a-long-password")).toBeNull();
    expect((await getDb().select().from(passwordTokens).where(eq(passwordTokens.userId, result.userId)))[0]!.usedAt).toBeNull();
  });

  it("refuses an HR user creating an admin", async () => {
    const hr = await createTestUser({ role: "hr" });
    const cookie = await sessionCookie(hr.id);
    const request = makeRequest("/admin/users/new", {
      cookie,
      form: { email: "boss@library.org", displayName: "Boss", staffNumber: "", role: "admin", orgUnitId: "", locale: "" },
    });
    const { value } = await run(() => adminUsersNew.action(routeArgs(request) as never));
    expect((value as Response).status).toBe(403);
    expect((await getDb().select().from(users).where(eq(users.email, "boss@library.org")))[0]).toBeUndefined();
  });

  it("reports a taken email on its field", async () => {
    const admin = await createTestUser({ role: "admin" });
    const existing = await createTestUser();
    const cookie = await sessionCookie(admin.id);
    const request = makeRequest("/admin/users/new", {
      cookie,
      form: { email: existing.email.toUpperCase(), displayName: "Dup", staffNumber: "", role: "staff", orgUnitId: "", locale: "" },
    });
    const res = unwrap(await adminUsersNew.action(routeArgs(request) as never));
    expect(res.status).toBe(400);
    expect((res.data as { errors: Record<string, string> }).errors).toEqual({ email: "validation.emailTaken" });
  });
});

describe("change password", () => {
  it("checks the current password and ends the other sessions", async () => {
    const user = await createTestUser();
    const cookie = await sessionCookie(user.id);
    const other = await sessionCookie(user.id);
    const wrong = unwrap(
      await accountRoute.action(
        routeArgs(
          makeRequest("/account", {
            cookie,
            form: { currentPassword: "nope", password: "brand-new-password", confirmPassword: "brand-new-password" },
          }),
        ) as never,
      ),
    );
    expect((wrong.data as { errors: Record<string, string> }).errors).toEqual({ currentPassword: "validation.wrongPassword" });
    const ok = unwrap(
      await accountRoute.action(
        routeArgs(
          makeRequest("/account", {
            cookie,
            form: { currentPassword: TEST_PASSWORD, password: "brand-new-password", confirmPassword: "brand-new-password" },
          }),
        ) as never,
      ),
    );
    expect(ok.status).toBe(200);
    // Read from the table: Lucia's getUserSessions filters by the real clock, not clockNow().
    const sessions = await getDb().select().from(sessionsTable).where(eq(sessionsTable.userId, user.id));
    expect(sessions).toHaveLength(1);
    expect(`academy_session=${sessions[0]!.id}`).toBe(cookie);
    expect(other).not.toBe(cookie);
  });
});
