// Shapes of the org-unit admin page, shared by org-units.server.ts and the components that show them.

/** What the tree builder needs of a unit. */
export type TreeUnit = { id: string; parentId: string | null };
/** A unit in the tree: its depth (0 = top level) and the units directly under it. */
export type TreeNode<T extends TreeUnit> = T & { depth: number; children: TreeNode<T>[] };

export type OrgUnitCounts = {
  id: string;
  name: string;
  code: string | null;
  parentId: string | null;
  people: number;
  activePeople: number;
  childCount: number;
  assignments: number;
};
export type OrgUnitRow = TreeNode<OrgUnitCounts>;

/** A unit of the admin page without its subtree (a flat copy for lists and the edit panel). */
export type OrgUnitSummary = OrgUnitCounts & { depth: number };
