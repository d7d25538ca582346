// What one file shows about its Network framework objects: the transport of parameters, which connections and
// listeners are TCP or UDP, and whether a framer or WebSocket is in play. Shared by the nw-data rules.
import type { Node } from 'web-tree-sitter';
import { resolveCName } from '../syntax/c-bindings';
import { cCall } from '../syntax/c-family';
import { swiftCall, swiftImplicitMember, swiftMember, type SwiftCall } from '../syntax/swift';
import { resolveSwiftName, resolveSwiftSelfMember, type SwiftBinding } from '../syntax/swift-bindings';
import { ancestors, childrenWithFields, descendants, oncePerNode } from '../syntax/tree';

/** `quic` runs over UDP; TLS and WebSocket parameters are `tcp`. */
export type Transport = 'tcp' | 'udp' | 'quic';

const MAX_HOPS = 3;

/**
 * The tokens the facts below are built from. A rule that reads the facts lists them in `dependsOn`: an edit that
 * adds or removes one (a UDP listener, a framer) can change its findings in other types of the file.
 */
export const NETWORK_FACT_TOKENS = [
  'NWConnection', 'NWListener', 'NWParameters', 'newConnectionHandler', 'tcp', 'tls', 'udp', 'dtls', 'quic',
  'NWProtocolFramer', 'NWProtocolWebSocket',
  'nw_connection_create*', 'nw_listener_*', 'nw_parameters_*', 'nw_framer_*', 'nw_ws_*', 'nw_protocol_copy_ws_definition',
];

/** `self.connection!`, `self->_connection`, `_connection`, `connection?` all name `connection`. */
export function normalizeName(text: string): string {
  const parts = text.replace(/[\s?!()]/g, '').replace(/->/g, '.').split('.').map((p) => p.replace(/^_+/, ''));
  if (parts[0] === 'self' && parts.length > 1) parts.shift();
  return parts.join('.');
}

// ── Swift ────────────────────────────────────────────────────────────────────────────────────────

const SWIFT_MEMBER_TRANSPORT: Record<string, Transport> = { tcp: 'tcp', tls: 'tcp', udp: 'udp', dtls: 'udp' };

/** Strips `try`, `try?`, `await`, parentheses and a trailing `!`. */
export function swiftUnwrap(node: Node): Node {
  let current = node;
  for (let i = 0; i < 8; i++) {
    if (current.type === 'try_expression' || current.type === 'await_expression') {
      const inner = current.childForFieldName('expr') ?? current.namedChildren[current.namedChildren.length - 1];
      if (!inner) break;
      current = inner;
    } else if (current.type === 'tuple_expression' && current.namedChildCount === 1 && current.namedChild(0)) {
      current = current.namedChild(0)!;
    } else if (current.type === 'postfix_expression' && current.child(1)?.type === 'bang') {
      current = current.childForFieldName('target') ?? current;
      if (current === node) break;
    } else {
      break;
    }
  }
  return current;
}

/** The declaration an expression names: a plain identifier or `self.name`. */
export function swiftBindingOf(expression: Node): SwiftBinding | undefined {
  const node = swiftUnwrap(expression);
  if (node.type === 'simple_identifier') return resolveSwiftName(node);
  const member = swiftMember(node);
  if (member && member.target?.type === 'self_expression') return resolveSwiftSelfMember(node, member.name);
  return undefined;
}

/** The transport of an `NWParameters` expression, following local names a few hops. */
export function swiftParametersTransport(expression: Node | undefined, hops = 0): Transport | undefined {
  if (!expression || hops > MAX_HOPS) return undefined;
  const node = swiftUnwrap(expression);
  const implicit = swiftImplicitMember(node);
  if (implicit) return SWIFT_MEMBER_TRANSPORT[implicit];
  const member = swiftMember(node);
  if (member) {
    if (member.target?.text === 'NWParameters') return SWIFT_MEMBER_TRANSPORT[member.name];
    if (member.target?.type === 'self_expression') {
      const binding = swiftBindingOf(node);
      return binding?.value ? swiftParametersTransport(binding.value, hops + 1) : undefined;
    }
    return undefined;
  }
  const call = swiftCall(node);
  if (call) {
    if (call.name === 'quic' && (!call.receiver || call.receiver.text === 'NWParameters')) return 'quic';
    if (call.name !== 'NWParameters' || call.receiver) return undefined;
    const labels = call.arguments.map((a) => a.label);
    if (labels.includes('quic')) return 'quic';
    if (labels.includes('dtls')) return 'udp';
    if (labels.includes('tls')) return 'tcp';
    return undefined;
  }
  if (node.type === 'simple_identifier') {
    const binding = resolveSwiftName(node);
    return binding?.value ? swiftParametersTransport(binding.value, hops + 1) : undefined;
  }
  return undefined;
}

/** `NWConnection(host:port:using:)`, `NWConnection(to:using:)`, `NWListener(using:)`, `NWListener(service:using:)`… */
export function swiftCreation(node: Node): { kind: 'connection' | 'listener'; call: SwiftCall; parameters?: Node } | undefined {
  const call = swiftCall(node);
  if (!call || (call.name !== 'NWConnection' && call.name !== 'NWListener')) return undefined;
  if (call.receiver && call.receiver.text !== 'Network') return undefined;
  const parameters = call.arguments.find((a) => a.label === 'using' || a.label === 'parameters')?.value;
  return { kind: call.name === 'NWConnection' ? 'connection' : 'listener', call, parameters };
}

/** The name a value is stored under: `let x = value`, `self.x = value`, `x = try value`. */
function swiftStoredName(value: Node): string | undefined {
  let current = value;
  for (const a of ancestors(value)) {
    if (a.type === 'try_expression' || a.type === 'await_expression' || a.type === 'tuple_expression') { current = a; continue; }
    if (a.type === 'property_declaration') {
      if (!a.childrenForFieldName('value').some((v) => v.id === current.id)) return undefined;
      const bound = a.childForFieldName('name')?.childForFieldName('bound_identifier');
      return bound ? normalizeName(bound.text) : undefined;
    }
    if (a.type === 'assignment') {
      if (a.childForFieldName('operator')?.text !== '=' || a.childForFieldName('result')?.id !== current.id) return undefined;
      const target = a.childForFieldName('target');
      return target ? normalizeName(target.text) : undefined;
    }
    return undefined;
  }
  return undefined;
}

/** The closure assigned to `x.newConnectionHandler`, and the listener expression `x`. */
function swiftListenerOfHandler(closure: Node): Node | undefined {
  const assignment = closure.parent;
  if (assignment?.type !== 'assignment' || assignment.childForFieldName('result')?.id !== closure.id) return undefined;
  const target = assignment.childForFieldName('target');
  const path = target?.namedChildren[0];
  const member = path ? swiftMember(path) : undefined;
  return member?.name === 'newConnectionHandler' ? member.target : undefined;
}

const SWIFT_FRAMING_NAMES = new Set(['NWProtocolFramer', 'NWProtocolWebSocket']);

/** What both languages' fact collectors record: transports by stored name, datagrams seen, framing seen. */
abstract class NetworkFacts {
  private readonly stored = new Map<string, (Transport | undefined)[]>();
  /** The file uses a framer or WebSocket somewhere: stream connections may carry messages. */
  framed = false;
  /** The file creates a UDP or QUIC connection or listener somewhere. */
  sawDatagrams = false;

  /** A connection or listener created with `transport` and, when it is stored, the name it is stored under. */
  protected recordCreation(kind: 'connection' | 'listener', name: string | undefined, transport: Transport | undefined): void {
    if (transport === 'udp' || transport === 'quic') this.sawDatagrams = true;
    if (!name) return;
    const key = `${kind}:${name}`;
    const list = this.stored.get(key) ?? [];
    list.push(transport);
    this.stored.set(key, list);
  }

  /** The transport every creation stored under `name` agrees on, if they all agree. */
  protected fromStored(kind: 'connection' | 'listener', name: string): Transport | undefined {
    const list = this.stored.get(`${kind}:${name}`);
    if (!list || list.length === 0 || list.some((t) => t !== list[0])) return undefined;
    return list[0];
  }
}

/**
 * Collects, during the walk, which names hold TCP or UDP connections and listeners, then answers
 * questions about receivers at `file:exit` (when the whole file has been seen).
 */
export class SwiftNetworkFacts extends NetworkFacts {
  /** Call from a `call_expression` visitor. */
  visitCall(node: Node): void {
    const creation = swiftCreation(node);
    if (creation) this.recordCreation(creation.kind, swiftStoredName(node), swiftParametersTransport(creation.parameters));
  }

  /** Call from `simple_identifier` and `type_identifier` visitors. */
  visitIdentifier(node: Node): void {
    if (!this.framed && SWIFT_FRAMING_NAMES.has(node.text)) this.framed = true;
  }

  /** The transport of the connection or listener an expression names, when the file shows it unambiguously. */
  transportOf(expression: Node, kind: 'connection' | 'listener', hops = 0): Transport | undefined {
    if (hops > MAX_HOPS) return undefined;
    const node = swiftUnwrap(expression);
    const created = swiftCreation(node);
    if (created) return created.kind === kind ? swiftParametersTransport(created.parameters) : undefined;
    const binding = swiftBindingOf(node);
    if (binding?.value) {
      const fromValue = this.transportOf(binding.value, kind, hops + 1);
      // `var connection: NWConnection? = nil` is assigned elsewhere in the file.
      if (fromValue || binding.value.type !== 'nil' || (binding.kind !== 'property' && binding.kind !== 'variable')) return fromValue;
    }
    if (binding?.kind === 'closureParameter' && kind === 'connection' && binding.closure) {
      // `listener.newConnectionHandler = { connection in … }`: accepted connections use the listener's parameters.
      const listener = swiftListenerOfHandler(binding.closure);
      return listener ? this.transportOf(listener, 'listener', hops + 1) : undefined;
    }
    if (binding && binding.kind !== 'property' && binding.kind !== 'variable') return undefined;
    const isPath = node.type === 'simple_identifier' || (swiftMember(node)?.target?.type === 'self_expression');
    return isPath ? this.fromStored(kind, normalizeName(node.text)) : undefined;
  }
}

// ── C and Objective-C ────────────────────────────────────────────────────────────────────────────

const C_PARAMETER_FUNCTIONS: Record<string, Transport> = {
  nw_parameters_create_secure_tcp: 'tcp',
  nw_parameters_create_secure_udp: 'udp',
  nw_parameters_create_quic: 'quic',
};

export function cUnwrap(node: Node): Node {
  let current = node;
  while ((current.type === 'parenthesized_expression' || current.type === 'cast_expression') && current.namedChildCount > 0) {
    const inner = current.type === 'cast_expression' ? current.childForFieldName('value') : current.namedChild(0);
    if (!inner) break;
    current = inner;
  }
  return current;
}

/** The value an identifier was declared with in this file (a local, parameter-less declaration). */
export function cValueOf(node: Node): Node | undefined {
  const current = cUnwrap(node);
  if (current.type !== 'identifier') return undefined;
  return resolveCName(current)?.value;
}

export function cParametersTransport(expression: Node | undefined, hops = 0): Transport | undefined {
  if (!expression || hops > MAX_HOPS) return undefined;
  const node = cUnwrap(expression);
  const call = cCall(node);
  if (call) return C_PARAMETER_FUNCTIONS[call.name];
  const value = cValueOf(node);
  return value ? cParametersTransport(value, hops + 1) : undefined;
}

/** `nw_connection_create(endpoint, parameters)`, `nw_listener_create(parameters)`, `nw_listener_create_with_port(port, parameters)`. */
export function cCreation(node: Node): { kind: 'connection' | 'listener'; parameters?: Node; endpoint?: Node } | undefined {
  const call = cCall(node);
  if (!call) return undefined;
  switch (call.name) {
    case 'nw_connection_create': return { kind: 'connection', endpoint: call.arguments[0], parameters: call.arguments[1] };
    case 'nw_listener_create': return { kind: 'listener', parameters: call.arguments[0] };
    case 'nw_listener_create_with_port': return { kind: 'listener', parameters: call.arguments[1] };
    default: return undefined;
  }
}

function cStoredName(value: Node): string | undefined {
  let current = value;
  for (const a of ancestors(value)) {
    if (a.type === 'parenthesized_expression' || a.type === 'cast_expression') { current = a; continue; }
    if (a.type === 'init_declarator') {
      if (a.childForFieldName('value')?.id !== current.id) return undefined;
      let declarator = a.childForFieldName('declarator');
      while (declarator && declarator.type !== 'identifier') declarator = declarator.childForFieldName('declarator');
      return declarator ? normalizeName(declarator.text) : undefined;
    }
    if (a.type === 'assignment_expression') {
      if (a.childForFieldName('operator')?.text !== '=' || a.childForFieldName('right')?.id !== current.id) return undefined;
      const left = a.childForFieldName('left');
      return left ? normalizeName(left.text) : undefined;
    }
    return undefined;
  }
  return undefined;
}

const C_FRAMING_FUNCTIONS = new Set([
  'nw_framer_create_definition', 'nw_framer_create_options', 'nw_ws_create_options', 'nw_protocol_copy_ws_definition',
]);

/** The block passed to `nw_listener_set_new_connection_handler(listener, ^(nw_connection_t c) {…})`: the listener. */
function cListenerOfHandler(block: Node): Node | undefined {
  const args = block.parent;
  const call = args?.parent ? cCall(args.parent) : undefined;
  if (!call || call.name !== 'nw_listener_set_new_connection_handler' || call.arguments[1]?.id !== block.id) return undefined;
  return call.arguments[0];
}

export class CNetworkFacts extends NetworkFacts {
  /** Call from a `call_expression` visitor. */
  visitCall(node: Node): void {
    const call = cCall(node);
    if (call && C_FRAMING_FUNCTIONS.has(call.name)) this.framed = true;
    const creation = cCreation(node);
    if (creation) this.recordCreation(creation.kind, cStoredName(node), cParametersTransport(creation.parameters));
  }

  transportOf(expression: Node, kind: 'connection' | 'listener', hops = 0): Transport | undefined {
    if (hops > MAX_HOPS) return undefined;
    const node = cUnwrap(expression);
    const created = cCreation(node);
    if (created) return created.kind === kind ? cParametersTransport(created.parameters) : undefined;
    if (node.type === 'identifier') {
      const binding = resolveCName(node);
      if (binding?.value) {
        const fromValue = this.transportOf(binding.value, kind, hops + 1);
        if (fromValue || !/^(NULL|nil)$/.test(binding.value.text) || binding.kind !== 'variable') return fromValue;
      }
      if (binding?.kind === 'blockParameter' && binding.block && kind === 'connection') {
        const listener = cListenerOfHandler(binding.block);
        return listener ? this.transportOf(listener, 'listener', hops + 1) : undefined;
      }
      if (binding && binding.kind !== 'member' && binding.kind !== 'variable') return undefined;
      return this.fromStored(kind, normalizeName(node.text));
    }
    if (node.type === 'field_expression' && node.childForFieldName('argument')?.text === 'self') {
      return this.fromStored(kind, normalizeName(node.text));
    }
    return undefined;
  }
}

// ── Receives and sends ───────────────────────────────────────────────────────────────────────────

/** The closure a Swift call hands its result to: a trailing closure or the `completion:` argument. */
export function swiftCompletionClosure(call: SwiftCall): Node | undefined {
  if (call.trailingClosures.length > 0) return call.trailingClosures[call.trailingClosures.length - 1];
  const value = call.arguments.find((a) => a.label === 'completion')?.value;
  return value?.type === 'lambda_literal' ? value : undefined;
}

/** Parameter names of a closure (`_` → undefined); `$0` when it declares none. */
export function swiftClosureParameters(closure: Node): (string | undefined)[] {
  const type = closure.childForFieldName('type');
  const list = type?.namedChildren.find((c) => c?.type === 'lambda_function_type_parameters');
  if (!type) return ['$0', '$1', '$2', '$3'];
  return (list?.namedChildren ?? []).filter((p): p is Node => p?.type === 'lambda_parameter').map((p) => {
    const name = p.childForFieldName('name')?.text;
    return name && name !== '_' ? name : undefined;
  });
}

/** Parameter names of a block literal. */
export function cBlockParameters(block: Node): (string | undefined)[] {
  // `^(int a) {…}` keeps the list as a child; `^bool(int a) {…}` nests it under type_name > abstract_function_declarator.
  const typeName = block.namedChildren.find((c) => c?.type === 'type_name');
  const declarator = typeName?.namedChildren.find((c) => c?.type === 'abstract_function_declarator');
  const list = block.namedChildren.find((c) => c?.type === 'parameter_list') ?? declarator?.childForFieldName('parameters');
  return (list?.namedChildren ?? []).filter((p): p is Node => p?.type === 'parameter_declaration').map((p) => {
    let declarator = p.childForFieldName('declarator');
    while (declarator && declarator.type !== 'identifier') declarator = declarator.childForFieldName('declarator');
    return declarator?.text;
  });
}

export interface Receive {
  /** `message`: receiveMessage / nw_connection_receive_message; `bytes`: receive(min:max:) / nw_connection_receive. */
  kind: 'message' | 'bytes';
  nameNode: Node;
  receiver: Node;
  /** The completion closure or block. */
  handler?: Node;
  minimum?: Node;
  maximum?: Node;
}

export function swiftReceive(node: Node): Receive | undefined {
  const call = swiftCall(node);
  if (!call?.receiver) return undefined;
  const labels = call.arguments.map((a) => a.label);
  if (call.name === 'receiveMessage' && labels.every((l) => l === 'completion')) {
    return { kind: 'message', nameNode: call.nameNode, receiver: call.receiver, handler: swiftCompletionClosure(call) };
  }
  if (call.name === 'receive' && labels[0] === 'minimumIncompleteLength' && labels[1] === 'maximumLength'
    && labels.slice(2).every((l) => l === 'completion')) {
    return {
      kind: 'bytes', nameNode: call.nameNode, receiver: call.receiver, handler: swiftCompletionClosure(call),
      minimum: call.arguments[0].value, maximum: call.arguments[1].value,
    };
  }
  return undefined;
}

export function cReceive(node: Node): Receive | undefined {
  const call = cCall(node);
  if (!call) return undefined;
  const block = (n: Node | undefined) => (n?.type === 'block_literal' ? n : undefined);
  if (call.name === 'nw_connection_receive_message' && call.arguments.length === 2) {
    return { kind: 'message', nameNode: call.nameNode, receiver: call.arguments[0], handler: block(call.arguments[1]) };
  }
  if (call.name === 'nw_connection_receive' && call.arguments.length === 4) {
    return {
      kind: 'bytes', nameNode: call.nameNode, receiver: call.arguments[0], handler: block(call.arguments[3]),
      minimum: call.arguments[1], maximum: call.arguments[2],
    };
  }
  return undefined;
}

const SEND_LABELS = new Set(['content', 'contentContext', 'isComplete', 'completion']);

export interface Send {
  nameNode: Node;
  receiver: Node;
  content?: Node;
  context?: Node;
  /** The completion expression: `.idempotent`, `.contentProcessed { … }`, a block, or the C constant. */
  completion?: Node;
  /** The closure or block the completion runs, when there is one. */
  completionHandler?: Node;
}

export const swiftSend: (node: Node) => Send | undefined = oncePerNode(readSwiftSend);

function readSwiftSend(node: Node): Send | undefined {
  const call = swiftCall(node);
  if (!call?.receiver || call.name !== 'send') return undefined;
  const labels = call.arguments.map((a) => a.label);
  if (labels[0] !== 'content' || !labels.every((l) => l !== undefined && SEND_LABELS.has(l)) || !labels.includes('completion')) return undefined;
  const completion = call.arguments.find((a) => a.label === 'completion')?.value;
  let handler: Node | undefined;
  const completionCall = completion ? swiftCall(completion) : undefined;
  if (completionCall?.name === 'contentProcessed') {
    handler = completionCall.trailingClosures[0] ?? completionCall.arguments.find((a) => a.value?.type === 'lambda_literal')?.value;
  }
  return {
    nameNode: call.nameNode, receiver: call.receiver, content: call.arguments[0].value,
    context: call.arguments.find((a) => a.label === 'contentContext')?.value, completion, completionHandler: handler,
  };
}

export const cSend: (node: Node) => Send | undefined = oncePerNode(readCSend);

function readCSend(node: Node): Send | undefined {
  const call = cCall(node);
  if (!call || call.name !== 'nw_connection_send' || call.arguments.length !== 5) return undefined;
  const completion = call.arguments[4];
  return {
    nameNode: call.nameNode, receiver: call.arguments[0], content: call.arguments[1], context: call.arguments[2],
    completion, completionHandler: completion.type === 'block_literal' ? completion : undefined,
  };
}

/** `.idempotent`, `NWConnection.SendCompletion.idempotent`, `NW_CONNECTION_SEND_IDEMPOTENT_CONTENT`. */
export function isIdempotentCompletion(node: Node | undefined): boolean {
  if (!node) return false;
  if (node.type === 'identifier') return node.text === 'NW_CONNECTION_SEND_IDEMPOTENT_CONTENT';
  return swiftImplicitMember(node) === 'idempotent' || (swiftMember(node)?.name === 'idempotent' && /SendCompletion$/.test(swiftMember(node)?.target?.text ?? ''));
}

/** Integer value of `65536`, `64 * 1024`, `1 << 16`, `0x10000`, `65_536`, `(…)`, `sizeof buf` (via `sizeOf`). */
export function integerValue(node: Node | undefined | null, resolve?: (n: Node) => number | undefined, depth = 0): number | undefined {
  if (!node || depth > 6) return undefined;
  switch (node.type) {
    case 'integer_literal':
    case 'number_literal': {
      const text = node.text.replace(/_/g, '').replace(/[uUlL]+$/, '');
      const value = /^0x/i.test(text) ? Number.parseInt(text.slice(2), 16) : /^\d+$/.test(text) ? Number(text) : Number.NaN;
      return Number.isInteger(value) ? value : undefined;
    }
    case 'tuple_expression':
    case 'parenthesized_expression':
      return node.namedChildCount === 1 ? integerValue(node.namedChild(0), resolve, depth + 1) : undefined;
    case 'multiplicative_expression':
    case 'bitwise_operation':
    case 'binary_expression': {
      const left = integerValue(node.childForFieldName('lhs') ?? node.childForFieldName('left'), resolve, depth + 1);
      const right = integerValue(node.childForFieldName('rhs') ?? node.childForFieldName('right'), resolve, depth + 1);
      const op = (node.childForFieldName('op') ?? node.childForFieldName('operator'))?.text;
      if (left === undefined || right === undefined) return undefined;
      if (op === '*') return left * right;
      if (op === '<<' && right < 31) return left * 2 ** right;
      return undefined;
    }
    default:
      return resolve?.(node);
  }
}

/** True when `node` (or something inside it) reads one of `names`. */
export function mentions(node: Node | undefined | null, names: ReadonlySet<string>): boolean {
  if (!node) return false;
  if ((node.type === 'simple_identifier' || node.type === 'identifier') && names.has(node.text)) return true;
  for (const d of descendants(node)) {
    if ((d.type === 'simple_identifier' || d.type === 'identifier') && names.has(d.text)) return true;
  }
  return false;
}

/**
 * The received-data parameter of a receive handler (the first parameter) and every name bound from it in the
 * handler: `if let d = data`, `guard let data`, `let chunk = data!`, `NSData *d = (NSData *)content`.
 */
export function receivedDataNames(handler: Node, swift: boolean): Set<string> {
  const first = swift ? swiftClosureParameters(handler)[0] : cBlockParameters(handler)[0];
  const names = new Set<string>();
  if (!first) return names;
  names.add(first);
  for (const d of descendants(handler)) {
    if (swift && d.type === 'property_declaration') {
      const value = d.childForFieldName('value');
      const bound = d.childForFieldName('name')?.childForFieldName('bound_identifier');
      if (bound && value && mentions(value, names)) names.add(bound.text);
    } else if (swift && (d.type === 'if_statement' || d.type === 'guard_statement')) {
      let pending: string | undefined;
      let expectValue = false;
      for (const { node, field } of childrenWithFields(d)) {
        if (field === 'bound_identifier') { pending = node.text; expectValue = false; } else if (node.type === '=' && pending) expectValue = true;
        else if (expectValue && pending && node.isNamed) {
          if (mentions(node, names)) names.add(pending);
          pending = undefined;
          expectValue = false;
        }
      }
    } else if (!swift && d.type === 'call_expression') {
      // dispatch_data_apply(content, ^bool(dispatch_data_t region, size_t offset, const void *buffer, size_t size) {…})
      const call = cCall(d);
      const block = call?.name === 'dispatch_data_apply' ? call.arguments[1] : undefined;
      if (block?.type === 'block_literal' && mentions(call!.arguments[0], names)) {
        for (const name of [cBlockParameters(block)[0], cBlockParameters(block)[2]]) if (name) names.add(name);
      }
    } else if (!swift && d.type === 'init_declarator') {
      const value = d.childForFieldName('value');
      let declarator = d.childForFieldName('declarator');
      while (declarator && declarator.type !== 'identifier') declarator = declarator.childForFieldName('declarator');
      if (declarator && value && mentions(value, names)) names.add(declarator.text);
    }
  }
  return names;
}
