// Whether a Network framework send repeats in a loop with nothing pacing it (Swift, C and Objective-C dialects of one analysis).
import type { Node } from 'web-tree-sitter';
import { C_FUNCTION_TYPES, C_LOOP_TYPES, cCall, objcMessage } from '../syntax/c-family';
import { SWIFT_FUNCTION_TYPES, SWIFT_LOOP_TYPES, swiftCall, swiftImplicitMember, swiftMember } from '../syntax/swift';
import { ancestors, descendants, namedChildren } from '../syntax/tree';

/**
 * Calls that block the calling thread until something happens (`dispatch_semaphore_wait`, `semaphore.wait()`,
 * `waitForEvent`, `usleep`, `[NSThread sleepForTimeInterval:]`): a loop that blocks per iteration is paced.
 */
const BLOCKING_NAME = /wait|sleep/i;

/**
 * A loop whose literals fix it at this many iterations or fewer sends a bounded handful of messages
 * (a greeting, a header and a trailer), not an arbitrary amount of data.
 */
export const SMALL_LOOP_LIMIT = 16;

/** A place where code runs once per iteration: a loop statement or a `forEach` closure. */
interface Loop {
  node: Node;
  body: Node;
  /** What decides whether another iteration runs (conditions, the collection). */
  header: Node[];
  /** The collection or range iterated, when it is an expression. */
  collection?: Node;
  /** In a `forEach` closure `return` only ends the current iteration. */
  returnContinues: boolean;
  /** Each iteration waits for an event (`for await event in events`): one send per event. */
  perEvent?: boolean;
}

interface Send {
  call: Node;
  nameNode: Node;
  receiver: Node;
  /** The closure or block the connection calls when this send's data has been processed. */
  completion?: Node;
}

/** The syntax differences between Swift and the C family; the analysis in `findUnpacedLoop` is shared. */
interface Dialect {
  functionTypes: ReadonlySet<string>;
  /** Loops and switches: a `break` below one of them does not leave the outer loop. */
  breakScopes: ReadonlySet<string>;
  loopAt(node: Node): Loop | undefined;
  /** A plain variable or property path (`conn`, `self.connection`, `ctx->conn`): the same object each time it is read. */
  isStablePath(node: Node): boolean;
  /** The variable a path starts from (`peer` in `peer.connection`). */
  root(path: Node): Node;
  /** Names that may hold a different value on each iteration (loop variables, bindings declared in the loop). */
  boundNames(loop: Loop): Set<string>;
  /** Targets of assignments and increments under `root`, outside nested functions. */
  assignedTargets(root: Node): Node[];
  /** Identifiers read under `node`. */
  identifiers(node: Node): string[];
  smallCount(loop: Loop): number | undefined;
  isEndless(loop: Loop): boolean;
  /**
   * Code that blocks the loop until something happens (a semaphore wait, a sleep, the user's next line). An
   * `await` in the body may be waiting for the send; in the header it only fetches the next element.
   */
  waits(node: Node, inBody: boolean): boolean;
  /** Code that reads a file or stream. */
  reads(node: Node): boolean;
  exitKind(statement: Node): 'break' | 'return' | undefined;
  calleeName(node: Node): string | undefined;
  functionName(fn: Node): string | undefined;
}

/** `self.connection!`, `self->_connection` and `connection` all name the property `connection`. */
function normalizePath(text: string): string {
  const parts = text.replace(/[\s?!()]/g, '').replace(/->/g, '.').split('.').map((p) => p.replace(/^_+/, ''));
  if (parts[0] === 'self' && parts.length > 1) parts.shift();
  return parts.join('.');
}

const lastSegment = (path: string) => path.slice(path.lastIndexOf('.') + 1);

function parseInteger(text: string): number | undefined {
  const value = Number(text.replace(/_/g, '').replace(/[uUlL]+$/, ''));
  return Number.isInteger(value) ? value : undefined;
}

function* outsideNestedFunctions(root: Node, d: Dialect): Generator<Node> {
  yield* descendants(root, (n) => d.functionTypes.has(n.type));
}

/** True when the send's completion re-runs the sending function (`sendNextChunk` recursion or a windowed pump). */
function completionCallsEnclosingFunction(send: Send, d: Dialect): boolean {
  if (!send.completion) return false;
  let fnName: string | undefined;
  for (const a of ancestors(send.call)) {
    fnName = d.functionName(a);
    if (fnName) break;
  }
  if (!fnName) return false;
  for (const n of descendants(send.completion)) if (d.calleeName(n) === fnName) return true;
  return false;
}

/** A `break`, `return` or `throw` after the send in a block between it and the loop: the loop sends once. */
function exitsAfterSend(send: Send, loop: Loop, path: Node[], d: Dialect): boolean {
  let breakCaptured = false;
  let returnCaptured = loop.returnContinues;
  for (let i = path.length - 1; i >= 0; i--) {
    const block = path[i];
    if (d.breakScopes.has(block.type)) breakCaptured = true;
    if (d.functionTypes.has(block.type)) breakCaptured = returnCaptured = true;
    for (let s = (i === 0 ? send.call : path[i - 1]).nextSibling; s; s = s.nextSibling) {
      const exit = d.exitKind(s);
      if ((exit === 'break' && !breakCaptured) || (exit === 'return' && !returnCaptured)) return true;
    }
  }
  return false;
}

/** The receiver may name a different connection on each iteration (`for c in conns { c.send … }`). */
function receiverVaries(send: Send, loop: Loop, d: Dialect): boolean {
  const root = d.root(send.receiver).text;
  if (/^\$\d+$/.test(root) || d.boundNames(loop).has(root)) return true;
  const receiver = normalizePath(send.receiver.text);
  return d.assignedTargets(loop.node).some((t) => {
    const target = normalizePath(t.text);
    return receiver === target || receiver.startsWith(`${target}.`);
  });
}

/** The completion counts sends in flight and the loop condition reads that count: a send window. */
function windowedByCompletion(send: Send, loop: Loop, d: Dialect): boolean {
  if (!send.completion) return false;
  const changed = new Set(d.assignedTargets(send.completion).map((t) => lastSegment(normalizePath(t.text))));
  return loop.header.some((h) => d.identifiers(h).some((name) => changed.has(name.replace(/^_+/, ''))));
}

/** The nearest enclosing loop that repeats this send on the same connection with nothing pacing it. */
function findUnpacedLoop(send: Send, d: Dialect): Loop | undefined {
  if (!d.isStablePath(send.receiver) || completionCallsEnclosingFunction(send, d)) return undefined;
  const path: Node[] = [];
  let child = send.call;
  for (const node of ancestors(send.call)) {
    const loop = d.loopAt(node);
    if (loop && loop.body.id === child.id) {
      const small = d.smallCount(loop);
      const paced = [...outsideNestedFunctions(loop.body, d)].some((n) => d.waits(n, true))
        || loop.header.some((h) => [h, ...outsideNestedFunctions(h, d)].some((n) => d.waits(n, false)));
      if (receiverVaries(send, loop, d) || paced || loop.perEvent) return undefined;
      if (!(small !== undefined && small <= SMALL_LOOP_LIMIT) && !exitsAfterSend(send, loop, path, d)
        && !windowedByCompletion(send, loop, d)) return loop;
    }
    if (!loop && d.functionTypes.has(node.type)) return undefined;
    path.push(node);
    child = node;
  }
  return undefined;
}

// ── Swift ────────────────────────────────────────────────────────────────────────────────────────

const NW_SEND_LABELS = new Set(['content', 'contentContext', 'isComplete', 'completion']);
const NW_SEND_COMPLETIONS = new Set(['contentProcessed', 'idempotent']);

/** `.idempotent`, `.contentProcessed { … }`, `NWConnection.SendCompletion.idempotent`. */
function swiftCompletionName(value: Node): string | undefined {
  return swiftImplicitMember(value) ?? swiftMember(value)?.name ?? swiftCall(value)?.name;
}

/** `conn.send(content:contentContext:isComplete:completion:)` with an NWConnection.SendCompletion value. */
function swiftSend(node: Node): Send | undefined {
  const call = swiftCall(node);
  if (!call || call.name !== 'send' || !call.receiver || call.trailingClosures.length > 0) return undefined;
  const labels = call.arguments.map((a) => a.label);
  if (labels[0] !== 'content' || !labels.every((l) => l !== undefined && NW_SEND_LABELS.has(l))) return undefined;
  const completion = call.arguments.find((a) => a.label === 'completion')?.value;
  const kind = completion && swiftCompletionName(completion);
  if (!completion || !kind || !NW_SEND_COMPLETIONS.has(kind)) return undefined;
  const closure = [...descendants(completion)].find((n) => n.type === 'lambda_literal');
  return { call: node, nameNode: call.nameNode, receiver: call.receiver, completion: closure };
}

/** The `forEach` call whose closure argument is `lambda`. */
function swiftForEachTarget(lambda: Node): Node | undefined {
  let call: Node | null = lambda.parent;
  for (let i = 0; call && call.type !== 'call_expression' && i < 4; i++) call = call.parent;
  const parsed = call ? swiftCall(call) : undefined;
  if (!parsed || parsed.name !== 'forEach' || !parsed.receiver) return undefined;
  const closures = [...parsed.trailingClosures, ...parsed.arguments.map((a) => a.value)];
  return closures.length === 1 && closures[0]?.id === lambda.id ? parsed.receiver : undefined;
}

function swiftLiteralCount(node: Node): number | undefined {
  const int = (n: Node | null) => (n?.type === 'integer_literal' ? parseInteger(n.text) : undefined);
  if (node.type === 'tuple_expression') {
    const parts = namedChildren(node);
    return parts.length === 1 ? swiftLiteralCount(parts[0]) : undefined;
  }
  if (node.type === 'array_literal') return node.childrenForFieldName('element').length;
  if (node.type === 'range_expression') {
    const start = int(node.childForFieldName('start'));
    const end = int(node.childForFieldName('end'));
    if (start === undefined || end === undefined) return undefined;
    return Math.max(0, end - start + (node.childForFieldName('op')?.text === '...' ? 1 : 0));
  }
  const stride = swiftCall(node);
  if (stride?.name === 'stride' && !stride.receiver) {
    const arg = (label: string) => int(stride.arguments.find((a) => a.label === label)?.value ?? null);
    const from = arg('from');
    const by = arg('by');
    const to = arg('to') ?? arg('through');
    if (from === undefined || to === undefined || !by) return undefined;
    return Math.ceil(Math.abs((to - from) / by)) + (arg('through') !== undefined ? 1 : 0);
  }
  return undefined;
}

/** Async sequences of file or network bytes: `for try await line in url.lines` reads data, it does not wait for events. */
const SWIFT_ASYNC_BYTES = new Set(['bytes', 'lines', 'characters', 'unicodeScalars']);

function swiftForAwait(loop: Node): 'bytes' | 'events' | undefined {
  if (loop.type !== 'for_statement' || !loop.children.some((c) => c?.type === 'await')) return undefined;
  const collection = loop.childForFieldName('collection');
  const name = collection && (swiftMember(collection)?.name ?? swiftCall(collection)?.name);
  return name && SWIFT_ASYNC_BYTES.has(name) ? 'bytes' : 'events';
}

const SWIFT_PATH_TYPES = new Set(['simple_identifier', 'self_expression', 'navigation_expression', 'navigation_suffix', 'postfix_expression', 'bang']);
const SWIFT_READS = new Set(['readData', 'read', 'fread']);

const swift: Dialect = {
  functionTypes: SWIFT_FUNCTION_TYPES,
  breakScopes: new Set([...SWIFT_LOOP_TYPES, 'switch_statement']),
  loopAt(node) {
    if (SWIFT_LOOP_TYPES.has(node.type)) {
      const body = namedChildren(node).find((c) => c.type === 'statements');
      if (!body) return undefined;
      const collection = node.childForFieldName('collection') ?? undefined;
      const header = namedChildren(node).filter((c) => c.id !== body.id);
      return { node, body, header, collection, returnContinues: false, perEvent: swiftForAwait(node) === 'events' };
    }
    if (node.type !== 'lambda_literal') return undefined;
    const target = swiftForEachTarget(node);
    const body = namedChildren(node).find((c) => c.type === 'statements');
    return target && body ? { node, body, header: [], collection: target, returnContinues: true } : undefined;
  },
  isStablePath: (node) => [node, ...descendants(node)].every((n) => !n.isNamed || SWIFT_PATH_TYPES.has(n.type))
    && (node.type !== 'postfix_expression' || node.child(1)?.type === 'bang'),
  root(path) {
    let node = path;
    while (node.type === 'navigation_expression' || node.type === 'postfix_expression') {
      const target = node.childForFieldName('target');
      if (!target) break;
      node = target;
    }
    return node;
  },
  boundNames(loop) {
    const names = new Set<string>();
    for (const n of [loop.node, ...descendants(loop.node)]) {
      for (const b of n.childrenForFieldName('bound_identifier')) names.add(b.text);
      const parameter = n.type === 'lambda_parameter' ? n.childForFieldName('name') : null;
      if (parameter) names.add(parameter.text);
      if (n.type === 'for_statement') {
        const item = n.childForFieldName('item');
        if (item) for (const i of descendants(item)) if (i.type === 'simple_identifier') names.add(i.text);
      }
    }
    return names;
  },
  assignedTargets: (root) => [...descendants(root, (n) => SWIFT_FUNCTION_TYPES.has(n.type))]
    .filter((n) => n.type === 'assignment').map((n) => n.childForFieldName('target')).filter((t): t is Node => t !== null),
  identifiers: (node) => [node, ...descendants(node)].filter((n) => n.type === 'simple_identifier').map((n) => n.text),
  smallCount: (loop) => (loop.collection ? swiftLiteralCount(loop.collection) : undefined),
  isEndless(loop) {
    if (loop.node.type !== 'while_statement' && loop.node.type !== 'repeat_while_statement') return false;
    const conditions = loop.node.childrenForFieldName('condition');
    return conditions.length === 1 && conditions[0].type === 'boolean_literal' && conditions[0].text === 'true';
  },
  waits(node, inBody) {
    if (node.type === 'await_expression') return inBody;
    const call = swiftCall(node);
    if (!call) return false;
    // `semaphore.wait()`, `group.wait(timeout:)`, `events.waitForNext()`, `Thread.sleep(…)`, and `readLine()`,
    // which blocks for the user's next line: one send per event is not a flow-control problem.
    return BLOCKING_NAME.test(call.name) || (call.name === 'readLine' && !call.receiver);
  },
  reads(node) {
    if (swiftForAwait(node) === 'bytes') return true;
    const call = swiftCall(node);
    if (!call || !SWIFT_READS.has(call.name)) return false;
    const labels = call.arguments.map((a) => a.label);
    if (call.name === 'readData') return labels.includes('ofLength');
    if (!call.receiver) return labels.every((l) => l === undefined) && call.arguments.length >= 3;
    return call.name === 'read' && (labels.includes('upToCount') || labels.includes('maxLength'));
  },
  exitKind(statement) {
    if (statement.type !== 'control_transfer_statement') return undefined;
    const keyword = statement.child(0)?.type;
    return keyword === 'break' ? 'break' : keyword === 'return' || keyword === 'throw_keyword' ? 'return' : undefined;
  },
  calleeName: (node) => swiftCall(node)?.name,
  functionName: (fn) => (fn.type === 'function_declaration' ? fn.childForFieldName('name')?.text : undefined),
};

// ── C and Objective-C ────────────────────────────────────────────────────────────────────────────

/** `nw_connection_send(connection, content, context, is_complete, completion)`. */
function cSend(node: Node): Send | undefined {
  const call = cCall(node);
  if (!call || call.name !== 'nw_connection_send' || call.arguments.length !== 5) return undefined;
  const completion = call.arguments[4];
  const block = completion.type === 'block_literal' ? completion : undefined;
  return { call: node, nameNode: call.nameNode, receiver: call.arguments[0], completion: block };
}

const isForIn = (loop: Node) => loop.type === 'for_statement' && loop.children.some((c) => c?.type === 'in');

function cForCount(loop: Node): number | undefined {
  const init = loop.childForFieldName('initializer');
  const cond = loop.childForFieldName('condition');
  if (!init || cond?.type !== 'binary_expression') return undefined;
  const decl = init.type === 'declaration' ? init.childForFieldName('declarator') : init;
  const variable = decl?.childForFieldName(decl.type === 'init_declarator' ? 'declarator' : 'left');
  const startNode = decl?.childForFieldName(decl.type === 'init_declarator' ? 'value' : 'right');
  if (variable?.type !== 'identifier' || startNode?.type !== 'number_literal') return undefined;
  const left = cond.childForFieldName('left');
  const right = cond.childForFieldName('right');
  const bound = left?.text === variable.text ? right : right?.text === variable.text ? left : undefined;
  const start = parseInteger(startNode.text);
  const end = bound?.type === 'number_literal' ? parseInteger(bound.text) : undefined;
  if (start === undefined || end === undefined) return undefined;
  const inclusive = ['<=', '>='].includes(cond.childForFieldName('operator')?.text ?? '');
  return Math.abs(end - start) + (inclusive ? 1 : 0);
}

const C_PATH_TYPES = new Set(['identifier', 'field_expression', 'field_identifier', 'parenthesized_expression']);
/** Where an assignment or `++`/`--` names what it changes. */
const C_ASSIGNED_FIELD: Record<string, string> = { assignment_expression: 'left', update_expression: 'argument' };
const C_EVENT_WAITS = new Set(['select', 'poll', 'kevent']);
const C_READS = new Set(['fread', 'read', 'pread']);
const OBJC_READS = new Set(['readDataOfLength:', 'readDataUpToLength:error:', 'read:maxLength:']);

const cFamily: Dialect = {
  functionTypes: C_FUNCTION_TYPES,
  breakScopes: new Set([...C_LOOP_TYPES, 'switch_statement']),
  loopAt(node) {
    if (!C_LOOP_TYPES.has(node.type)) return undefined;
    const forIn = isForIn(node);
    const body = node.childForFieldName('body') ?? (forIn ? node.lastNamedChild : null);
    if (!body) return undefined;
    const header = namedChildren(node).filter((c) => c.id !== body.id);
    // `for (NSData *chunk in chunks)`: the collection is the expression after `in`.
    const collection = forIn ? header[header.length - 1] : undefined;
    return { node, body, header, collection, returnContinues: false };
  },
  isStablePath: (node) => [node, ...descendants(node)].every((n) => !n.isNamed || C_PATH_TYPES.has(n.type)),
  root(path) {
    let node = path;
    while (node.type === 'field_expression' || node.type === 'parenthesized_expression') {
      const inner = node.type === 'field_expression' ? node.childForFieldName('argument') : node.namedChild(0);
      if (!inner) break;
      node = inner;
    }
    return node;
  },
  boundNames(loop) {
    const names = new Set<string>();
    for (const n of [loop.node, ...descendants(loop.node)]) {
      for (const d of n.childrenForFieldName('declarator')) if (d.type === 'identifier') names.add(d.text);
      if (isForIn(n)) for (const c of namedChildren(n)) if (c.type === 'identifier' && c.nextSibling?.type === 'in') names.add(c.text);
    }
    return names;
  },
  assignedTargets: (root) => [...descendants(root, (n) => C_FUNCTION_TYPES.has(n.type))]
    .map((n) => C_ASSIGNED_FIELD[n.type] && n.childForFieldName(C_ASSIGNED_FIELD[n.type]))
    .filter((t): t is Node => !!t),
  identifiers: (node) => [node, ...descendants(node)].filter((n) => n.type === 'identifier' || n.type === 'field_identifier').map((n) => n.text),
  smallCount(loop) {
    if (loop.collection?.type === 'array_literal') return namedChildren(loop.collection).length;
    return loop.node.type === 'for_statement' ? cForCount(loop.node) : undefined;
  },
  isEndless(loop) {
    const { node } = loop;
    if (node.type === 'for_statement') return !isForIn(node) && node.childForFieldName('condition') === null;
    const condition = node.childForFieldName('condition');
    const value = condition?.type === 'parenthesized_expression' ? condition.namedChild(0) : condition;
    if (!value) return false;
    if (value.type === 'number_literal') return parseInteger(value.text) !== 0;
    return value.type === 'true' || ['YES', 'TRUE', 'true'].includes(value.text);
  },
  waits(node) {
    const call = cCall(node);
    if (call) {
      // `fgets(line, sizeof line, stdin)` blocks for the user's next line, like an event wait.
      const fromStdin = ['fgets', 'getline'].includes(call.name) && call.arguments[call.arguments.length - 1]?.text === 'stdin';
      return BLOCKING_NAME.test(call.name) || C_EVENT_WAITS.has(call.name) || fromStdin;
    }
    const message = objcMessage(node);
    return message !== undefined && BLOCKING_NAME.test(message.keywords[0].name);
  },
  reads(node) {
    const call = cCall(node);
    if (call) return C_READS.has(call.name);
    const message = objcMessage(node);
    return message !== undefined && OBJC_READS.has(message.selector);
  },
  exitKind: (statement) => (statement.type === 'break_statement' ? 'break' : statement.type === 'return_statement' ? 'return' : undefined),
  calleeName: (node) => cCall(node)?.name ?? objcMessage(node)?.keywords[0].name,
  functionName(fn) {
    if (fn.type === 'method_definition') return namedChildren(fn).find((c) => c.type === 'identifier')?.text;
    if (fn.type !== 'function_definition') return undefined;
    let declarator = fn.childForFieldName('declarator');
    while (declarator && declarator.type !== 'identifier') declarator = declarator.childForFieldName('declarator');
    return declarator?.text;
  },
};

/** Loops that read a file or stream, and endless loops, get a message that says so. */
function messageFor(loop: Loop, d: Dialect, suffix: string): string {
  if ([loop.node, ...outsideNestedFunctions(loop.node, d)].some((n) => d.reads(n))) return `readLoop${suffix}`;
  return d.isEndless(loop) ? `endlessLoop${suffix}` : `loop${suffix}`;
}

/**
 * The send that `node` makes when a loop repeats it on the same connection with nothing pacing it: the name to
 * flag and the message id (`loop`, `readLoop`, `endlessLoop`, with a `C` suffix for the C family).
 */
export function unpacedSend(node: Node, language: 'swift' | 'c-family'): { nameNode: Node; messageId: string } | undefined {
  const d = language === 'swift' ? swift : cFamily;
  const send = language === 'swift' ? swiftSend(node) : cSend(node);
  const loop = send && findUnpacedLoop(send, d);
  return send && loop ? { nameNode: send.nameNode, messageId: messageFor(loop, d, language === 'swift' ? '' : 'C') } : undefined;
}
