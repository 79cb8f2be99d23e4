import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db/client.server";
import { assignments, auditEvents, orgUnits, users } from "~/db/schema";
import { createOrgUnit, deleteOrgUnit, listOrgUnits, moveOrgUnit, orgUnitOverview, renameOrgUnit, withDescendants } from "~/people/org-units.server";
import { createUser, listUsers, setUserActive, updateUser } from "~/people/users.server";
import * as peopleList from "~/routes/admin.users._index";
import * as editUser from "~/routes/admin.users.$userId";
import * as newUser from "~/routes/admin.users.new";
import * as orgUnitsRoute from "~/routes/admin.org-units";
import { createOrgUnit as makeUnit, createTestUser, makeRequest, routeArgs, run, sessionCookie, unwrap } from "../setup/factories";
import { clockNow } from "~/utils/clock.server";

type TestUser = Awaited<ReturnType<typeof createTestUser>>;
let admin: TestUser;
let hr: TestUser;
let adminCookie: string;
let hrCookie: string;

beforeAll(async () => {
  admin = await createTestUser({ role: "admin", displayName: "Ada Admin" });
  hr = await createTestUser({ role: "hr", displayName: "Hana HR" });
  adminCookie = await sessionCookie(admin.id);
  hrCookie = await sessionCookie(hr.id);
});

const auditFor = async (subjectId: string) => await getDb().select().from(auditEvents).where(eq(auditEvents.subjectId, subjectId));

describe("the people list", () => {
  let north: Awaited<ReturnType<typeof makeUnit>>;
  let northSub: Awaited<ReturnType<typeof makeUnit>>;
  beforeAll(async () => {
    north = await makeUnit("North Region");
    northSub = await makeUnit("North Harbour Branch", north.id);
    const south = await makeUnit("South Region");
    await createTestUser({ displayName: "Lina Utami", email: "lina.utami@list.test", staffNumber: "AB1", orgUnitId: northSub.id });
    await createTestUser({ displayName: "Lina Kusuma", email: "lina.kusuma@list.test", staffNumber: "A_1", orgUnitId: south.id });
    await createTestUser({ displayName: "Old Timer", email: "old.timer@list.test", staffNumber: "OLD1", orgUnitId: north.id, active: false });
    await createTestUser({ displayName: "Tono Trainer", email: "tono@list.test", staffNumber: "TR1", orgUnitId: north.id, role: "trainer" });
  });

  const names = async (cookie: string, query: string) => {
    const data = unwrap(await peopleList.loader(routeArgs(makeRequest(`/admin/users?${query}`, { cookie })) as never)).data as {
      rows: { displayName: string }[];
    };
    return data.rows.map((r) => r.displayName).sort();
  };

  it("searches name, email and staff number, treating % and _ literally", async () => {
    expect(await names(adminCookie, "q=lina")).toEqual(["Lina Kusuma", "Lina Utami"]);
    expect(await names(adminCookie, "q=LINA.UTAMI@")).toEqual(["Lina Utami"]);
    expect(await names(adminCookie, "q=A_1")).toEqual(["Lina Kusuma"]);
    expect(await names(adminCookie, "q=%25")).toEqual([]);
  });

  it("filters by org unit including its sub-units, by role and by status", async () => {
    expect(await names(adminCookie, `orgUnit=${north.id}`)).toEqual(["Lina Utami", "Tono Trainer"]);
    expect(await names(adminCookie, `orgUnit=${north.id}&active=all`)).toEqual(["Lina Utami", "Old Timer", "Tono Trainer"]);
    expect(await names(adminCookie, `orgUnit=${north.id}&active=inactive`)).toEqual(["Old Timer"]);
    expect(await names(adminCookie, `orgUnit=${north.id}&role=trainer`)).toEqual(["Tono Trainer"]);
    expect(await names(adminCookie, `orgUnit=${northSub.id}`)).toEqual(["Lina Utami"]);
  });

  it("shows HR only staff accounts, whatever the filter says", async () => {
    expect(await names(hrCookie, `orgUnit=${north.id}`)).toEqual(["Lina Utami"]);
    expect(await names(hrCookie, `orgUnit=${north.id}&role=trainer`)).toEqual([]);
    await expect(listUsers({ ...hr, role: "trainer" } as never)).rejects.toThrow();
  });

  it("ignores a malformed query instead of failing", async () => {
    const { value } = await run(() =>
      peopleList.loader(routeArgs(makeRequest("/admin/users?page=-3&role=wizard&active=maybe", { cookie: adminCookie })) as never),
    );
    expect(unwrap(value).status).toBe(200);
  });
});

describe("creating and editing accounts", () => {
  const form = (over: Record<string, string> = {}) => ({
    intent: "save",
    email: "new.staff@people.test",
    displayName: "New Staff",
    staffNumber: "",
    role: "staff",
    orgUnitId: "",
    locale: "",
    ...over,
  });

  it("lets HR create staff accounts but not other roles", async () => {
    const ok = unwrap(await newUser.action(routeArgs(makeRequest("/admin/users/new", { cookie: hrCookie, form: form() })) as never));
    expect((ok.data as { created: { userId: string } }).created.userId).toBeTruthy();
    const denied = await run(() =>
      newUser.action(
        routeArgs(makeRequest("/admin/users/new", { cookie: hrCookie, form: form({ email: "boss@people.test", role: "admin" }) })) as never,
      ),
    );
    expect((denied.value as Response).status).toBe(403);
    expect((await getDb().select().from(users).where(eq(users.email, "boss@people.test")))[0]).toBeUndefined();
  });

  it("points at a taken email and keeps what was typed when a save fails", async () => {
    const person = await createTestUser({ email: "keep.typed@people.test" });
    const taken = await createTestUser({ email: "taken@people.test" });
    const request = makeRequest(`/admin/users/${person.id}`, { cookie: adminCookie, form: form({ email: taken.email, displayName: "Typed Name" }) });
    const res = unwrap(await editUser.action(routeArgs(request, { userId: person.id }) as never));
    expect(res.status).toBe(400);
    expect(res.data).toMatchObject({ errors: { email: "validation.emailTaken" }, values: { email: taken.email, displayName: "Typed Name" } });
    expect((await getDb().select().from(users).where(eq(users.id, person.id)))[0]!.displayName).toBe(person.displayName);
  });

  it("does not let an administrator change their own role, and offers only that role", async () => {
    const self = await createTestUser({ role: "admin" });
    const cookie = await sessionCookie(self.id);
    const page = unwrap(await editUser.loader(routeArgs(makeRequest(`/admin/users/${self.id}`, { cookie }), { userId: self.id }) as never)).data as {
      roles: string[];
    };
    expect(page.roles).toEqual(["admin"]);
    const res = await updateUser(self as never, self.id, {
      email: self.email,
      displayName: self.displayName,
      staffNumber: null,
      role: "staff",
      orgUnitId: null,
      locale: null,
    });
    expect(res).toEqual({ ok: false, field: "role", message: "validation.ownRole" });
    expect((await getDb().select().from(users).where(eq(users.id, self.id)))[0]!.role).toBe("admin");
  });

  it("records a role change, and nothing for a save that changes nothing", async () => {
    const person = await createTestUser({ email: "promote.me@people.test", staffNumber: null });
    const input = {
      email: person.email,
      displayName: person.displayName,
      staffNumber: null,
      role: "trainer" as const,
      orgUnitId: null,
      locale: null,
    };
    expect(await updateUser(admin as never, person.id, input)).toEqual({ ok: true });
    expect(await updateUser(admin as never, person.id, input)).toEqual({ ok: true });
    const events = await auditFor(person.id);
    expect(events.map((e) => e.action)).toEqual(["user.role_change"]);
    expect(events[0]!.details).toEqual({ role: { from: "staff", to: "trainer" } });
  });

  it("keeps HR away from accounts that are not staff accounts", async () => {
    const { value } = await run(() =>
      editUser.loader(routeArgs(makeRequest(`/admin/users/${admin.id}`, { cookie: hrCookie }), { userId: admin.id }) as never),
    );
    expect((value as Response).status).toBe(403);
  });

  it("deactivates and reactivates, audit-logged, but never oneself", async () => {
    const person = await createTestUser();
    const post = (intent: string, cookie = adminCookie, id = person.id) =>
      run(() => editUser.action(routeArgs(makeRequest(`/admin/users/${id}`, { cookie, form: { intent } }), { userId: id }) as never));
    expect(unwrap((await post("deactivate")).value).status).toBe(200);
    expect((await getDb().select().from(users).where(eq(users.id, person.id)))[0]!.active).toBe(false);
    await post("reactivate");
    expect((await getDb().select().from(users).where(eq(users.id, person.id)))[0]!.active).toBe(true);
    expect((await auditFor(person.id)).map((e) => e.action)).toEqual(["user.deactivate", "user.reactivate"]);
    const self = await post("deactivate", adminCookie, admin.id);
    expect((self.value as Response).status).toBe(403);
    await expect(setUserActive(hr as never, admin.id, false)).rejects.toMatchObject({ status: 403 });
    const bad = await post("explode");
    expect((bad.value as Response).status).toBe(400);
  });

  it("answers two creations with the same email with a field error, not a crash", async () => {
    const input = { email: "twice@people.test", displayName: "Twice", staffNumber: null, role: "staff" as const, orgUnitId: null, locale: null };
    expect((await createUser(admin as never, input)).ok).toBe(true);
    expect(await createUser(admin as never, input)).toEqual({ ok: false, field: "email", message: "validation.emailTaken" });
  });
});

describe("org units", () => {
  const post = (cookie: string, form: Record<string, string>) =>
    run(() => orgUnitsRoute.action(routeArgs(makeRequest("/admin/org-units", { cookie, form })) as never));

  it("creates units under a parent and shows them as a tree with people counts", async () => {
    const top = unwrap((await post(adminCookie, { intent: "create", name: "Tree Library System", code: "TLS", parentId: "" })).value);
    expect(top.status).toBe(200);
    const system = (await getDb().select().from(orgUnits).where(eq(orgUnits.code, "TLS")))[0]!;
    await post(adminCookie, { intent: "create", name: "Tree Branch", code: "", parentId: system.id });
    const branch = (await getDb().select().from(orgUnits).where(eq(orgUnits.name, "Tree Branch")))[0]!;
    expect(branch.parentId).toBe(system.id);
    expect(branch.code).toBeNull();
    await createTestUser({ orgUnitId: branch.id });
    const page = unwrap(await orgUnitsRoute.loader(routeArgs(makeRequest(`/admin/org-units?edit=${branch.id}`, { cookie: adminCookie })) as never))
      .data as {
      units: { id: string; depth: number; people: number }[];
      moveTargets: { id: string }[];
    };
    const ids = page.units.map((u) => u.id);
    expect(ids.indexOf(system.id)).toBeLessThan(ids.indexOf(branch.id));
    expect(page.units.find((u) => u.id === branch.id)).toMatchObject({ depth: 1, people: 1 });
    // A unit cannot move under itself, so it is not offered.
    expect(page.moveTargets.map((u) => u.id)).not.toContain(branch.id);
    expect((await auditFor(system.id)).map((e) => e.action)).toEqual(["org_unit.create"]);
  });

  it("refuses a duplicate name under the same parent, a taken code and an empty name", async () => {
    const parent = await makeUnit("Dup Parent");
    await makeUnit("Same Name", parent.id);
    const dupName = unwrap((await post(adminCookie, { intent: "create", name: "same name", code: "", parentId: parent.id })).value);
    expect(dupName).toMatchObject({ status: 400, data: { errors: { name: "validation.unitNameTaken" } } });
    expect(await createOrgUnit(admin as never, { name: "Elsewhere", code: "tls", parentId: null })).toEqual({
      ok: false,
      field: "code",
      message: "validation.unitCodeTaken",
    });
    const empty = unwrap((await post(adminCookie, { intent: "create", name: "  ", code: "", parentId: "" })).value);
    expect(empty).toMatchObject({ status: 400, data: { errors: { name: "validation.required" } } });
    const unknownParent = unwrap((await post(adminCookie, { intent: "create", name: "Orphan", code: "", parentId: "nope" })).value);
    expect(unknownParent).toMatchObject({ status: 400, data: { errors: { parentId: "validation.unknownOrgUnit" } } });
  });

  it("renames a unit, audit-logged", async () => {
    const unit = await makeUnit("Old Name");
    const res = unwrap((await post(adminCookie, { intent: "rename", id: unit.id, name: "New Name", code: "NN" })).value);
    expect(res.status).toBe(200);
    expect((await getDb().select().from(orgUnits).where(eq(orgUnits.id, unit.id)))[0]).toMatchObject({ name: "New Name", code: "NN" });
    expect((await auditFor(unit.id))[0]!.details).toMatchObject({ name: { from: "Old Name", to: "New Name" } });
  });

  it("moves a unit with its sub-units, and refuses cycles", async () => {
    const a = await makeUnit("Move A");
    const b = await makeUnit("Move B", a.id);
    const c = await makeUnit("Move C", b.id);
    const other = await makeUnit("Move Other");
    expect(await moveOrgUnit(admin as never, a.id, c.id)).toEqual({ ok: false, field: "parentId", message: "validation.unitCycle" });
    expect(await moveOrgUnit(admin as never, a.id, a.id)).toEqual({ ok: false, field: "parentId", message: "validation.unitCycle" });
    const viaRoute = unwrap((await post(adminCookie, { intent: "move", id: a.id, parentId: b.id })).value);
    expect(viaRoute).toMatchObject({ status: 400, data: { errors: { parentId: "validation.unitCycle" } } });
    expect(await moveOrgUnit(admin as never, b.id, other.id)).toEqual({ ok: true, id: b.id });
    expect(withDescendants(other.id, await listOrgUnits())).toEqual([other.id, b.id, c.id]);
    expect(await moveOrgUnit(admin as never, b.id, null)).toEqual({ ok: true, id: b.id });
    expect((await getDb().select().from(orgUnits).where(eq(orgUnits.id, b.id)))[0]!.parentId).toBeNull();
    expect((await auditFor(b.id)).map((e) => e.action)).toEqual(["org_unit.move", "org_unit.move"]);
  });

  it("never deletes a unit with sub-units, people (even deactivated) or assignments", async () => {
    const parent = await makeUnit("Del Parent");
    await makeUnit("Del Child", parent.id);
    expect(await deleteOrgUnit(admin as never, parent.id)).toMatchObject({ ok: false, message: "orgUnits.hasChildren" });
    const peopled = await makeUnit("Del Peopled");
    await createTestUser({ orgUnitId: peopled.id, active: false });
    const res = unwrap((await post(adminCookie, { intent: "delete", id: peopled.id })).value);
    expect(res).toMatchObject({ status: 400, data: { errors: { form: "orgUnits.hasPeople" } } });
    const assigned = await makeUnit("Del Assigned");
    await getDb().insert(assignments).values({
      id: "asg-del",
      moduleSlug: "quick-module",
      targetType: "org_unit",
      targetOrgUnitId: assigned.id,
      dueDate: "2099-01-01",
      createdAt: clockNow(),
    });
    expect(await deleteOrgUnit(admin as never, assigned.id)).toMatchObject({ ok: false, message: "orgUnits.hasAssignments" });
    const empty = await makeUnit("Del Empty");
    const done = (await post(adminCookie, { intent: "delete", id: empty.id })).value as Response;
    expect(done.status).toBe(302);
    expect((await getDb().select().from(orgUnits).where(eq(orgUnits.id, empty.id)))[0]).toBeUndefined();
    expect((await auditFor(empty.id)).map((e) => e.action)).toEqual(["org_unit.delete"]);
    expect((await orgUnitOverview(admin as never)).some((u) => u.id === parent.id)).toBe(true);
  });

  it("is for administrators only, in the data functions as well as the page", async () => {
    await expect(createOrgUnit(hr as never, { name: "HR Unit", code: null, parentId: null })).rejects.toThrow();
    await expect(renameOrgUnit(hr as never, "x", { name: "y", code: null })).rejects.toThrow();
    const res = await post(hrCookie, { intent: "create", name: "HR Unit", code: "", parentId: "" });
    expect((res.value as Response).status).toBe(403);
    expect((await getDb().select().from(orgUnits).where(eq(orgUnits.name, "HR Unit")))[0]).toBeUndefined();
  });
});
