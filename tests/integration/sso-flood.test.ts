// Issue 25, item 4: the pending sign-in lives in a sealed cookie, so thousands of anonymous
// starts fill nothing on the server and a real person still signs in afterwards, against a
// real OpenID provider on loopback. A used state, a changed cookie or one sealed for another
// address is refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resetSsoCookieKeys, sealPendingSso, ssoCookieKey } from "~/auth/sso-cookie.server";
import { resetSsoDiscovery } from "~/auth/sso.server";
import { resetConfig } from "~/config.server";
import { sql } from "drizzle-orm";
import { selectRow } from "~/db/sql.server";
import { clockNow } from "~/utils/clock.server";
import * as ssoStart from "~/routes/auth.sso";
import * as ssoCallback from "~/routes/auth.sso.callback";
import { createTestProvider, signInAtProvider, type TestProvider } from "../support/oidc-provider";
import { createTestUser, makeRequest, ORIGIN, routeArgs, run } from "../setup/factories";

// The issue's figure: 50 more than the old table's cap of 10,000 pending attempts.
const FLOOD = 10_050;

let provider: TestProvider;

beforeAll(async () => {
  provider = await createTestProvider();
  await provider.start(ORIGIN);
  Object.assign(process.env, { OIDC_ISSUER: provider.issuer, OIDC_CLIENT_ID: provider.clientId, OIDC_CLIENT_SECRET: provider.clientSecret });
  delete process.env.SSO_COOKIE_SECRET;
  resetConfig();
  resetSsoDiscovery();
  resetSsoCookieKeys();
});

afterAll(async () => {
  await provider?.stop();
  for (const key of ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"]) delete process.env[key];
  resetConfig();
});

async function start(redirectTo = "/learn") {
  const res = (await run(() => ssoStart.loader(routeArgs(makeRequest(`/auth/sso?redirectTo=${encodeURIComponent(redirectTo)}`)) as never)))
    .value as Response;
  expect(res.status).toBe(302);
  const setCookie = res.headers.get("set-cookie")!;
  return { location: res.headers.get("location")!, setCookie, cookie: setCookie.split(";")[0]! };
}

async function callback(url: URL, cookie: string | undefined) {
  const res = (await run(() => ssoCallback.loader(routeArgs(makeRequest(`${url.pathname}${url.search}`, { cookie })) as never))).value as Response;
  return res;
}

const count = async (table: string) => (await selectRow<{ n: number }>(sql.raw(`select count(*) as n from ${table}`)))!.n;

describe("single sign-on after a flood of anonymous starts", () => {
  it(`stores nothing for ${FLOOD} anonymous starts, then signs a real person in; the used state cannot be replayed`, async () => {
    const sessionsBefore = await count("sessions");
    for (let i = 0; i < FLOOD; i++) await start();
    expect(await count("sso_spent_states")).toBe(0);
    // One key, made at first use and kept in the database (no SSO_COOKIE_SECRET here).
    expect(await count("app_secrets")).toBe(1);

    const user = await createTestUser({ email: "flood-survivor@test.library" });
    provider.accounts.set("survivor-sub", { email: user.email });
    const attempt = await start("/learn/some-module");
    expect(attempt.setCookie).toMatch(/^pa_sso=1\.[\w-]+; Path=\/auth\/sso; HttpOnly; SameSite=Lax; Max-Age=600$/);
    // The cookie is sealed: the PKCE verifier and state are not readable in it.
    const state = new URL(attempt.location).searchParams.get("state")!;
    expect(attempt.cookie).not.toContain(state);
    const back = await signInAtProvider(attempt.location, "survivor-sub");
    expect(back.searchParams.get("state")).toBe(state);

    const res = await callback(back, attempt.cookie);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe("/learn/some-module");
    expect(res.headers.getSetCookie().some((c) => c.startsWith("academy_session="))).toBe(true);
    const sessions = (await selectRow<{ n: number }>(sql`select count(*) as n from sessions where user_id = ${user.id}`))!;
    expect(sessions.n).toBe(1);
    expect(await count("sessions")).toBe(sessionsBefore + 1);

    // The same cookie and callback URL again: refused before the provider is asked.
    const replay = await callback(back, attempt.cookie);
    expect(replay.status).toBe(302);
    expect(replay.headers.get("location")).toBe("/login?sso_error=expired");
    expect(await count("sessions")).toBe(sessionsBefore + 1);
  }, 180_000);

  it("refuses a callback without the cookie, with a changed cookie, or with one sealed for another address", async () => {
    const user = await createTestUser({ email: "careful@test.library" });
    provider.accounts.set("careful-sub", { email: user.email });
    const sessionsBefore = await count("sessions");

    const a = await start();
    const backA = await signInAtProvider(a.location, "careful-sub");
    expect((await callback(backA, undefined)).headers.get("location")).toBe("/login?sso_error=expired");

    const b = await start();
    const backB = await signInAtProvider(b.location, "careful-sub");
    const value = b.cookie.slice("pa_sso=".length);
    const flipped = value.slice(0, -2) + (value.at(-2) === "A" ? "B" : "A") + value.at(-1);
    expect((await callback(backB, `pa_sso=${flipped}`)).headers.get("location")).toBe("/login?sso_error=expired");

    const c = await start();
    const backC = await signInAtProvider(c.location, "careful-sub");
    const stateC = backC.searchParams.get("state")!;
    // Sealed with this server's key but for another callback address: does not open here.
    const elsewhere = sealPendingSso(
      { state: stateC, nonce: "n", codeVerifier: "v".repeat(43), redirectTo: "/learn", expiresAt: clockNow().getTime() + 60_000 },
      "https://other.example/auth/sso/callback",
      await ssoCookieKey(),
    );
    expect((await callback(backC, `pa_sso=${elsewhere}`)).headers.get("location")).toBe("/login?sso_error=expired");
    expect(await count("sessions")).toBe(sessionsBefore);
  });

  it("seals with SSO_COOKIE_SECRET when it is set, and a cookie sealed with the database key no longer opens", async () => {
    const before = await start();
    process.env.SSO_COOKIE_SECRET = "an-operator-chosen-secret-of-at-least-32-chars";
    resetConfig();
    resetSsoCookieKeys();
    try {
      const user = await createTestUser({ email: "keyed@test.library" });
      provider.accounts.set("keyed-sub", { email: user.email });
      const backOld = await signInAtProvider(before.location, "keyed-sub");
      expect((await callback(backOld, before.cookie)).headers.get("location")).toBe("/login?sso_error=expired");
      const now = await start();
      const back = await signInAtProvider(now.location, "keyed-sub");
      expect((await callback(back, now.cookie)).headers.get("location")).toBe("/learn");
    } finally {
      delete process.env.SSO_COOKIE_SECRET;
      resetConfig();
      resetSsoCookieKeys();
    }
  });
});
