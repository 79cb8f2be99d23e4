import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { resolveSsoAccount, type SsoClaims } from "~/auth/sso-accounts.server";
import { getConfig, resetConfig, type SsoConfig } from "~/config.server";
import { getDb } from "~/db/client.server";
import { auditEvents, orgUnits, userIdentities, users } from "~/db/schema";
import * as loginRoute from "~/routes/login";
import * as logoutRoute from "~/routes/logout";
import { createOrgUnit, createTestUser, makeRequest, routeArgs, run, sessionCookie, TEST_PASSWORD } from "../setup/factories";

const NOW = new Date("2026-11-28T03:00:00Z");
const ISSUER = "https://login.kab.go.id";

function config(overrides: Partial<SsoConfig> = {}): SsoConfig {
  return {
    issuer: ISSUER,
    clientId: "academy",
    clientSecret: "secret",
    displayName: "Kabupaten Account",
    scopes: "openid email profile",
    allowedDomains: [],
    autoCreate: false,
    orgUnitClaim: null,
    roleClaim: null,
    roleMap: new Map(),
    ...overrides,
  };
}

let subjects = 0;
function claims(overrides: Partial<SsoClaims> = {}): SsoClaims {
  subjects++;
  return {
    issuer: ISSUER,
    subject: `sub-${subjects}`,
    email: null,
    emailVerified: true,
    name: null,
    orgUnitValue: null,
    roleValues: [],
    ...overrides,
  };
}

const actionsFor = async (userId: string) =>
  (await getDb().select({ action: auditEvents.action }).from(auditEvents).where(eq(auditEvents.subjectId, userId))).map((r) => r.action);

describe("whose account a verified identity opens", () => {
  it("links a verified email to the active account and then finds it by subject, whatever the email", async () => {
    const user = await createTestUser();
    const first = claims({ email: user.email });
    expect(await resolveSsoAccount(config(), first, NOW)).toEqual({ ok: true, userId: user.id, how: "linked-now" });
    const later = { ...first, email: "renamed@elsewhere.org" };
    expect(await resolveSsoAccount(config({ allowedDomains: ["test.library"] }), later, NOW)).toEqual({
      ok: true,
      userId: user.id,
      how: "linked-before",
    });
    expect(await actionsFor(user.id)).toEqual(["sso.link", "sso.login", "sso.login"]);
  });

  it("refuses an unverified email, another domain and an unknown address, auditing each", async () => {
    const user = await createTestUser();
    expect(await resolveSsoAccount(config(), claims({ email: user.email, emailVerified: false }), NOW)).toEqual({
      ok: false,
      reason: "unverified-email",
    });
    expect(await resolveSsoAccount(config({ allowedDomains: ["kab.go.id"] }), claims({ email: user.email }), NOW)).toEqual({
      ok: false,
      reason: "domain",
    });
    expect(await resolveSsoAccount(config(), claims({ email: "nobody@test.library" }), NOW)).toEqual({ ok: false, reason: "unknown-account" });
    expect(await getDb().select().from(userIdentities).where(eq(userIdentities.userId, user.id))).toEqual([]);
    const refused = await getDb().select({ details: auditEvents.details }).from(auditEvents).where(eq(auditEvents.action, "sso.refused"));
    expect(refused.map((r) => (r.details as { reason: string }).reason)).toEqual(
      expect.arrayContaining(["unverified-email", "domain", "unknown-account"]),
    );
  });

  it("keeps deactivated accounts out, linked or not", async () => {
    const linked = await createTestUser();
    const identity = claims({ email: linked.email });
    await resolveSsoAccount(config(), identity, NOW);
    await getDb().update(users).set({ active: false }).where(eq(users.id, linked.id));
    expect(await resolveSsoAccount(config(), identity, NOW)).toEqual({ ok: false, reason: "deactivated" });
    const unlinked = await createTestUser({ active: false });
    expect(await resolveSsoAccount(config({ autoCreate: true }), claims({ email: unlinked.email }), NOW)).toEqual({
      ok: false,
      reason: "deactivated",
    });
  });

  it("never lets a second provider account take over an account that is linked already", async () => {
    const user = await createTestUser();
    await resolveSsoAccount(config(), claims({ email: user.email }), NOW);
    expect(await resolveSsoAccount(config(), claims({ email: user.email }), NOW)).toEqual({ ok: false, reason: "already-linked" });
  });

  it("creates a staff account when automatic creation is on, placing it by claims, never as admin", async () => {
    const unit = await createOrgUnit("Cabang Barat");
    await getDb().update(orgUnits).set({ code: "BARAT" }).where(eq(orgUnits.id, unit.id));
    const sso = config({ autoCreate: true, orgUnitClaim: "unit", roleClaim: "groups", roleMap: new Map([["trainers", "trainer"]]) });
    const created = await resolveSsoAccount(
      sso,
      claims({ email: "new.person@test.library", name: "New\u0000 Person\n", orgUnitValue: "BARAT" }),
      NOW,
    );
    expect(created).toMatchObject({ ok: true, how: "created" });
    const row = (await getDb().select().from(users).where(eq(users.email, "new.person@test.library")))[0]!;
    expect(row).toMatchObject({ role: "staff", orgUnitId: unit.id, displayName: "New Person", passwordHash: null, active: true });
    const trainer = await resolveSsoAccount(
      sso,
      claims({ email: "t@test.library", roleValues: ["admins", "trainers"], orgUnitValue: "NO-SUCH-UNIT" }),
      NOW,
    );
    expect(trainer.ok).toBe(true);
    expect((await getDb().select({ role: users.role, unit: users.orgUnitId }).from(users).where(eq(users.email, "t@test.library")))[0]).toEqual({
      role: "trainer",
      unit: null,
    });
  });
});

describe("configuration", () => {
  afterEach(() => {
    for (const key of ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_ROLE_MAP", "OIDC_ALLOWED_DOMAINS"]) delete process.env[key];
    resetConfig();
  });

  it("reads domains and the role map, and refuses a map that grants admin", () => {
    Object.assign(process.env, {
      OIDC_ISSUER: "https://accounts.google.com/",
      OIDC_CLIENT_ID: "id",
      OIDC_ALLOWED_DOMAINS: "@Kab.go.id, perpus.id",
      OIDC_ROLE_MAP: "hr-team=hr",
    });
    resetConfig();
    const sso = getConfig().sso!;
    expect(sso.issuer).toBe("https://accounts.google.com");
    expect(sso.allowedDomains).toEqual(["kab.go.id", "perpus.id"]);
    expect([...sso.roleMap]).toEqual([["hr-team", "hr"]]);
    process.env.OIDC_ROLE_MAP = "it-admins=admin";
    resetConfig();
    expect(() => getConfig()).toThrow(/OIDC_ROLE_MAP entry "it-admins=admin"/);
  });
});

describe("the login page without a provider configured", () => {
  it("ignores a made-up sso_error and keeps password login as it was", async () => {
    const data = (await loginRoute.loader(routeArgs(makeRequest("/login?sso_error=%3Cscript%3E&admin=2")) as never)) as Awaited<
      ReturnType<typeof loginRoute.loader>
    >;
    expect(data).toMatchObject({ sso: null, ssoError: null, showPasswordForm: true, adminsOnly: false });
    const user = await createTestUser();
    const { value } = await run(() =>
      loginRoute.action(
        routeArgs(makeRequest("/login", { form: { email: user.email, password: TEST_PASSWORD } }), {}, { clientIp: "10.9.9.9" }) as never,
      ),
    );
    expect((value as Response).status).toBe(302);
  });

  it("logs out to the plain login page", async () => {
    const user = await createTestUser();
    const cookie = await sessionCookie(user.id);
    const { value } = await run(() => logoutRoute.action(routeArgs(makeRequest("/logout", { method: "POST", cookie })) as never));
    expect((value as Response).headers.get("Location")).toBe("/login");
  });
});
