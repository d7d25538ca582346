// Grammar-independent tree helpers for rules: ancestors, bounded descendant search, containment.
import type { Node, Tree } from 'web-tree-sitter';

/** Parents of `node`, nearest first. */
export function* ancestors(node: Node): Generator<Node> {
  for (let current = node.parent; current; current = current.parent) yield current;
}

/**
 * The nearest ancestor for which `match` is true, not looking past an ancestor for which `stop` is
 * true (for example a function boundary).
 */
export function closestAncestor(node: Node, match: (n: Node) => boolean, stop?: (n: Node) => boolean): Node | undefined {
  for (const ancestor of ancestors(node)) {
    if (match(ancestor)) return ancestor;
    if (stop?.(ancestor)) return undefined;
  }
  return undefined;
}

/**
 * Descendants of `root` (not `root` itself) in document order, iteratively so deep trees are safe.
 * `skip` prunes a subtree (its root is still yielded).
 */
export function* descendants(root: Node, skip?: (n: Node) => boolean): Generator<Node> {
  const cursor = root.walk();
  try {
    if (!cursor.gotoFirstChild()) return;
    for (;;) {
      const node = cursor.currentNode;
      yield node;
      if (!(skip?.(node)) && cursor.gotoFirstChild()) continue;
      for (;;) {
        if (cursor.gotoNextSibling()) break;
        if (!cursor.gotoParent() || cursor.currentNode.id === root.id) return;
      }
    }
  } finally {
    cursor.delete();
  }
}

/** Descendants of the given types. */
export function* descendantsOfType(root: Node, types: ReadonlySet<string> | readonly string[], skip?: (n: Node) => boolean): Generator<Node> {
  const wanted = types instanceof Set ? types : new Set(types as readonly string[]);
  for (const node of descendants(root, skip)) if (wanted.has(node.type)) yield node;
}

/** True when `inner` lies within `outer` (or is it). */
export function contains(outer: Node, inner: Node): boolean {
  return inner.startIndex >= outer.startIndex && inner.endIndex <= outer.endIndex;
}

/** Named children of a node (non-null). */
export function namedChildren(node: Node): Node[] {
  const out: Node[] = [];
  for (let i = 0; i < node.namedChildCount; i++) {
    const child = node.namedChild(i);
    if (child) out.push(child);
  }
  return out;
}

/** All children of a node (non-null), with their field names. */
export function childrenWithFields(node: Node): { node: Node; field: string | null }[] {
  const out: { node: Node; field: string | null }[] = [];
  for (let i = 0; i < node.childCount; i++) {
    const child = node.child(i);
    if (child) out.push({ node: child, field: node.fieldNameForChild(i) });
  }
  return out;
}

/**
 * Memoises a pure reading of a node per tree and node id. Many rules read the same call or message with the same
 * helper during one lint (a dozen rules look at every Swift call); with this each node is read once. Entries go
 * with their tree (WeakMap), and a reparse makes a new tree.
 */
export function oncePerNode<T>(read: (node: Node) => T): (node: Node) => T {
  const byTree = new WeakMap<Tree, Map<number, T>>();
  return (node) => {
    let known = byTree.get(node.tree);
    if (!known) byTree.set(node.tree, known = new Map());
    if (known.has(node.id)) return known.get(node.id) as T;
    const value = read(node);
    known.set(node.id, value);
    return value;
  };
}
