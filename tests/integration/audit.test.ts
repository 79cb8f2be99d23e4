import { beforeAll, describe, expect, it } from "vitest";
import { en } from "~/i18n/en";
import { id } from "~/i18n/id";
import { createOrgUnit, renameOrgUnit } from "~/people/org-units.server";
import { AUDIT_ACTIONS } from "~/audit/record.server";
import { startOfDay } from "~/utils/dates";
import { setUserActive, updateUser } from "~/people/users.server";
import * as route from "~/routes/admin.audit";
import { createTestUser, makeRequest, routeArgs, run, sessionCookie, unwrap } from "../setup/factories";

type TestUser = Awaited<ReturnType<typeof createTestUser>>;
type Page = {
  rows: {
    action: string;
    actorName: string | null;
    subjectName: string | null;
    unitName: string | null;
    createdAt: string;
    details: Record<string, unknown> | null;
  }[];
  total: number;
  page: number;
  pages: number;
  options: { actions: string[]; actors: { id: string }[] };
};
let admin: TestUser;
let otherAdmin: TestUser;
let cookie: string;
let person: TestUser;

const day = (d: string, time = "10:00:00") => new Date(`${d}T${time}Z`);

beforeAll(async () => {
  admin = await createTestUser({ role: "admin", displayName: "Audit Admin" });
  otherAdmin = await createTestUser({ role: "admin", displayName: "Other Admin" });
  person = await createTestUser({ displayName: "Rudi Subject", staffNumber: null });
  cookie = await sessionCookie(admin.id);
  const input = { email: person.email, displayName: person.displayName, staffNumber: null, orgUnitId: null, locale: null };
  await updateUser(admin as never, person.id, { ...input, role: "trainer" }, day("2030-01-10"));
  await setUserActive(admin as never, person.id, false, day("2030-01-11"));
  await setUserActive(otherAdmin as never, person.id, true, day("2030-01-12", "23:30:00"));
  const unit = await createOrgUnit(otherAdmin as never, { name: "Audit Unit", code: null, parentId: null }, day("2030-01-13"));
  if (unit.ok) await renameOrgUnit(otherAdmin as never, unit.id, { name: "Audit Unit Renamed", code: "AU" }, day("2030-01-14"));
  for (let i = 0; i < 55; i++) await createOrgUnit(admin as never, { name: `Bulk ${i}`, code: null, parentId: null }, day("2030-02-01"));
});

const load = async (query: string) => unwrap(await route.loader(routeArgs(makeRequest(`/admin/audit?${query}`, { cookie })) as never)).data as Page;

describe("the audit log", () => {
  it("shows who did what to whom, newest first, 50 to a page", async () => {
    const first = await load("");
    expect(first.total).toBe(60);
    expect(first.pages).toBe(2);
    expect(first.rows).toHaveLength(50);
    const second = await load("page=2");
    expect(second.rows).toHaveLength(10);
    const oldest = second.rows.at(-1)!;
    expect(oldest).toMatchObject({
      action: "user.role_change",
      actorName: "Audit Admin",
      subjectName: "Rudi Subject",
      details: { role: { from: "staff", to: "trainer" } },
    });
    expect(second.rows.map((r) => r.action)).toContain("user.deactivate");
    expect(second.rows.find((r) => r.action === "org_unit.rename")).toMatchObject({ unitName: "Audit Unit Renamed", actorName: "Other Admin" });
  });

  it("filters by action, by actor and by date range", async () => {
    expect((await load("action=user.deactivate")).rows.map((r) => r.action)).toEqual(["user.deactivate"]);
    const byOther = await load(`actor=${otherAdmin.id}`);
    expect(byOther.rows.map((r) => r.action)).toEqual(["org_unit.rename", "org_unit.create", "user.reactivate"]);
    const range = await load("from=2030-01-11&to=2030-01-12");
    expect(range.rows.map((r) => r.action)).toEqual(["user.reactivate", "user.deactivate"]);
    expect((await load("from=2030-01-12&to=2030-01-12")).rows.map((r) => r.action)).toEqual(["user.reactivate"]);
    expect((await load("actor=system")).total).toBe(0);
    const options = (await load("")).options;
    expect(options.actions).toEqual(expect.arrayContaining(["import.apply", "user.role_change", "org_unit.create"]));
    expect(options.actors.map((a) => a.id).sort()).toEqual([admin.id, otherAdmin.id].sort());
  });

  it("ignores malformed filters instead of failing", async () => {
    const res = await load("from=yesterday&to=2030-13-45&page=0&action=DROP%20TABLE");
    expect(res.total).toBe(60);
  });

  it("counts days in the configured time zone", () => {
    expect(startOfDay("2030-01-12", "UTC").toISOString()).toBe("2030-01-12T00:00:00.000Z");
    expect(startOfDay("2030-01-12", "Asia/Jakarta").toISOString()).toBe("2030-01-11T17:00:00.000Z");
    expect(startOfDay("2030-07-01", "Europe/London").toISOString()).toBe("2030-06-30T23:00:00.000Z");
  });

  it("has a label for every known action in both languages", () => {
    for (const action of AUDIT_ACTIONS) {
      const key = `audit.action.${action}` as keyof typeof en;
      expect(en[key], action).toBeTruthy();
      expect(id[key], action).toBeTruthy();
    }
  });

  it("is for administrators only", async () => {
    const hr = await createTestUser({ role: "hr" });
    const { value } = await run(() => route.loader(routeArgs(makeRequest("/admin/audit", { cookie: undefined })) as never));
    expect((value as Response).status).toBe(302);
    const denied = await run(async () => route.loader(routeArgs(makeRequest("/admin/audit", { cookie: await sessionCookie(hr.id) })) as never));
    expect((denied.value as Response).status).toBe(403);
  });
});
