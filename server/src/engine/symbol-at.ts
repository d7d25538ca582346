// Finds the API symbol under a position and the spellings to look it up by (ObjC selector, Swift signature, bare name).
import type { Node, Tree } from 'web-tree-sitter';
import { objcMessage } from '../rules/syntax/c-family';
import { swiftCall } from '../rules/syntax/swift';
import { childrenWithFields } from '../rules/syntax/tree';

export interface SymbolAt {
  /** Spellings to try, most specific first. */
  names: string[];
  /** UTF-16 offsets of the word under the cursor. */
  startIndex: number;
  endIndex: number;
}

const NAME_TYPES = new Set(['simple_identifier', 'type_identifier', 'identifier', 'field_identifier']);

/** `name(label:label:)` for a Swift call; `_` for unlabelled arguments. */
function swiftSignature(name: string, labels: (string | undefined)[]): string {
  return `${name}(${labels.map((l) => `${l ?? '_'}:`).join('')})`;
}

/** `func session(_ s: MCSession, didReceive data: Data, fromPeer p: MCPeerID)` → `session(_:didReceive:fromPeer:)`. */
function swiftDeclarationSignature(fn: Node): string | undefined {
  const name = fn.childForFieldName('name');
  if (!name) return undefined;
  const labels: string[] = [];
  for (const { node } of childrenWithFields(fn)) {
    if (node.type !== 'parameter') continue;
    const external = node.childForFieldName('external_name');
    labels.push(external?.text ?? node.childForFieldName('name')?.text ?? '_');
  }
  return `${name.text}(${labels.map((l) => `${l}:`).join('')})`;
}

/** Selector of an ObjC method declaration or definition: `session:didReceiveData:fromPeer:`. */
function objcDeclarationSelector(method: Node): string | undefined {
  const parts: string[] = [];
  let hasParameters = false;
  for (const { node } of childrenWithFields(method)) {
    if (node.type === 'identifier') parts.push(node.text);
    else if (node.type === 'method_parameter') hasParameters = true;
  }
  if (parts.length === 0) return undefined;
  return hasParameters ? parts.map((p) => `${p}:`).join('') : parts[0];
}

export function symbolAt(tree: Tree, offset: number): SymbolAt | undefined {
  const node = tree.rootNode.descendantForIndex(offset, offset);
  if (!node || !NAME_TYPES.has(node.type)) return undefined;
  const names: string[] = [];
  const parent = node.parent;
  const grand = parent?.parent;

  if (parent?.type === 'message_expression') {
    const message = objcMessage(parent);
    if (message && message.keywords.some((k) => k.nameNode.id === node.id)) names.push(message.selector);
  } else if (parent && (parent.type === 'method_definition' || parent.type === 'method_declaration')) {
    const selector = objcDeclarationSelector(parent);
    if (selector) names.push(selector);
  }
  // Swift call: `x.send(content:…)` (name inside navigation_suffix) or `f(…)`.
  const call = parent?.type === 'call_expression' ? parent
    : parent?.type === 'navigation_suffix' && grand?.parent?.type === 'call_expression' && grand.parent.namedChild(0)?.id === grand.id ? grand.parent
      : undefined;
  if (call) {
    const parsed = swiftCall(call);
    if (parsed && parsed.nameNode.id === node.id) names.push(swiftSignature(parsed.name, parsed.arguments.map((a) => a.label)));
  }
  if (parent?.type === 'function_declaration' && parent.childForFieldName('name')?.id === node.id) {
    const signature = swiftDeclarationSignature(parent);
    if (signature) names.push(signature);
  }
  // Qualified Swift member: `NEHotspotNetwork.fetchCurrent` → also try `fetchCurrent`.
  names.push(node.text);
  return { names, startIndex: node.startIndex, endIndex: node.endIndex };
}
