// Org units form a tree through parent_id; walking it needs no database, so features that only
// hold a list of units (people, notifications, reports) share this one function.

type UnitLink = { id: string; parentId: string | null };

/** A unit's id together with the ids of all units below it, among `units` (e.g. `await listOrgUnits()`). */
export function withDescendants(unitId: string, units: UnitLink[]): string[] {
  const children = new Map<string, string[]>();
  for (const u of units) {
    if (!u.parentId) continue;
    const list = children.get(u.parentId) ?? [];
    list.push(u.id);
    children.set(u.parentId, list);
  }
  const out = [unitId];
  const seen = new Set(out);
  for (let i = 0; i < out.length; i++) {
    for (const child of children.get(out[i]!) ?? []) {
      if (!seen.has(child)) {
        seen.add(child);
        out.push(child);
      }
    }
  }
  return out;
}
