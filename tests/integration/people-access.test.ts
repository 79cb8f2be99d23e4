// Every HR and admin URL of the people area refuses roles it is not for, in the loader and
// in the action, before reading anything.
import { describe, expect, it } from "vitest";
import type { Role } from "~/db/schema";
import * as audit from "~/routes/admin.audit";
import * as orgUnits from "~/routes/admin.org-units";
import * as usersList from "~/routes/admin.users._index";
import * as userEdit from "~/routes/admin.users.$userId";
import * as userNew from "~/routes/admin.users.new";
import * as assignments from "~/routes/hr.assignments";
import * as importPage from "~/routes/hr.import";
import * as importLinks from "~/routes/hr.import.links[.]csv";
import { navItemsFor } from "~/components/nav";
import { createTestUser, makeRequest, routeArgs, run, sessionCookie } from "../setup/factories";

type RouteModule = { loader?: (args: never) => unknown; action?: (args: never) => unknown };
const ROUTES: { path: string; module: RouteModule; params?: Record<string, string>; allowed: Role[] }[] = [
  { path: "/hr/import", module: importPage, allowed: ["hr", "admin"] },
  { path: "/hr/import/links.csv", module: importLinks, allowed: ["hr", "admin"] },
  { path: "/hr/assignments", module: assignments, allowed: ["hr", "admin"] },
  { path: "/admin/users", module: usersList, allowed: ["hr", "admin"] },
  { path: "/admin/users/new", module: userNew, allowed: ["hr", "admin"] },
  { path: "/admin/users/someone", module: userEdit, params: { userId: "someone" }, allowed: ["hr", "admin"] },
  { path: "/admin/org-units", module: orgUnits, allowed: ["admin"] },
  { path: "/admin/audit", module: audit, allowed: ["admin"] },
];

describe("access to the people area", () => {
  for (const role of ["staff", "trainer", "hr"] as const) {
    it(`gives ${role} a 403 on every page that is not theirs, GET and POST`, async () => {
      const user = await createTestUser({ role });
      const cookie = await sessionCookie(user.id);
      const checked: string[] = [];
      for (const r of ROUTES.filter((r) => !r.allowed.includes(role))) {
        for (const kind of ["loader", "action"] as const) {
          const fn = r.module[kind];
          if (!fn) continue;
          const request = kind === "loader" ? makeRequest(r.path, { cookie }) : makeRequest(r.path, { cookie, form: { intent: "create" } });
          const { thrown, value } = await run(() => fn(routeArgs(request, r.params ?? {}) as never));
          expect(thrown, `${kind} ${r.path}`).toBe(true);
          expect((value as Response).status, `${kind} ${r.path}`).toBe(403);
          checked.push(`${kind} ${r.path}`);
        }
      }
      if (role !== "hr") expect(checked.length).toBeGreaterThanOrEqual(14);
      else expect(checked).toEqual(["loader /admin/org-units", "action /admin/org-units", "loader /admin/audit"]);
    });
  }

  it("sends a visitor without a session to the login page", async () => {
    for (const r of ROUTES) {
      const { value } = await run(() => r.module.loader!(routeArgs(makeRequest(r.path), r.params ?? {}) as never));
      expect((value as Response).status, r.path).toBe(302);
      expect((value as Response).headers.get("Location"), r.path).toMatch(/^\/login\?redirectTo=/);
    }
  });

  it("shows each role only the links it may open", () => {
    const links = (role: Role) => navItemsFor(role).map((i) => i.to);
    expect(links("staff")).not.toEqual(expect.arrayContaining(["/hr/import"]));
    for (const to of ["/hr/assignments", "/hr/import", "/admin/org-units", "/admin/audit"]) expect(links("staff")).not.toContain(to);
    expect(links("hr")).toEqual(expect.arrayContaining(["/hr/assignments", "/hr/import"]));
    expect(links("hr")).not.toContain("/admin/org-units");
    expect(links("hr")).not.toContain("/admin/audit");
    expect(links("admin")).toEqual(expect.arrayContaining(["/hr/assignments", "/hr/import", "/admin/org-units", "/admin/audit"]));
  });
});
