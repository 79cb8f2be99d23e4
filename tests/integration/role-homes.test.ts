// Each role lands on its own work after signing in (issue 27): staff on My learning, a trainer on
// the content overview, a mentor on the review queue, HR on the dashboard, an admin on People.
// A safe redirectTo (where the person was going) still wins; an unsafe one is ignored.
import { describe, expect, it } from "vitest";
import { HOMES, can } from "~/auth/policy";
import { issueSetPasswordLink } from "~/auth/password-tokens.server";
import { ROLES, type Role } from "~/db/roles";
import { navItemsFor } from "~/components/nav";
import { getDb } from "~/db/client.server";
import { writeTransaction } from "~/db/transaction.server";
import { taskSubmissions } from "~/db/schema";
import * as contentRoute from "~/routes/content._index";
import * as indexRoute from "~/routes/_index";
import { newId } from "~/utils/ids.server";
import { clockNow } from "~/utils/clock.server";
import * as loginRoute from "~/routes/login";
import * as setPasswordRoute from "~/routes/set-password.$token";
import { createTestUser, makeRequest, routeArgs, run, sessionCookie, TEST_PASSWORD } from "../setup/factories";

// The product's choice, spelled out here rather than read back from HOMES, so a change to the
// table shows up as a failing expectation.
const EXPECTED: Record<Role, string> = {
  staff: "/learn",
  trainer: "/content",
  mentor: "/review",
  hr: "/hr/dashboard",
  admin: "/admin/users",
};

async function postLogin(email: string, redirectTo?: string) {
  const form: Record<string, string> = { email, password: TEST_PASSWORD };
  if (redirectTo !== undefined) form.redirectTo = redirectTo;
  const { value } = await run(() => loginRoute.action(routeArgs(makeRequest("/login", { form })) as never));
  const response = value as Response;
  expect(response.status).toBe(302);
  expect(response.headers.get("Set-Cookie")).toMatch(/^academy_session=/);
  return response.headers.get("Location");
}

describe("each role's home", () => {
  for (const role of ROLES) {
    it(`sends ${role} to ${EXPECTED[role]} after a password login, unless a safe redirectTo says otherwise`, async () => {
      const user = await createTestUser({ role });
      expect(await postLogin(user.email)).toBe(EXPECTED[role]);
      // The login form always posts the field; empty means "no destination".
      expect(await postLogin(user.email, "")).toBe(EXPECTED[role]);
      expect(await postLogin(user.email, "/account?tab=password")).toBe("/account?tab=password");
      for (const unsafe of ["//evil.example/learn", "https://evil.example/", "/\\evil.example", "learn"]) {
        expect(await postLogin(user.email, unsafe), unsafe).toBe(EXPECTED[role]);
      }
    });
  }

  it("sends a signed-in person who opens / or /login to their home, and a visitor to the login page", async () => {
    for (const role of ROLES) {
      const user = await createTestUser({ role });
      const cookie = await sessionCookie(user.id);
      const home = await run(() => indexRoute.loader(routeArgs(makeRequest("/", { cookie })) as never));
      expect((home.value as Response).headers.get("Location"), role).toBe(EXPECTED[role]);
      const login = await run(() => loginRoute.loader(routeArgs(makeRequest("/login", { cookie })) as never));
      expect((login.value as Response).headers.get("Location"), role).toBe(EXPECTED[role]);
      const back = await run(() => loginRoute.loader(routeArgs(makeRequest("/login?redirectTo=%2Fcertificates", { cookie })) as never));
      expect((back.value as Response).headers.get("Location"), role).toBe("/certificates");
    }
    const visitor = await run(() => indexRoute.loader(routeArgs(makeRequest("/")) as never));
    expect((visitor.value as Response).headers.get("Location")).toBe("/login");
  });

  it("sends a person who has just chosen a password to their home", async () => {
    const hr = await createTestUser({ role: "hr", passwordHash: null });
    const { url } = await writeTransaction((tx) => issueSetPasswordLink(tx, hr.id, null));
    const token = url.split("/set-password/")[1]!;
    const form = { password: "a-long-password", confirmPassword: "a-long-password" };
    const { value } = await run(() => setPasswordRoute.action(routeArgs(makeRequest(`/set-password/${token}`, { form }), { token }) as never));
    expect((value as Response).status).toBe(302);
    expect((value as Response).headers.get("Location")).toBe("/hr/dashboard");
  });

  it("makes each home a page the role may open, first and marked in its navigation", () => {
    for (const role of ROLES) {
      expect(can({ role }, HOMES[role].capability), role).toBe(true);
      const items = navItemsFor(role);
      expect(items[0], role).toMatchObject({ to: EXPECTED[role], home: true });
      expect(items.filter((i) => i.home).length, role).toBe(1);
    }
  });

  it("shows a trainer, on its home, how much handed-in work waits for a review", async () => {
    const trainer = await createTestUser({ role: "trainer" });
    const learner = await createTestUser();
    const cookie = await sessionCookie(trainer.id);
    const waiting = async () =>
      ((await contentRoute.loader(routeArgs(makeRequest("/content", { cookie })) as never)) as { reviewsWaiting: number | null }).reviewsWaiting;
    expect(await waiting()).toBe(0);
    const now = clockNow();
    const row = { userId: learner.id, moduleSlug: "quick-module", createdAt: now, updatedAt: now };
    await getDb()
      .insert(taskSubmissions)
      .values([
        { ...row, id: newId(), taskSlug: "handed-in", state: "submitted", latestVersion: 1, submittedAt: now },
        { ...row, id: newId(), taskSlug: "still-a-draft", state: "draft" },
      ]);
    expect(await waiting()).toBe(1);
  });
});
