// Single sign-on against a real OpenID provider (oidc-provider) on loopback, in Chromium.
// Server A: linking only, password login for admins only. Server B: automatic creation with
// role and org unit from claims, restricted to one email domain.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { openPendingSso, sealPendingSso, ssoKeyFromSecret, type PendingSso } from "~/auth/sso-cookie.server";
import { createTestProvider, type TestProvider } from "../support/oidc-provider";
import { e2eEnabled, expectAccessible, hydrated, launchBrowser, login, newContext, PASSWORD, startServer, type TestServer } from "./harness";

const PROVIDER_NAME = "Kabupaten Account";
// Server A seals its sign-on cookie with this, so a test can play an attacker who could change it.
const COOKIE_SECRET = "e2e-sso-cookie-secret-0123456789abcdef";

/** Clicks the SSO button, signs in at the provider's development pages, and consents. */
async function ssoLogin(page: Page, baseUrl: string, accountId: string) {
  await page.goto(`${baseUrl}/login`);
  await page.getByRole("link", { name: new RegExp(`^(Log in with|Masuk dengan) ${PROVIDER_NAME}$`) }).click();
  await page.locator('input[name="login"]').fill(accountId);
  await page.locator('input[name="password"]').fill("any-password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL((u) => u.origin === baseUrl);
  await page.waitForLoadState();
  await hydrated(page);
}

function auditActions(server: TestServer, userId: string) {
  return (server.db.prepare("select action from audit_events where subject_id = ? order by created_at, id").all(userId) as { action: string }[]).map(
    (r) => r.action,
  );
}

describe.skipIf(!e2eEnabled)("single sign-on with OpenID Connect", () => {
  let browser: Browser;
  let provider: TestProvider;
  let serverA: TestServer;
  let serverB: TestServer;
  let providerB: TestProvider;

  beforeAll(async () => {
    [provider, providerB] = await Promise.all([createTestProvider(), createTestProvider()]);
    const ssoEnv = (p: TestProvider) => ({
      OIDC_ISSUER: p.issuer,
      OIDC_CLIENT_ID: p.clientId,
      OIDC_CLIENT_SECRET: p.clientSecret,
      OIDC_DISPLAY_NAME: PROVIDER_NAME,
    });
    [serverA, serverB, browser] = await Promise.all([
      startServer({ env: { ...ssoEnv(provider), PASSWORD_LOGIN: "admins-only", SSO_COOKIE_SECRET: COOKIE_SECRET } }),
      startServer({
        env: {
          ...ssoEnv(providerB),
          OIDC_SCOPES: "openid email profile groups",
          OIDC_AUTO_CREATE: "1",
          OIDC_ALLOWED_DOMAINS: "kab.go.id",
          OIDC_ROLE_CLAIM: "groups",
          OIDC_ROLE_MAP: "library-trainers=trainer",
          OIDC_ORG_UNIT_CLAIM: "unit",
        },
      }),
      launchBrowser(),
    ]);
    await providerB.start(serverB.url);
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all([provider?.stop(), providerB?.stop()]);
    await Promise.all([serverA?.stop(), serverB?.stop()]);
  });

  it("says the provider cannot be reached while it is down, and logs nobody in", async () => {
    // Provider A is not listening yet: discovery fails, and the next attempt tries again.
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${serverA.url}/login`);
    await page.getByRole("link", { name: `Log in with ${PROVIDER_NAME}` }).click();
    await page.waitForURL((u) => u.pathname === "/login" && u.searchParams.get("sso_error") === "unavailable");
    await expect(page.getByRole("alert").innerText()).resolves.toContain(`${PROVIDER_NAME} cannot be reached just now`);
    await expectAccessible(page);
    await context.close();
    await provider.start(serverA.url);
  });

  it("links an existing account on first login, and finds it again after an email change", async () => {
    const userId = await serverA.createUser({ email: "ana@kab.go.id", name: "Ana Librarian" });
    provider.accounts.set("ana-sub", { email: "ana@kab.go.id", name: "Ana L." });
    const context = await newContext(browser);
    const page = await context.newPage();
    await ssoLogin(page, serverA.url, "ana-sub");
    expect(new URL(page.url()).pathname).toBe("/learn");
    await expect(page.getByText("Ana Librarian").first().isVisible()).resolves.toBe(true);
    const link = serverA.db.prepare("select user_id, subject, email_at_link from user_identities where subject = ?").get("ana-sub");
    expect(link).toEqual({ user_id: userId, subject: "ana-sub", email_at_link: "ana@kab.go.id" });
    expect(auditActions(serverA, userId)).toEqual(["sso.link", "sso.login"]);
    await context.close();

    // The provider changes Ana's address: the stored link (issuer + subject) still finds her.
    provider.accounts.set("ana-sub", { email: "ana.renamed@kab.go.id", name: "Ana L." });
    const again = await newContext(browser);
    const page2 = await again.newPage();
    await ssoLogin(page2, serverA.url, "ana-sub");
    expect(new URL(page2.url()).pathname).toBe("/learn");
    expect(auditActions(serverA, userId)).toEqual(["sso.link", "sso.login", "sso.login"]);

    // Logging out offers the provider's own logout.
    await page2.getByRole("button", { name: "Log out" }).click();
    await page2.waitForURL((u) => u.pathname === "/login" && u.searchParams.get("signed_out") === "sso");
    const providerLogout = page2.getByRole("link", { name: `Log out of ${PROVIDER_NAME} too` });
    expect(await providerLogout.getAttribute("href")).toMatch(new RegExp(`^${provider.issuer}/session/end\\?`));
    await expectAccessible(page2);
    await again.close();
  });

  it("refuses an address with no account, explaining why", async () => {
    provider.accounts.set("stranger-sub", { email: "stranger@kab.go.id" });
    const sessionsBefore = serverA.db.prepare("select count(*) as n from sessions").get();
    const context = await newContext(browser);
    const page = await context.newPage();
    await ssoLogin(page, serverA.url, "stranger-sub");
    expect(new URL(page.url()).searchParams.get("sso_error")).toBe("unknown-account");
    await expect(page.getByRole("alert").innerText()).resolves.toContain("There is no Pustaka Academy account for your email address");
    expect(serverA.db.prepare("select count(*) as n from users where email = ?").get("stranger@kab.go.id")).toEqual({ n: 0 });
    expect(serverA.db.prepare("select count(*) as n from sessions").get()).toEqual(sessionsBefore);
    await expectAccessible(page);
    await context.close();
  });

  it("keeps a deactivated account locked out", async () => {
    const userId = await serverA.createUser({ email: "gone@kab.go.id", name: "Gone Person" });
    serverA.db.prepare("update users set active = 0 where id = ?").run(userId);
    provider.accounts.set("gone-sub", { email: "gone@kab.go.id" });
    const context = await newContext(browser);
    const page = await context.newPage();
    await ssoLogin(page, serverA.url, "gone-sub");
    expect(new URL(page.url()).searchParams.get("sso_error")).toBe("deactivated");
    expect(serverA.db.prepare("select count(*) as n from sessions where user_id = ?").get(userId)).toEqual({ n: 0 });
    await context.close();
  });

  /** Starts a login, lets the test change the attempt's sealed checks, then finishes at the provider. */
  async function loginWithChangedAttempt(page: Page, accountId: string, change: Partial<PendingSso>) {
    await page.goto(`${serverA.url}/login`);
    await page.getByRole("link", { name: `Log in with ${PROVIDER_NAME}` }).click();
    await page.locator('input[name="login"]').waitFor();
    const key = ssoKeyFromSecret(COOKIE_SECRET);
    const callback = `${serverA.url}/auth/sso/callback`;
    const sealed = (await page.context().cookies(callback)).find((c) => c.name === "pa_sso")!;
    const attempt = openPendingSso(sealed.value, callback, key)!;
    expect(attempt).toBeTruthy();
    await page.context().addCookies([{ ...sealed, value: sealPendingSso({ ...attempt, ...change }, callback, key) }]);
    await page.locator('input[name="login"]').fill(accountId);
    await page.locator('input[name="password"]').fill("any-password");
    await page.getByRole("button", { name: "Sign-in" }).click();
    await page.getByRole("button", { name: "Continue" }).click();
    await page.waitForURL((u) => u.origin === serverA.url && u.pathname === "/login");
  }

  it("refuses a callback whose state does not match the attempt", async () => {
    await serverA.createUser({ email: "tam@kab.go.id", name: "Tam", locale: null });
    provider.accounts.set("tam-sub", { email: "tam@kab.go.id" });
    const context = await newContext(browser);
    const page = await context.newPage();
    // The provider returns the state it was given; the attempt now expects another one, exactly
    // as when an attacker swaps in a callback URL from their own login.
    await loginWithChangedAttempt(page, "tam-sub", { state: "forged-state-value" });
    expect(new URL(page.url()).searchParams.get("sso_error")).toBe("invalid");
    await expect(page.getByRole("alert").innerText()).resolves.toContain("could not be verified");
    expect(serverA.db.prepare("select count(*) as n from user_identities where subject = 'tam-sub'").get()).toEqual({ n: 0 });
    await context.close();
  });

  it("refuses an ID token whose nonce does not match the attempt", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await loginWithChangedAttempt(page, "tam-sub", { nonce: "a-different-nonce" });
    expect(new URL(page.url()).searchParams.get("sso_error")).toBe("invalid");
    expect(serverA.db.prepare("select count(*) as n from user_identities where subject = 'tam-sub'").get()).toEqual({ n: 0 });

    await context.close();

    // The same person, untampered, gets in: the refusals above were the checks, not the account.
    // Tam never chose a language: the first sign-in saves the browser's (ADR 0023).
    expect(serverA.db.prepare("select locale from users where email = ?").get("tam@kab.go.id")).toEqual({ locale: null });
    const fresh = await newContext(browser, { locale: "id-ID" });
    const freshPage = await fresh.newPage();
    await ssoLogin(freshPage, serverA.url, "tam-sub");
    expect(new URL(freshPage.url()).pathname).toBe("/learn");
    expect(serverA.db.prepare("select locale from users where email = ?").get("tam@kab.go.id")).toEqual({ locale: "id" });
    await fresh.close();
  });

  it("comes back with a clear message when the person cancels at the provider", async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${serverA.url}/login`);
    await page.getByRole("link", { name: `Log in with ${PROVIDER_NAME}` }).click();
    await page.getByRole("link", { name: "[ Cancel ]" }).click();
    await page.waitForURL((u) => u.origin === serverA.url && u.pathname === "/login");
    expect(new URL(page.url()).searchParams.get("sso_error")).toBe("cancelled");
    await expect(page.getByRole("alert").innerText()).resolves.toContain("was cancelled");
    await context.close();
  });

  it("with password login off: no password form, its POST refused, admins keep a break-glass login", async () => {
    await serverA.createUser({ email: "staff-pw@kab.go.id", name: "Staff With Password" });
    await serverA.createUser({ email: "admin-pw@kab.go.id", name: "Admin With Password", role: "admin" });
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(`${serverA.url}/login`);
    await hydrated(page);
    await expect(page.locator('input[type="password"]').count()).resolves.toBe(0);
    await expectAccessible(page);

    // A hand-made POST with a staff member's right password is refused and starts no session.
    const response = await fetch(`${serverA.url}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: serverA.url },
      body: new URLSearchParams({ email: "staff-pw@kab.go.id", password: PASSWORD, redirectTo: "/learn" }),
    });
    expect(response.status).toBe(403);
    expect(response.headers.get("set-cookie") ?? "").not.toMatch(/academy_session=[^;]+/);

    // The administrator's break-glass path.
    await page.getByRole("link", { name: "Administrator login with a password" }).click();
    await page.waitForURL((u) => u.searchParams.get("admin") === "1");
    await hydrated(page);
    await page.getByLabel(/email/i).fill("admin-pw@kab.go.id");
    await page.getByLabel(/^password$/i).fill(PASSWORD);
    await Promise.all([page.waitForURL((u) => !u.pathname.startsWith("/login")), page.getByRole("button", { name: /^log in$/i }).click()]);
    // An administrator's home is People.
    expect(new URL(page.url()).pathname).toBe("/admin/users");
    await context.close();
  });

  it("creates a staff account automatically, with role and org unit from claims, in an allowed domain only", async () => {
    const unitId = serverB.createOrgUnit("Cabang Timur");
    serverB.db.prepare("update org_units set code = 'TIMUR' where id = ?").run(unitId);
    providerB.accounts.set("new-staff", { email: "dewi@kab.go.id", name: "Dewi Anggraini", unit: "TIMUR" });
    providerB.accounts.set("new-trainer", { email: "rudi@kab.go.id", name: "Rudi", groups: ["library-trainers", "all-staff"] });
    providerB.accounts.set("outsider", { email: "someone@gmail.com", name: "Someone" });

    const context = await newContext(browser, { locale: "id-ID" });
    const page = await context.newPage();
    await ssoLogin(page, serverB.url, "new-staff");
    expect(new URL(page.url()).pathname).toBe("/learn");
    const dewi = serverB.db
      .prepare("select id, role, org_unit_id, display_name, password_hash from users where email = ?")
      .get("dewi@kab.go.id") as Record<string, unknown>;
    expect(dewi).toMatchObject({ role: "staff", org_unit_id: unitId, display_name: "Dewi Anggraini", password_hash: null });
    expect(auditActions(serverB, dewi.id as string)).toEqual(["sso.create", "sso.login"]);
    await context.close();

    const trainerContext = await newContext(browser);
    const trainerPage = await trainerContext.newPage();
    await ssoLogin(trainerPage, serverB.url, "new-trainer");
    // A trainer lands on its own home, the content overview, not on My learning.
    expect(new URL(trainerPage.url()).pathname).toBe("/content");
    expect(serverB.db.prepare("select role, org_unit_id from users where email = ?").get("rudi@kab.go.id")).toEqual({
      role: "trainer",
      org_unit_id: null,
    });
    await trainerContext.close();

    // Another domain is refused, in the person's language.
    const outsiderContext = await newContext(browser, { locale: "id-ID" });
    const outsiderPage = await outsiderContext.newPage();
    await ssoLogin(outsiderPage, serverB.url, "outsider");
    expect(new URL(outsiderPage.url()).searchParams.get("sso_error")).toBe("domain");
    await expect(outsiderPage.getByRole("alert").innerText()).resolves.toContain("Domain email akun Kabupaten Account Anda tidak diizinkan");
    expect(serverB.db.prepare("select count(*) as n from users where email = ?").get("someone@gmail.com")).toEqual({ n: 0 });
    await expectAccessible(outsiderPage);
    await outsiderContext.close();

    // Password login is still on for everyone on server B.
    await serverB.createUser({ email: "pw@kab.go.id", name: "Password Person" });
    const pwContext = await newContext(browser);
    const pwPage = await pwContext.newPage();
    await login(pwPage, serverB.url, "pw@kab.go.id");
    expect(new URL(pwPage.url()).pathname).toBe("/learn");
    await pwContext.close();
  });
});
