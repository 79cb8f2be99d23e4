import { asc } from "drizzle-orm";
import { getDb } from "~/db/client.server";
import { orgUnits } from "~/db/schema";

export type OrgUnit = typeof orgUnits.$inferSelect;
export type OrgUnitNode = OrgUnit & { depth: number; children: OrgUnitNode[] };

export function listOrgUnits(): OrgUnit[] {
  return getDb().select().from(orgUnits).orderBy(asc(orgUnits.name)).all();
}

/** Units as a tree, flattened in display order (parents before their children) with a depth. */
export function orgUnitTree(units = listOrgUnits()): OrgUnitNode[] {
  const byParent = new Map<string | null, OrgUnit[]>();
  for (const u of units) {
    const list = byParent.get(u.parentId) ?? [];
    list.push(u);
    byParent.set(u.parentId, list);
  }
  const flat: OrgUnitNode[] = [];
  const walk = (parentId: string | null, depth: number, seen: Set<string>): OrgUnitNode[] =>
    (byParent.get(parentId) ?? []).flatMap((u) => {
      if (seen.has(u.id)) return [];
      const node: OrgUnitNode = { ...u, depth, children: [] };
      flat.push(node);
      node.children = walk(u.id, depth + 1, new Set([...seen, u.id]));
      return [node];
    });
  walk(null, 0, new Set());
  return flat;
}

/** A unit's id together with the ids of all units below it. */
export function withDescendants(unitId: string, units = listOrgUnits()): string[] {
  const out = [unitId];
  for (let i = 0; i < out.length; i++) {
    for (const u of units) if (u.parentId === out[i] && !out.includes(u.id)) out.push(u.id);
  }
  return out;
}
