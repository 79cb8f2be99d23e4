import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "~/db/client.server";
import { assignments, auditEvents } from "~/db/schema";
import { getContent } from "~/content/registry.server";
import { assignmentsForUser } from "~/learning/assignments.server";
import { myLearning } from "~/learning/my-learning.server";
import { todayIn } from "~/utils/dates";
import { createAssignment, listAssignments } from "~/people/assignments.server";
import * as route from "~/routes/hr.assignments";
import { createOrgUnit, createTestUser, makeRequest, routeArgs, run, sessionCookie, unwrap } from "../setup/factories";
import { clockNow } from "~/utils/clock.server";

type TestUser = Awaited<ReturnType<typeof createTestUser>>;
let hr: TestUser;
let hrCookie: string;
let system: Awaited<ReturnType<typeof createOrgUnit>>;
let branch: Awaited<ReturnType<typeof createOrgUnit>>;
let desk: Awaited<ReturnType<typeof createOrgUnit>>;
let deskStaff: TestUser;

const today = todayIn("UTC", clockNow());
const inDays = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  hr = await createTestUser({ role: "hr" });
  hrCookie = await sessionCookie(hr.id);
  system = await createOrgUnit("Assign System");
  branch = await createOrgUnit("Assign Branch", system.id);
  desk = await createOrgUnit("Assign Desk", branch.id);
  deskStaff = await createTestUser({ orgUnitId: desk.id, email: "desk.staff@assign.test", staffNumber: "DESK-1" });
  await createTestUser({ orgUnitId: branch.id });
  await createTestUser({ orgUnitId: branch.id, active: false });
  await createTestUser({ orgUnitId: system.id });
});

const post = (form: Record<string, string>, cookie = hrCookie) =>
  run(() => route.action(routeArgs(makeRequest("/hr/assignments", { cookie, form })) as never));
const create = (over: Record<string, string>) =>
  post({
    intent: "create",
    moduleSlug: "quick-module",
    targetType: "org_unit",
    orgUnitId: branch.id,
    person: "",
    role: "staff",
    dueDate: inDays(14),
    ...over,
  });
const listed = async () =>
  (
    unwrap(await route.loader(routeArgs(makeRequest("/hr/assignments", { cookie: hrCookie })) as never)).data as {
      rows: { id: string; moduleTitle: string; target: string; targetType: string; covers: number; dueDate: string }[];
    }
  ).rows;

describe("assigning a module", () => {
  it("assigns to a branch: everyone in it and its sub-units sees it, and the list counts them", async () => {
    const res = unwrap((await create({})).value);
    expect(res.status).toBe(200);
    const row = (await listed()).find((r) => r.target === "Assign Branch")!;
    // Two active people in the branch and its desk; the deactivated one does not count.
    expect(row).toMatchObject({ moduleTitle: "Quick module", targetType: "org_unit", covers: 2, dueDate: inDays(14) });
    expect((await assignmentsForUser(deskStaff)).get("quick-module")).toEqual({ moduleSlug: "quick-module", dueDate: inDays(14) });
    const page = await myLearning(deskStaff as never, await getContent(), "en", "UTC");
    expect(page.assigned.map((c) => [c.slug, c.dueDate, c.overdue])).toEqual([["quick-module", inDays(14), false]]);
    const events = await getDb().select().from(auditEvents).where(eq(auditEvents.action, "assignment.create"));
    expect(events.at(-1)!.details).toMatchObject({ module: "quick-module", targetType: "org_unit", target: "Assign Branch", dueDate: inDays(14) });
  });

  it("refuses the same module for the same target twice", async () => {
    const res = unwrap((await create({})).value);
    expect(res).toMatchObject({ status: 400, data: { errors: { moduleSlug: "validation.alreadyAssigned" } } });
  });

  it("refuses a due date in the past, a date that does not exist, and no date", async () => {
    expect(unwrap((await create({ dueDate: inDays(-1), orgUnitId: system.id })).value)).toMatchObject({
      status: 400,
      data: { errors: { dueDate: "validation.dueDatePast" } },
    });
    expect(unwrap((await create({ dueDate: "2031-02-30", orgUnitId: system.id })).value)).toMatchObject({
      status: 400,
      data: { errors: { dueDate: "validation.date" } },
    });
    expect(unwrap((await create({ dueDate: "31/12/2031", orgUnitId: system.id })).value)).toMatchObject({
      status: 400,
      data: { errors: { dueDate: "validation.date" } },
    });
    const empty = unwrap((await create({ dueDate: "", orgUnitId: system.id })).value);
    expect(empty).toMatchObject({ status: 400, data: { errors: { dueDate: "validation.required" }, values: { orgUnitId: system.id } } });
    // Today is fine.
    expect(unwrap((await create({ dueDate: today, orgUnitId: system.id, moduleSlug: "limited-module" })).value).status).toBe(200);
  });

  it("refuses draft and unknown modules, unknown units and missing targets", async () => {
    expect(unwrap((await create({ moduleSlug: "draft-module" })).value)).toMatchObject({
      status: 400,
      data: { errors: { moduleSlug: "validation.unknownModule" } },
    });
    expect(unwrap((await create({ moduleSlug: "no-such-module" })).value)).toMatchObject({
      status: 400,
      data: { errors: { moduleSlug: "validation.unknownModule" } },
    });
    expect(unwrap((await create({ orgUnitId: "nope" })).value)).toMatchObject({
      status: 400,
      data: { errors: { orgUnitId: "validation.unknownOrgUnit" } },
    });
    expect(unwrap((await create({ orgUnitId: "" })).value)).toMatchObject({ status: 400, data: { errors: { orgUnitId: "validation.required" } } });
    expect(unwrap((await create({ targetType: "planet" })).value).status).toBe(400);
  });

  it("assigns to one person by email or staff number, and to a role", async () => {
    expect(unwrap((await create({ targetType: "user", person: "DESK.STAFF@assign.test", moduleSlug: "limited-module" })).value).status).toBe(200);
    expect(unwrap((await create({ targetType: "user", person: "DESK-1", moduleSlug: "limited-module" })).value)).toMatchObject({
      data: { errors: { moduleSlug: "validation.alreadyAssigned" } },
    });
    expect(unwrap((await create({ targetType: "user", person: "nobody@assign.test" })).value)).toMatchObject({
      status: 400,
      data: { errors: { person: "validation.unknownPerson" } },
    });
    expect(unwrap((await create({ targetType: "role", role: "trainer" })).value).status).toBe(200);
    const rows = await listed();
    expect(rows.find((r) => r.targetType === "user")).toMatchObject({ target: deskStaff.displayName, covers: 1 });
    expect(rows.find((r) => r.targetType === "role")).toMatchObject({ target: "trainer" });
    const trainer = await createTestUser({ role: "trainer" });
    expect((await assignmentsForUser(trainer)).has("quick-module")).toBe(true);
  });
});

describe("changing and removing", () => {
  it("changes the due date, which makes a module overdue once it has passed, and removes it", async () => {
    const person = await createTestUser({ email: "change.me@assign.test" });
    await create({ targetType: "user", person: person.email });
    const row = (await listed()).find((r) => r.target === person.displayName)!;
    const bad = unwrap((await post({ intent: "due", id: row.id, dueDate: "not-a-date" })).value);
    expect(bad).toMatchObject({ status: 400, data: { rowId: row.id, rowError: "validation.date" } });
    // A past date is allowed when changing: HR may record that something was already due.
    expect(unwrap((await post({ intent: "due", id: row.id, dueDate: inDays(-3) })).value).status).toBe(200);
    expect((await getDb().select().from(assignments).where(eq(assignments.id, row.id)))[0]!.dueDate).toBe(inDays(-3));
    const page = await myLearning(person as never, await getContent(), "en", "UTC");
    expect(page.assigned.find((c) => c.slug === "quick-module")).toMatchObject({ overdue: true });
    expect(unwrap((await post({ intent: "remove", id: row.id })).value).status).toBe(200);
    expect((await getDb().select().from(assignments).where(eq(assignments.id, row.id)))[0]).toBeUndefined();
    const actions = (await getDb().select().from(auditEvents).where(eq(auditEvents.subjectId, person.id))).map((e) => e.action);
    expect(actions).toEqual(["assignment.create", "assignment.due_change", "assignment.delete"]);
    const missing = await post({ intent: "remove", id: row.id });
    expect((missing.value as Response).status).toBe(404);
  });

  it("is refused to staff in the data functions as well as the page", async () => {
    const staff = await createTestUser();
    const state = await getContent();
    await expect(listAssignments(staff as never, state, "en")).rejects.toThrow();
    await expect(
      createAssignment(
        staff as never,
        { intent: "create", moduleSlug: "quick-module", targetType: "role", role: "staff", dueDate: inDays(3) },
        state,
        today,
      ),
    ).rejects.toThrow();
    const res = await post(
      { intent: "create", moduleSlug: "quick-module", targetType: "role", role: "staff", dueDate: inDays(3) },
      await sessionCookie(staff.id),
    );
    expect((res.value as Response).status).toBe(403);
  });
});
