import { beforeAll, describe, expect, it } from "vitest";
import { buildOrgUnitTree, orgUnitsPage, orgUnitTree } from "~/people/org-units.server";
import { deleteBlockers } from "~/components/org-units/org-unit-parts";
import * as orgUnitsRoute from "~/routes/admin.org-units";
import { createOrgUnit, createTestUser, makeRequest, routeArgs, run, sessionCookie, unwrap } from "../setup/factories";

describe("the one tree builder", () => {
  const u = (id: string, parentId: string | null) => ({ id, parentId, name: id.toUpperCase() });

  it("lists parents before their children, keeps the siblings' order, and nests each unit under its parent once", () => {
    const flat = buildOrgUnitTree([u("b", null), u("b2", "b"), u("a", null), u("b1", "b"), u("b1x", "b1")]);
    expect(flat.map((n) => [n.id, n.depth])).toEqual([
      ["b", 0],
      ["b2", 1],
      ["b1", 1],
      ["b1x", 2],
      ["a", 0],
    ]);
    const b = flat[0]!;
    expect(b.children.map((c) => c.id)).toEqual(["b2", "b1"]);
    expect(b.children[1]!.children.map((c) => c.id)).toEqual(["b1x"]);
    // The flat list and the nested children are the same nodes: one tree, two views of it.
    expect(b.children[1]).toBe(flat[2]);
    expect(flat.filter((n) => n.depth === 0).map((n) => n.id)).toEqual(["b", "a"]);
  });

  it("leaves out units in a parent cycle or under a missing parent instead of looping", () => {
    const flat = buildOrgUnitTree([u("root", null), u("x", "y"), u("y", "x"), u("orphan", "gone")]);
    expect(flat.map((n) => n.id)).toEqual(["root"]);
  });
});

describe("the org-unit admin page's data", () => {
  let admin: Awaited<ReturnType<typeof createTestUser>>;
  let library: Awaited<ReturnType<typeof createOrgUnit>>;
  let central: Awaited<ReturnType<typeof createOrgUnit>>;
  let reading: Awaited<ReturnType<typeof createOrgUnit>>;
  let annex: Awaited<ReturnType<typeof createOrgUnit>>;

  beforeAll(async () => {
    admin = await createTestUser({ role: "admin" });
    library = await createOrgUnit("Library System");
    central = await createOrgUnit("Central", library.id);
    reading = await createOrgUnit("Reading Room", central.id);
    annex = await createOrgUnit("Annex");
    await createTestUser({ role: "staff", orgUnitId: central.id });
    await createTestUser({ role: "staff", orgUnitId: central.id, active: false });
  });

  it("builds the page's tree with orgUnitTree's order, each unit with its counts", async () => {
    const page = (await orgUnitsPage(admin, undefined))!;
    expect(page.units.map((x) => x.id)).toEqual((await orgUnitTree()).map((x) => x.id));
    expect(page.tree.map((x) => x.id)).toEqual([annex.id, library.id]);
    const centralNode = page.tree[1]!.children[0]!;
    expect(centralNode).toMatchObject({ id: central.id, depth: 1, people: 2, activePeople: 1, childCount: 1, assignments: 0 });
    expect(centralNode.children.map((c) => c.id)).toEqual([reading.id]);
    expect(page.selected).toBeNull();
  });

  it("offers every unit but the chosen one and those below it as a move target, and says what blocks deleting it", async () => {
    const page = (await orgUnitsPage(admin, central.id))!;
    expect(page.selected).toMatchObject({ id: central.id, childCount: 1, people: 2 });
    expect(page.selected).not.toHaveProperty("children");
    expect(page.moveTargets.map((x) => x.id).sort()).toEqual([annex.id, library.id].sort());
    expect(deleteBlockers(page.selected!)).toEqual(["orgUnits.hasChildren", "orgUnits.hasPeople"]);
    expect(deleteBlockers((await orgUnitsPage(admin, annex.id))!.selected!)).toEqual([]);
    expect(await orgUnitsPage(admin, "no-such-unit")).toBeNull();
  });

  it("serves the nested tree from the route, and 404 for an unknown unit", async () => {
    const cookie = await sessionCookie(admin.id);
    const ok = unwrap((await run(() => orgUnitsRoute.loader(routeArgs(makeRequest(`/admin/org-units?edit=${reading.id}`, { cookie }))))).value);
    const data = ok.data as { tree: { id: string; children: { id: string; children: { id: string }[] }[] }[]; selected: { id: string } };
    expect(data.tree[1]!.children[0]!.children[0]!.id).toBe(reading.id);
    expect(data.selected.id).toBe(reading.id);
    const missing = await run(() => orgUnitsRoute.loader(routeArgs(makeRequest("/admin/org-units?edit=nope", { cookie }))));
    expect(missing.thrown && unwrap(missing.value).status).toBe(404);
  });
});
