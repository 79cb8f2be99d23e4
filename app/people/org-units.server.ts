import { writeTransaction } from "~/db/transaction.server";
import { asc, eq, sql } from "drizzle-orm";
import type { User } from "lucia";
import { recordAudit } from "~/audit/record.server";
import { getDb, type Tx } from "~/db/client.server";
import { assignments, orgUnits, users } from "~/db/schema";
import type { MessageKey } from "~/i18n/translate";
import type { OrgUnitInput } from "~/schemas/people";
import { newId } from "~/utils/ids.server";
import { assertCan } from "~/auth/policy.server";
import { clockNow } from "~/utils/clock.server";
import type { OrgUnitCounts, OrgUnitRow, OrgUnitSummary, TreeNode, TreeUnit } from "./org-unit-types";

export type OrgUnit = typeof orgUnits.$inferSelect;
export type { OrgUnitCounts, OrgUnitRow, OrgUnitSummary, TreeNode, TreeUnit };
export type OrgUnitNode = TreeNode<OrgUnit>;

export async function listOrgUnits(): Promise<OrgUnit[]> {
  return await getDb().select().from(orgUnits).orderBy(asc(orgUnits.name));
}

/**
 * The one tree builder: units (in the order siblings should show) as a tree, flattened in display
 * order (parents before their children), each with its depth and its children. A unit caught in
 * a parent cycle, or under a missing parent, is left out rather than looping.
 */
export function buildOrgUnitTree<T extends TreeUnit>(units: T[]): TreeNode<T>[] {
  const byParent = new Map<string | null, T[]>();
  for (const u of units) {
    const list = byParent.get(u.parentId) ?? [];
    list.push(u);
    byParent.set(u.parentId, list);
  }
  const flat: TreeNode<T>[] = [];
  const walk = (parentId: string | null, depth: number, seen: Set<string>): TreeNode<T>[] =>
    (byParent.get(parentId) ?? []).flatMap((u) => {
      if (seen.has(u.id)) return [];
      const node: TreeNode<T> = { ...u, depth, children: [] };
      flat.push(node);
      node.children = walk(u.id, depth + 1, new Set([...seen, u.id]));
      return [node];
    });
  walk(null, 0, new Set());
  return flat;
}

/** Units as a tree, flattened in display order (parents before their children) with a depth. */
export async function orgUnitTree(units?: OrgUnit[]): Promise<OrgUnitNode[]> {
  return buildOrgUnitTree(units ?? (await listOrgUnits()));
}

// The tree walk itself is a pure function that notifications use too (without importing people).
import { withDescendants } from "~/utils/org-tree";

export { withDescendants };

// ---------------------------------------------------------------------------------------------
// Managing the tree (administrators only)

export type OrgUnitResult = { ok: true; id: string } | { ok: false; field: "name" | "code" | "parentId" | "form"; message: MessageKey };

function assertAdmin(actor: Pick<User, "role">) {
  assertCan(actor, "org-units.manage");
}

async function unitsIn(tx: Tx) {
  return await tx.select().from(orgUnits);
}

const same = (a: string | null | undefined, b: string | null | undefined) =>
  (a ?? "").trim().toLocaleLowerCase("en") === (b ?? "").trim().toLocaleLowerCase("en");

/** Two units under one parent may not share a name, and codes are unique (case ignored). */
function nameOrCodeProblem(units: OrgUnit[], input: { name: string; code: string | null; parentId: string | null }, exceptId?: string) {
  const others = units.filter((u) => u.id !== exceptId);
  if (others.some((u) => u.parentId === input.parentId && same(u.name, input.name))) {
    return { ok: false, field: "name", message: "validation.unitNameTaken" } as const;
  }
  if (input.code && others.some((u) => u.code && same(u.code, input.code))) {
    return { ok: false, field: "code", message: "validation.unitCodeTaken" } as const;
  }
  return null;
}

export async function createOrgUnit(actor: User, input: OrgUnitInput, now = clockNow()): Promise<OrgUnitResult> {
  assertAdmin(actor);
  const parentId = input.parentId ?? null;
  return writeTransaction(async (tx) => {
    const units = await unitsIn(tx);
    if (parentId && !units.some((u) => u.id === parentId)) {
      return { ok: false, field: "parentId", message: "validation.unknownOrgUnit" } as const;
    }
    const problem = nameOrCodeProblem(units, { name: input.name, code: input.code, parentId });
    if (problem) return problem;
    const id = newId();
    await tx.insert(orgUnits).values({ id, name: input.name, code: input.code, parentId, createdAt: now });
    await recordAudit(
      tx,
      {
        actorId: actor.id,
        action: "org_unit.create",
        subjectType: "org_unit",
        subjectId: id,
        details: { name: input.name, code: input.code, parentId },
      },
      now,
    );
    return { ok: true, id } as const;
  });
}

function findUnit(units: OrgUnit[], id: string) {
  const unit = units.find((u) => u.id === id);
  if (!unit) throw new Response("Not found", { status: 404 });
  return unit;
}

export async function renameOrgUnit(actor: User, id: string, input: { name: string; code: string | null }, now = clockNow()): Promise<OrgUnitResult> {
  assertAdmin(actor);
  return writeTransaction(async (tx) => {
    const units = await unitsIn(tx);
    const unit = findUnit(units, id);
    const problem = nameOrCodeProblem(units, { ...input, parentId: unit.parentId }, id);
    if (problem) return problem;
    if (unit.name === input.name && unit.code === input.code) return { ok: true, id } as const;
    await tx.update(orgUnits).set({ name: input.name, code: input.code }).where(eq(orgUnits.id, id));
    await recordAudit(
      tx,
      {
        actorId: actor.id,
        action: "org_unit.rename",
        subjectType: "org_unit",
        subjectId: id,
        details: { name: { from: unit.name, to: input.name }, code: { from: unit.code, to: input.code } },
      },
      now,
    );
    return { ok: true, id } as const;
  });
}

/** Moves a unit (with everything below it) under another parent, or to the top. Refuses cycles. */
export async function moveOrgUnit(actor: User, id: string, parentId: string | null, now = clockNow()): Promise<OrgUnitResult> {
  assertAdmin(actor);
  return writeTransaction(async (tx) => {
    const units = await unitsIn(tx);
    const unit = findUnit(units, id);
    if (parentId && !units.some((u) => u.id === parentId)) {
      return { ok: false, field: "parentId", message: "validation.unknownOrgUnit" } as const;
    }
    if (parentId && withDescendants(id, units).includes(parentId)) {
      return { ok: false, field: "parentId", message: "validation.unitCycle" } as const;
    }
    if (unit.parentId === parentId) return { ok: true, id } as const;
    const problem = nameOrCodeProblem(units, { name: unit.name, code: null, parentId }, id);
    if (problem) return { ...problem, field: "parentId" } as const;
    await tx.update(orgUnits).set({ parentId }).where(eq(orgUnits.id, id));
    await recordAudit(
      tx,
      {
        actorId: actor.id,
        action: "org_unit.move",
        subjectType: "org_unit",
        subjectId: id,
        details: { name: unit.name, parentId: { from: unit.parentId, to: parentId } },
      },
      now,
    );
    return { ok: true, id } as const;
  });
}

/** Deletes an empty unit: never one with people (active or not), sub-units or assignments. */
export async function deleteOrgUnit(actor: User, id: string, now = clockNow()): Promise<OrgUnitResult> {
  assertAdmin(actor);
  return writeTransaction(async (tx) => {
    const units = await unitsIn(tx);
    const unit = findUnit(units, id);
    if (units.some((u) => u.parentId === id)) return { ok: false, field: "form", message: "orgUnits.hasChildren" } as const;
    const [people] = await tx
      .select({ n: sql<number>`count(*)` })
      .from(users)
      .where(eq(users.orgUnitId, id));
    if ((people?.n ?? 0) > 0) return { ok: false, field: "form", message: "orgUnits.hasPeople" } as const;
    const [assigned] = await tx
      .select({ n: sql<number>`count(*)` })
      .from(assignments)
      .where(eq(assignments.targetOrgUnitId, id));
    if ((assigned?.n ?? 0) > 0) return { ok: false, field: "form", message: "orgUnits.hasAssignments" } as const;
    await tx.delete(orgUnits).where(eq(orgUnits.id, id));
    await recordAudit(
      tx,
      { actorId: actor.id, action: "org_unit.delete", subjectType: "org_unit", subjectId: id, details: { name: unit.name, code: unit.code } },
      now,
    );
    return { ok: true, id } as const;
  });
}

/** The tree for the admin page, each unit with how many people, sub-units and assignments it has. */
export async function orgUnitOverview(actor: User): Promise<OrgUnitRow[]> {
  assertAdmin(actor);
  const db = getDb();
  const [peopleRows, assignedRows, units] = await Promise.all([
    // `active` is a boolean on PostgreSQL (sum() refuses it) and 0/1 on SQLite: count with case.
    db
      .select({ id: users.orgUnitId, n: sql<number>`count(*)`, active: sql<number>`sum(case when ${users.active} then 1 else 0 end)` })
      .from(users)
      .groupBy(users.orgUnitId),
    db
      .select({ id: assignments.targetOrgUnitId, n: sql<number>`count(*)` })
      .from(assignments)
      .groupBy(assignments.targetOrgUnitId),
    listOrgUnits(),
  ]);
  const people = new Map(peopleRows.map((r) => [r.id, r]));
  const assigned = new Map(assignedRows.map((r) => [r.id, r.n]));
  const tree = buildOrgUnitTree(
    units.map((u) => ({
      id: u.id,
      name: u.name,
      code: u.code,
      parentId: u.parentId,
      people: people.get(u.id)?.n ?? 0,
      activePeople: people.get(u.id)?.active ?? 0,
      childCount: 0,
      assignments: assigned.get(u.id) ?? 0,
    })),
  );
  for (const node of tree) node.childCount = node.children.length;
  return tree;
}

const summary = ({ children: _children, ...u }: OrgUnitRow): OrgUnitSummary => u;

/**
 * The admin page's data: the tree once (its top-level units, nested), the units in display order
 * for the parent lists, the unit being edited and where it may move (not under itself).
 * `null` when `editId` names no unit.
 */
export async function orgUnitsPage(actor: User, editId: string | undefined) {
  const units = await orgUnitOverview(actor);
  const selected = editId ? units.find((u) => u.id === editId) : undefined;
  if (editId && !selected) return null;
  const blocked = new Set(selected ? withDescendants(selected.id, units) : []);
  return {
    tree: units.filter((u) => u.depth === 0),
    units: units.map(summary),
    selected: selected ? summary(selected) : null,
    moveTargets: units.filter((u) => !blocked.has(u.id)).map((u) => ({ id: u.id, name: u.name, depth: u.depth })),
  };
}
