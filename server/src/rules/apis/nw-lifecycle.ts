// Network framework connection-lifecycle names and the shared "what happens to this connection" analysis used by
// the nw- lifecycle rules (new-connection handlers, never-started connections, viability, waiting, forceCancel).
import type { Node } from 'web-tree-sitter';
import { C_FUNCTION_TYPES, cCall, objcMessage } from '../syntax/c-family';
import { SWIFT_FUNCTION_TYPES, swiftCall, swiftMember } from '../syntax/swift';
import { ancestors, descendants, namedChildren, oncePerNode } from '../syntax/tree';

// ── Names ────────────────────────────────────────────────────────────────────────────────────────

/** Swift handler properties that hand the app a new, not yet started connection (or connection group). */
export const SWIFT_NEW_CONNECTION_HANDLERS = new Set(['newConnectionHandler', 'newConnectionGroupHandler']);

/** C setters whose block receives a new, not yet started connection (or connection group). */
export const C_NEW_CONNECTION_HANDLERS = new Set([
  'nw_listener_set_new_connection_handler',
  'nw_connection_group_set_new_connection_handler',
  'nw_listener_set_new_connection_group_handler',
]);

const C_START = new Set(['nw_connection_start', 'nw_connection_group_start']);
const C_CANCEL = new Set(['nw_connection_cancel', 'nw_connection_force_cancel', 'nw_connection_group_cancel']);

/** C calls that configure or use a connection without starting it, retaining it, or handing it anywhere. */
const C_NEUTRAL = new Set([
  'nw_connection_set_queue', 'nw_connection_set_state_changed_handler', 'nw_connection_set_viability_changed_handler',
  'nw_connection_set_better_path_available_handler', 'nw_connection_set_path_changed_handler',
  'nw_connection_send', 'nw_connection_receive', 'nw_connection_receive_message', 'nw_connection_batch',
  'nw_connection_restart', 'nw_connection_cancel_current_endpoint', 'nw_connection_copy_endpoint',
  'nw_connection_copy_parameters', 'nw_connection_copy_current_path', 'nw_connection_copy_description',
  'nw_connection_copy_protocol_metadata', 'nw_connection_get_maximum_datagram_size',
  'nw_connection_access_establishment_report', 'nw_connection_group_set_queue',
  'nw_connection_group_set_state_changed_handler', 'nw_connection_group_set_receive_handler',
  'nw_release', 'NSLog', 'printf', 'fprintf', 'os_log', 'os_log_info', 'os_log_debug', 'os_log_error',
]);

/** Swift members of NWConnection / NWConnectionGroup that neither start the connection nor let it escape. */
const SWIFT_NEUTRAL_METHODS = new Set([
  'send', 'receive', 'receiveMessage', 'batch', 'restart', 'cancelCurrentEndpoint', 'requestEstablishmentReport',
  'startDataTransferReport', 'metadata', 'setReceiveHandler', 'reply', 'extract',
]);

/** Functions that only print their argument. */
const LOGGING_FUNCTIONS = new Set(['print', 'debugPrint', 'dump', 'NSLog', 'ObjectIdentifier', 'String']);

/**
 * App methods that close the connection: `disconnect()`, `stop()`, `removeConnection(_:)`, `closeConnection()`,
 * `reconnect()` (Objective-C and C spellings too). `scheduleReconnect()` and the like are not: they defer.
 */
export const TEARDOWN_NAME = /^(?:disconnect|cancel|close|stop|shut_?down|tear_?down|abort|reconnect|disconnect_?from_?\w+|(?:disconnect|cancel|close|tear_?down|stop|remove|drop|reset|kill|end|terminate|abort|shut_?down|invalidate)_?(?:the_?)?(?:current_?)?(?:connection|conn|peer|session|socket|stream|link|channel)s?)$/i;
/** Receivers through which such a method belongs to the code that owns the connection. */
export const SELF_RECEIVER = /^(?:self|weakSelf|strongSelf|welf|this)$/;

// ── Cheap name checks (run on every call, before the full parse) ─────────────────────────────────

/** The called name of a Swift call (`NWConnection`, `forceCancel`), read with as few tree accesses as possible. */
export const swiftCalleeName: (node: Node) => string | undefined = oncePerNode(readSwiftCalleeName);

function readSwiftCalleeName(node: Node): string | undefined {
  const callee = node.firstNamedChild;
  if (!callee) return undefined;
  if (callee.type === 'simple_identifier') return callee.text;
  if (callee.type === 'navigation_expression') return callee.lastNamedChild?.lastNamedChild?.text;
  if (callee.type === 'prefix_expression') return callee.lastNamedChild?.text;
  return undefined;
}

/** The called function's name of a C call, if it is a plain identifier. */
export function cCalleeName(node: Node): string | undefined {
  const fn = node.firstNamedChild;
  return fn?.type === 'identifier' ? fn.text : undefined;
}

// ── Paths ────────────────────────────────────────────────────────────────────────────────────────

/** `self.connection!`, `self?.connection?`, `self->_connection` and `connection` all name `connection`. */
export function normalizePath(text: string): string {
  const parts = text.replace(/[\s?!()]/g, '').replace(/->/g, '.').split('.').map((p) => p.replace(/^_+/, ''));
  if (parts[0] === 'self' && parts.length > 1) parts.shift();
  return parts.join('.');
}

// ── Handlers ─────────────────────────────────────────────────────────────────────────────────────

export interface SwiftHandler {
  /** The handler property name (`newConnectionHandler`). */
  nameNode: Node;
  /** The object whose handler is set (`listener` in `listener.newConnectionHandler = …`). */
  target: Node;
  closure: Node;
  /** The closure's statements (absent for an empty closure). */
  body?: Node;
  /** The closure's first parameter: a name, `$0` when the closure declares none, undefined for `_`. */
  param?: string;
}

/** `x.<name> = { param in … }` where `<name>` is one of `names`. */
export function swiftHandlerAssignment(node: Node, names: ReadonlySet<string>): SwiftHandler | undefined {
  if (node.type !== 'assignment') return undefined;
  const target = node.childForFieldName('target')?.namedChild(0);
  const member = target ? swiftMember(target) : undefined;
  const closure = node.childForFieldName('result');
  if (!member || !member.target || !names.has(member.name) || closure?.type !== 'lambda_literal') return undefined;
  const body = namedChildren(closure).find((c) => c.type === 'statements');
  return { nameNode: member.nameNode, target: member.target, closure, body, param: swiftClosureParam(closure) };
}

/** The first parameter name of a closure; `$0` when it declares none; undefined when it is `_`. */
export function swiftClosureParam(closure: Node): string | undefined {
  const type = closure.childForFieldName('type');
  if (!type) return '$0';
  const params = namedChildren(type).find((c) => c.type === 'lambda_function_type_parameters');
  const first = params ? namedChildren(params).find((c) => c.type === 'lambda_parameter') : undefined;
  const name = first?.childForFieldName('name')?.text;
  return name === undefined || name === '_' ? undefined : name;
}

/** Parameter names a closure declares (for shadowing). */
function swiftClosureParams(closure: Node): string[] {
  const type = closure.childForFieldName('type');
  const params = type ? namedChildren(type).find((c) => c.type === 'lambda_function_type_parameters') : undefined;
  return params ? namedChildren(params).map((p) => p.childForFieldName('name')?.text ?? '') : [];
}

export interface CHandler {
  nameNode: Node;
  /** The first argument (the listener or connection). */
  target: Node;
  block: Node;
  body?: Node;
  /** The block's first parameter name, if it has one. */
  param?: string;
}

/** `<name>(object, ^(T param) { … })` where `<name>` is one of `names`. */
export function cHandlerCall(node: Node, names: ReadonlySet<string>): CHandler | undefined {
  const call = cCall(node);
  if (!call || !names.has(call.name) || call.arguments.length !== 2 || call.arguments[1].type !== 'block_literal') return undefined;
  const block = call.arguments[1];
  return { nameNode: call.nameNode, target: call.arguments[0], block, body: blockBody(block), param: blockParams(block)[0] };
}

export function blockBody(block: Node): Node | undefined {
  return namedChildren(block).find((c) => c.type === 'compound_statement');
}

/** Parameter names of a block literal, in order. */
export function blockParams(block: Node): (string | undefined)[] {
  const list = namedChildren(block).find((c) => c.type === 'parameter_list');
  if (!list) return [];
  return namedChildren(list).filter((p) => p.type === 'parameter_declaration').map((p) => {
    let d = p.childForFieldName('declarator');
    while (d && d.type !== 'identifier') d = d.childForFieldName('declarator');
    return d?.text;
  });
}

// ── What happens to a connection ─────────────────────────────────────────────────────────────────

/**
 * What code does with a connection held in a variable:
 * - `started`: it calls start (or nw_connection_start) on it;
 * - `rejected`: it cancels it (a listener's way to refuse a connection);
 * - `escapes`: it stores it, passes it on, returns it, or uses it in a way we cannot follow;
 * - `unused`: it only configures it (handlers, reads) or never touches it.
 */
export type ConnectionFate = 'started' | 'rejected' | 'escapes' | 'unused';

function combine(uses: Set<string>): ConnectionFate {
  if (uses.has('escapes')) return 'escapes';
  if (uses.has('started')) return 'started';
  if (uses.has('rejected')) return 'rejected';
  return 'unused';
}

/** The call a `value_argument` belongs to. */
function swiftCallOfArgument(arg: Node): Node | undefined {
  const call = arg.parent?.parent?.parent;
  return call?.type === 'call_expression' ? call : undefined;
}

function swiftUse(ref: Node): string {
  const parent = ref.parent;
  if (!parent) return 'escapes';
  switch (parent.type) {
    case 'capture_list_item':
    case 'interpolated_expression':
    case 'equality_expression':
      return 'neutral';
    case 'navigation_expression': {
      if (parent.namedChild(0)?.id !== ref.id) return 'escapes';
      const member = swiftMember(parent);
      if (!member) return 'escapes';
      const call = parent.parent;
      const isCallee = call?.type === 'call_expression' && call.namedChild(0)?.id === parent.id;
      if (!isCallee) return 'neutral';
      if (member.name === 'start') return 'started';
      if (member.name === 'cancel' || member.name === 'forceCancel') return 'rejected';
      // An unknown method may be an extension that starts the connection or stores it.
      return SWIFT_NEUTRAL_METHODS.has(member.name) ? 'neutral' : 'escapes';
    }
    case 'value_argument': {
      const call = swiftCallOfArgument(parent);
      const name = call ? swiftCall(call)?.name : undefined;
      return name && LOGGING_FUNCTIONS.has(name) ? 'neutral' : 'escapes';
    }
    default:
      return 'escapes';
  }
}

/**
 * What the Swift code under `root` does with the variable `name`, counting only references that start at or
 * after `after`. Nested closures count (a start deferred to a callback is still a start), except those that
 * declare their own `name` (and, for `$0`, every nested closure).
 */
export function swiftConnectionFate(root: Node, name: string, after = 0): ConnectionFate {
  const uses = new Set<string>();
  const implicit = name === '$0';
  const skip = (n: Node) => n.type === 'lambda_literal' && n.id !== root.id && (implicit || swiftClosureParams(n).includes(name));
  for (const n of descendants(root, skip)) {
    if (n.type === 'ERROR') return 'escapes';
    if (skip(n) || n.type !== 'simple_identifier' || n.text !== name || n.startIndex < after) continue;
    const parent = n.parent;
    // Member names, argument labels and declarations are not reads of the variable.
    if (!parent || parent.type === 'navigation_suffix' || parent.type === 'value_argument_label') continue;
    if (parent.type === 'pattern' || parent.type === 'lambda_parameter' || parent.type === 'parameter') return 'escapes';
    const use = swiftUse(n);
    if (use === 'escapes') return 'escapes';
    uses.add(use);
  }
  return combine(uses);
}

const C_COMPARISONS = new Set(['==', '!=']);

function cUse(ref: Node): string {
  let child = ref;
  let parent = ref.parent;
  while (parent?.type === 'parenthesized_expression') {
    child = parent;
    parent = parent.parent;
  }
  if (!parent) return 'escapes';
  switch (parent.type) {
    case 'argument_list': {
      const call = parent.parent ? cCall(parent.parent) : undefined;
      if (!call) return 'escapes';
      if (C_START.has(call.name)) return 'started';
      if (C_CANCEL.has(call.name)) return 'rejected';
      return C_NEUTRAL.has(call.name) ? 'neutral' : 'escapes';
    }
    case 'binary_expression':
      return C_COMPARISONS.has(parent.childForFieldName('operator')?.text ?? '') ? 'neutral' : 'escapes';
    case 'unary_expression':
      return parent.childForFieldName('operator')?.text === '!' ? 'neutral' : 'escapes';
    case 'if_statement':
    case 'while_statement':
      return parent.childForFieldName('condition')?.id === child.id ? 'neutral' : 'escapes';
    default:
      return 'escapes';
  }
}

/** Declares `name` itself (a redeclaration or a block parameter that shadows it). */
function cDeclares(node: Node, name: string): boolean {
  if (node.type === 'block_literal') return blockParams(node).includes(name);
  return false;
}

/** The C/Objective-C counterpart of `swiftConnectionFate`. */
export function cConnectionFate(root: Node, name: string, after = 0): ConnectionFate {
  const uses = new Set<string>();
  const skip = (n: Node) => n.id !== root.id && cDeclares(n, name);
  for (const n of descendants(root, skip)) {
    if (n.type === 'ERROR') return 'escapes';
    if (skip(n) || n.type !== 'identifier' || n.text !== name || n.startIndex < after) continue;
    const parent = n.parent;
    if (!parent) continue;
    // A redeclaration of the same name: we cannot tell the two apart, so stay silent.
    if ((parent.type === 'init_declarator' || parent.type === 'declaration' || parent.type === 'pointer_declarator' || parent.type === 'parameter_declaration')
      && parent.childForFieldName('declarator')?.id === n.id) return 'escapes';
    // `[connection description]`, `connection.x`, keyword arguments of a message: not followed.
    if (parent.type === 'message_expression' && objcMessage(parent)) return 'escapes';
    const use = cUse(n);
    if (use === 'escapes') return 'escapes';
    uses.add(use);
  }
  return combine(uses);
}

// ── Conditions ───────────────────────────────────────────────────────────────────────────────────

/**
 * How a condition relates to a Boolean variable: `holds` when the condition is true exactly when the variable
 * is true (`v`, `v == true`), `negates` when it is true exactly when the variable is false (`!v`, `v == false`).
 */
export type Polarity = 'holds' | 'negates';

const invert = (p: Polarity | undefined): Polarity | undefined => (p === 'holds' ? 'negates' : p === 'negates' ? 'holds' : undefined);

const TRUE_LITERALS = new Set(['true', 'YES', 'TRUE', '1']);
const FALSE_LITERALS = new Set(['false', 'NO', 'FALSE', '0']);

function literalPolarity(literal: Node): Polarity | undefined {
  if (TRUE_LITERALS.has(literal.text)) return 'holds';
  if (FALSE_LITERALS.has(literal.text)) return 'negates';
  return undefined;
}

/** Polarity of a Swift condition with respect to `name`. */
export function swiftPolarity(cond: Node, name: string): Polarity | undefined {
  switch (cond.type) {
    case 'simple_identifier':
      return cond.text === name ? 'holds' : undefined;
    case 'tuple_expression': {
      const inner = namedChildren(cond);
      return inner.length === 1 ? swiftPolarity(inner[0], name) : undefined;
    }
    case 'prefix_expression': {
      const op = cond.childForFieldName('operation');
      const target = cond.childForFieldName('target');
      return op?.text === '!' && target ? invert(swiftPolarity(target, name)) : undefined;
    }
    case 'equality_expression': {
      const lhs = cond.childForFieldName('lhs');
      const rhs = cond.childForFieldName('rhs');
      const op = cond.childForFieldName('op')?.text;
      if (!lhs || !rhs || (op !== '==' && op !== '!=')) return undefined;
      const [variable, literal] = lhs.type === 'boolean_literal' ? [rhs, lhs] : [lhs, rhs];
      if (literal.type !== 'boolean_literal' || swiftPolarity(variable, name) !== 'holds') return undefined;
      const p = literalPolarity(literal);
      return op === '==' ? p : invert(p);
    }
    default:
      return undefined;
  }
}

/** Polarity of a C / Objective-C condition with respect to `name`. */
export function cPolarity(cond: Node, name: string): Polarity | undefined {
  switch (cond.type) {
    case 'identifier':
      return cond.text === name ? 'holds' : undefined;
    case 'parenthesized_expression': {
      const inner = cond.namedChild(0);
      return inner ? cPolarity(inner, name) : undefined;
    }
    case 'unary_expression':
      return cond.childForFieldName('operator')?.text === '!' && cond.childForFieldName('argument')
        ? invert(cPolarity(cond.childForFieldName('argument')!, name)) : undefined;
    case 'binary_expression': {
      const op = cond.childForFieldName('operator')?.text;
      const left = cond.childForFieldName('left');
      const right = cond.childForFieldName('right');
      if (!left || !right || (op !== '==' && op !== '!=')) return undefined;
      const leftIsLiteral = TRUE_LITERALS.has(left.text) || FALSE_LITERALS.has(left.text);
      const [variable, literal] = leftIsLiteral ? [right, left] : [left, right];
      if (cPolarity(variable, name) !== 'holds') return undefined;
      const p = literalPolarity(literal);
      return op === '==' ? p : invert(p);
    }
    default:
      return undefined;
  }
}

// ── Swift branches ───────────────────────────────────────────────────────────────────────────────

/** Which part of a Swift `if`/`guard` statement `child` (a direct child) is in. */
export function swiftBranchOf(stmt: Node, child: Node): 'condition' | 'then' | 'else' {
  if (stmt.childrenForFieldName('condition').some((c) => c.id === child.id)) return 'condition';
  const elseToken = stmt.children.find((c) => c?.type === 'else');
  if (stmt.type === 'guard_statement') return elseToken && child.startIndex > elseToken.startIndex ? 'else' : 'condition';
  return elseToken && child.startIndex > elseToken.startIndex ? 'else' : 'then';
}

/** The single condition of an `if`/`guard`, or undefined when there are several (`if a, b`) or a pattern. */
export function swiftSingleCondition(stmt: Node): Node | undefined {
  const conditions = stmt.childrenForFieldName('condition');
  return conditions.length === 1 ? conditions[0] : undefined;
}

/** Nodes that make the code below them conditional or repeated, besides if/guard/switch. */
export const SWIFT_OTHER_CONDITIONALS = new Set([
  'ternary_expression', 'conjunction_expression', 'disjunction_expression', 'nil_coalescing_expression',
  'for_statement', 'while_statement', 'repeat_while_statement', 'catch_block', 'switch_entry', 'if_statement', 'guard_statement',
]);

export const C_CONDITIONALS = new Set([
  'if_statement', 'switch_statement', 'case_statement', 'conditional_expression', 'for_statement', 'while_statement',
  'do_statement', 'for_in_statement', '@catch', 'catch_clause',
]);

/** True when nothing conditional, repeated or deferred lies between `node` and its ancestor `container`. */
export function runsDirectlyIn(node: Node, container: Node, swift: boolean): boolean {
  for (const a of ancestors(node)) {
    if (a.id === container.id) return true;
    if (swift ? SWIFT_OTHER_CONDITIONALS.has(a.type) || SWIFT_FUNCTION_TYPES.has(a.type) : C_CONDITIONALS.has(a.type) || C_FUNCTION_TYPES.has(a.type)) return false;
    if (!swift && a.type === 'binary_expression' && ['&&', '||'].includes(a.childForFieldName('operator')?.text ?? '')) return false;
  }
  return false;
}

/** The call a closure is passed to directly (as an argument or trailing closure). */
export function swiftCallTakingClosure(closure: Node): Node | undefined {
  for (const ancestor of ancestors(closure)) {
    if (ancestor.type === 'call_expression') return ancestor;
    if (!['call_suffix', 'value_arguments', 'value_argument', 'annotated_lambda'].includes(ancestor.type)) return undefined;
  }
  return undefined;
}

/** The enclosing named function of a node, looking through closures (Swift). */
export function swiftEnclosingFunction(node: Node): Node | undefined {
  for (const a of ancestors(node)) {
    if (a.type === 'function_declaration' || a.type === 'init_declaration' || a.type === 'deinit_declaration') return a;
    if (a.type === 'class_body' || a.type === 'source_file') return undefined;
  }
  return undefined;
}

/** The enclosing C function or Objective-C method of a node, looking through blocks. */
export function cEnclosingFunction(node: Node): Node | undefined {
  for (const a of ancestors(node)) if (a.type === 'function_definition' || a.type === 'method_definition') return a;
  return undefined;
}

/** `foo` for `void foo(…) {…}` and the first selector piece for `- (void)foo:(…)… {…}`. */
export function cFunctionName(fn: Node): string | undefined {
  if (fn.type === 'method_definition') return namedChildren(fn).find((c) => c.type === 'identifier')?.text;
  let declarator = fn.childForFieldName('declarator');
  while (declarator && declarator.type !== 'identifier') declarator = declarator.childForFieldName('declarator');
  return declarator?.text;
}
