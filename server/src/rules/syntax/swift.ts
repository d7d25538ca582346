// Swift syntax helpers: calls with labelled arguments, member access, loops and function boundaries.
import type { Node } from 'web-tree-sitter';
import { childrenWithFields, namedChildren, oncePerNode } from './tree';

export interface SwiftArgument {
  /** The argument label (`encryptionPreference`), if any. */
  label?: string;
  value?: Node;
  node: Node;
}

export interface SwiftCall {
  node: Node;
  /** The called name: `MCSession` in `MCSession(...)`, `send` in `conn.send(...)`. */
  name: string;
  nameNode: Node;
  /** The expression before the dot for member calls (`conn` in `conn.send(...)`). */
  receiver?: Node;
  arguments: SwiftArgument[];
  /** Trailing closures (`{ … }` after the parentheses). */
  trailingClosures: Node[];
}

/** Member access `a.b`: the target expression and the member name. */
export function swiftMember(node: Node): { target: Node | undefined; name: string; nameNode: Node } | undefined {
  if (node.type !== 'navigation_expression') return undefined;
  const suffix = node.childForFieldName('suffix');
  const nameNode = suffix?.childForFieldName('suffix');
  if (!nameNode) return undefined;
  return { target: node.childForFieldName('target') ?? undefined, name: nameNode.text, nameNode };
}

/** Reads a `call_expression`; undefined for shapes we do not understand (they are left alone). Read once per node. */
export const swiftCall: (node: Node) => SwiftCall | undefined = oncePerNode(readCall);

function readCall(node: Node): SwiftCall | undefined {
  if (node.type !== 'call_expression') return undefined;
  const callee = node.namedChild(0);
  const suffix = node.namedChildren.find((c) => c?.type === 'call_suffix');
  if (!callee || !suffix) return undefined;
  let name: string;
  let nameNode: Node;
  let receiver: Node | undefined;
  if (callee.type === 'simple_identifier') {
    name = callee.text;
    nameNode = callee;
  } else if (callee.type === 'navigation_expression') {
    const member = swiftMember(callee);
    if (!member) return undefined;
    ({ name, nameNode } = member);
    receiver = member.target;
  } else if (callee.type === 'prefix_expression' && callee.child(0)?.type === '.') {
    // Implicit member call: `.contentProcessed { … }`.
    const target = callee.childForFieldName('target');
    if (!target) return undefined;
    name = target.text;
    nameNode = target;
  } else {
    return undefined;
  }
  const args: SwiftArgument[] = [];
  const trailingClosures: Node[] = [];
  for (const part of namedChildren(suffix)) {
    if (part.type === 'value_arguments') {
      for (const arg of namedChildren(part)) {
        if (arg.type !== 'value_argument') continue;
        const label = arg.childForFieldName('name')?.text;
        args.push({ label, value: arg.childForFieldName('value') ?? undefined, node: arg });
      }
    } else if (part.type === 'lambda_literal') {
      trailingClosures.push(part);
    } else if (part.type === 'annotated_lambda') {
      const lambda = namedChildren(part).find((c) => c.type === 'lambda_literal');
      if (lambda) trailingClosures.push(lambda);
    }
  }
  return { node, name, nameNode, receiver, arguments: args, trailingClosures };
}

/** `.name` implicit member expression: returns `name`, else undefined. */
export function swiftImplicitMember(node: Node): string | undefined {
  if (node.type !== 'prefix_expression') return undefined;
  const children = childrenWithFields(node);
  if (children[0]?.node.type !== '.') return undefined;
  const target = node.childForFieldName('target');
  return target?.type === 'simple_identifier' ? target.text : undefined;
}

/** Loop statements of Swift. */
export const SWIFT_LOOP_TYPES = new Set(['for_statement', 'while_statement', 'repeat_while_statement']);

/** Nodes that start a new function body: code inside runs later or elsewhere, not in the enclosing loop. */
export const SWIFT_FUNCTION_TYPES = new Set([
  'function_declaration', 'init_declaration', 'deinit_declaration', 'lambda_literal', 'computed_property',
  'subscript_declaration', 'protocol_function_declaration',
]);
