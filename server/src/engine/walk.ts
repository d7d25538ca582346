// The single traversal: walks a tree once with a cursor and dispatches each node to the visitors registered for its type.
import type { Language, Node, Tree } from 'web-tree-sitter';

export type EnterOrExit = (node: Node) => void;

/** Visitors of one walk, keyed by node type name; each callback is already guarded by its owner. */
export interface WalkVisitors {
  enter: Map<string, EnterOrExit[]>;
  exit: Map<string, EnterOrExit[]>;
}

interface DispatchTable {
  enter: (EnterOrExit[] | undefined)[];
  exit: (EnterOrExit[] | undefined)[];
}

/** Node type ids per type name, per grammar (aliased types share a name but not an id). Built once per Language. */
const idsByLanguage = new WeakMap<Language, Map<string, number[]>>();

function typeIds(language: Language): Map<string, number[]> {
  let ids = idsByLanguage.get(language);
  if (!ids) {
    ids = new Map();
    for (let id = 0; id < language.nodeTypeCount; id++) {
      const name = language.nodeTypeForId(id);
      if (!name) continue;
      const list = ids.get(name);
      if (list) list.push(id);
      else ids.set(name, [id]);
    }
    idsByLanguage.set(language, ids);
  }
  return ids;
}

/**
 * Builds arrays indexed by node type id, so the hot loop compares numbers and only materialises a
 * Node object when some visitor wants it.
 */
function dispatchTable(language: Language, visitors: WalkVisitors): DispatchTable {
  const ids = typeIds(language);
  const table: DispatchTable = { enter: [], exit: [] };
  for (const [name, handlers] of visitors.enter) for (const id of ids.get(name) ?? []) table.enter[id] = handlers;
  for (const [name, handlers] of visitors.exit) for (const id of ids.get(name) ?? []) table.exit[id] = handlers;
  return table;
}

/** Walks every node of `tree` once, depth first, iteratively (no recursion: deep nesting is safe). */
export function walkTree(tree: Tree, visitors: WalkVisitors): void {
  const table = dispatchTable(tree.language, visitors);
  const cursor = tree.walk();
  const pendingExits: { depth: number; node: Node; handlers: EnterOrExit[] }[] = [];
  const leave = (depth: number) => {
    while (pendingExits.length > 0 && pendingExits[pendingExits.length - 1].depth >= depth) {
      const { node, handlers } = pendingExits.pop()!;
      for (const handler of handlers) handler(node);
    }
  };
  // Depth is tracked here: TreeCursor.currentDepth walks the cursor stack, which made deep trees quadratic.
  let depth = 0;
  try {
    outer: for (;;) {
      const typeId = cursor.nodeTypeId;
      const enter = table.enter[typeId];
      const exit = table.exit[typeId];
      if (enter || exit) {
        const node = cursor.currentNode;
        if (enter) for (const handler of enter) handler(node);
        if (exit) pendingExits.push({ depth, node, handlers: exit });
      }
      if (cursor.gotoFirstChild()) {
        depth++;
        continue;
      }
      for (;;) {
        leave(depth);
        if (cursor.gotoNextSibling()) continue outer;
        if (!cursor.gotoParent()) break outer;
        depth--;
      }
    }
    leave(0);
  } finally {
    cursor.delete();
  }
}
