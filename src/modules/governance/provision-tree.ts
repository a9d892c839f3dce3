// Pure rules for the provision tree of one code (principe → bepaling): sibling order, the
// whole tree in reading order, and the cycle check for a new parent.

export interface TreeNode {
  id: string;
  reference: string;
  position: number;
  parent?: { id: string } | null;
}

/** Siblings by position, then by reference ("3.2" before "3.10"), then by id so the order is total. */
export function compareSiblings(a: TreeNode, b: TreeNode): number {
  return (
    a.position - b.position ||
    a.reference.localeCompare(b.reference, 'en', { numeric: true }) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/**
 * The provisions of one code in reading order: depth first, each provision followed by its
 * children, siblings by `compareSiblings`. A provision whose parent is not among `nodes`
 * counts as a root, and a broken tree (a cycle) cannot lose a provision: what the walk
 * did not reach is appended in sibling order.
 */
export function inTreeOrder<T extends TreeNode>(nodes: readonly T[]): T[] {
  const ids = new Set(nodes.map((n) => n.id));
  const children = new Map<string | null, T[]>();
  for (const node of nodes) {
    const parentId = node.parent && ids.has(node.parent.id) ? node.parent.id : null;
    const list = children.get(parentId) ?? [];
    list.push(node);
    children.set(parentId, list);
  }
  for (const list of children.values()) list.sort(compareSiblings);

  const out: T[] = [];
  const seen = new Set<string>();
  const visit = (node: T) => {
    if (seen.has(node.id)) return;
    seen.add(node.id);
    out.push(node);
    for (const child of children.get(node.id) ?? []) visit(child);
  };
  for (const root of children.get(null) ?? []) visit(root);
  if (out.length < nodes.length) {
    for (const node of [...nodes].sort(compareSiblings)) visit(node);
  }
  return out;
}

/**
 * Whether placing `id` under `newParentId` would make it its own ancestor: true when the
 * new parent is the provision itself or one of its descendants. `parentOf` maps every
 * provision of the code to its current parent's id (or null).
 */
export function wouldCreateCycle(id: string, newParentId: string, parentOf: ReadonlyMap<string, string | null>): boolean {
  const seen = new Set<string>();
  for (let at: string | null | undefined = newParentId; at != null; at = parentOf.get(at)) {
    if (at === id) return true;
    if (seen.has(at)) return false; // an existing cycle elsewhere: not ours to report
    seen.add(at);
  }
  return false;
}
