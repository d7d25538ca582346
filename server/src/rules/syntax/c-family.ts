// C and Objective-C syntax helpers: plain function calls, message sends with their selectors, loops.
import type { Node } from 'web-tree-sitter';
import { childrenWithFields, namedChildren, oncePerNode } from './tree';

export interface CCall {
  node: Node;
  /** The called function's name (`nw_connection_send`); only plain identifiers are read. */
  name: string;
  nameNode: Node;
  arguments: Node[];
}

export const cCall: (node: Node) => CCall | undefined = oncePerNode(readCCall);

function readCCall(node: Node): CCall | undefined {
  if (node.type !== 'call_expression') return undefined;
  const fn = node.childForFieldName('function');
  const args = node.childForFieldName('arguments');
  if (!fn || fn.type !== 'identifier' || !args) return undefined;
  return { node, name: fn.text, nameNode: fn, arguments: namedChildren(args).filter((c) => c.type !== 'comment') };
}

export interface ObjcKeyword {
  /** Selector piece without the colon (`initWithPeer`). */
  name: string;
  nameNode: Node;
  argument?: Node;
}

export interface ObjcMessage {
  node: Node;
  receiver?: Node;
  /** The full selector (`initWithPeer:securityIdentity:encryptionPreference:`). */
  selector: string;
  keywords: ObjcKeyword[];
}

/** Reads `[receiver selector:arg …]`. */
export const objcMessage: (node: Node) => ObjcMessage | undefined = oncePerNode(readObjcMessage);

function readObjcMessage(node: Node): ObjcMessage | undefined {
  if (node.type !== 'message_expression') return undefined;
  const keywords: ObjcKeyword[] = [];
  let receiver: Node | undefined;
  let colons = 0;
  for (const { node: child, field } of childrenWithFields(node)) {
    if (field === 'receiver') receiver = child;
    else if (field === 'method') keywords.push({ name: child.text, nameNode: child });
    else if (child.type === ':') colons++;
    else if (child.isNamed && keywords.length > 0 && child.type !== 'comment') keywords[keywords.length - 1].argument ??= child;
  }
  if (keywords.length === 0) return undefined;
  const selector = colons === 0 ? keywords[0].name : keywords.map((k) => `${k.name}:`).join('');
  return { node, receiver, selector, keywords };
}

/** Loop statements of C and Objective-C (including `for (x in y)`). */
export const C_LOOP_TYPES = new Set(['for_statement', 'while_statement', 'do_statement', 'for_in_statement']);

/** Nodes that start a new function body (blocks run later, not in the enclosing loop). */
export const C_FUNCTION_TYPES = new Set(['function_definition', 'block_literal', 'method_definition']);

/** The identifier a C function definition declares (`res_query` in `static int res_query(…) {…}`). */
export function cDefinedName(definition: Node): string | undefined {
  let declarator = definition.childForFieldName('declarator');
  while (declarator && declarator.type !== 'function_declarator') declarator = declarator.childForFieldName('declarator');
  const name = declarator?.childForFieldName('declarator');
  return name?.type === 'identifier' ? name.text : undefined;
}
