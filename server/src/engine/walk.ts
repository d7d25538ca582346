// The single traversal: one pass over the nodes of the types some rule wants, dispatched to their visitors.
import type { Node } from 'web-tree-sitter';

export type EnterOrExit = (node: Node) => void;

/** Visitors of one walk, keyed by node type name; each callback is already guarded by its owner. */
export interface WalkVisitors {
  enter: Map<string, EnterOrExit[]>;
  exit: Map<string, EnterOrExit[]>;
}

/**
 * Visits `root` and its descendants of the requested types in document order, calling `:exit` visitors after a node's
 * descendants. tree-sitter collects the nodes in C (`descendantsOfType`), so nodes no visitor wants never
 * cross into JavaScript: on a 5,000-line file that is ~60,000 nodes against the few thousand rules look at.
 * Nesting is recovered from offsets (pre-order + a stack of open nodes), iteratively, so depth is no issue.
 */
export function walkTree(root: Node, visitors: WalkVisitors): void {
  const wanted = [...new Set([...visitors.enter.keys(), ...visitors.exit.keys()])];
  if (wanted.length === 0) return;
  // tree-sitter includes `root` itself when its type is wanted (it comes first, in pre-order).
  const nodes = root.descendantsOfType(wanted);
  const open: Node[] = [];
  const close = (node: Node) => {
    const handlers = visitors.exit.get(node.type);
    if (handlers) for (const handler of handlers) handler(node);
  };
  for (const node of nodes) {
    if (!node) continue;
    // Everything open that ends before this node starts is finished (it is not an ancestor).
    while (open.length > 0) {
      const top = open[open.length - 1];
      const inside = node.startIndex >= top.startIndex && node.endIndex <= top.endIndex && node.startIndex < top.endIndex;
      if (inside) break;
      close(open.pop()!);
    }
    const handlers = visitors.enter.get(node.type);
    if (handlers) for (const handler of handlers) handler(node);
    if (visitors.exit.has(node.type)) open.push(node);
  }
  while (open.length > 0) close(open.pop()!);
}
