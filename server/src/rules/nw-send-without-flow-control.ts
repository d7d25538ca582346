// nw-send-without-flow-control: a loop that keeps sending on one NWConnection without waiting for each send's completion.
import type { Node } from 'web-tree-sitter';
import { defineRule } from './rule';
import { C_FUNCTION_TYPES, C_LOOP_TYPES, cCall, objcMessage } from './syntax/c-family';
import { SWIFT_FUNCTION_TYPES, SWIFT_LOOP_TYPES, swiftCall, swiftImplicitMember, swiftMember } from './syntax/swift';
import { ancestors, descendants, namedChildren } from './syntax/tree';

/**
 * Calls that block the calling thread until something happens (`dispatch_semaphore_wait`, `semaphore.wait()`,
 * `waitForEvent`, `usleep`, `[NSThread sleepForTimeInterval:]`): a loop that blocks per iteration is paced.
 */
const BLOCKING_NAME = /wait|sleep/i;

/**
 * A loop whose literals fix it at this many iterations or fewer sends a bounded handful of messages
 * (a greeting, a header and a trailer), not an arbitrary amount of data.
 */
const SMALL_LOOP_LIMIT = 16;

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

export default defineRule({
  id: 'nw-send-without-flow-control',
  title: 'NWConnection send in a loop without waiting for completion',
  scope: 'item',
  languages: ['swift', 'objc', 'c'],
  defaultSeverity: 'warning',
  confidence: 'high',
  article: 'nw-send-without-flow-control',
  triggers: ['contentProcessed', 'idempotent', 'SendCompletion', 'nw_connection_send'],
  sources: [
    'Apple Developer Forums: Moving from Multipeer Connectivity to Network Framework (DTS), "Start a stream" and "Send and receive reliable messages"',
    'https://developer.apple.com/documentation/network/nwconnection/send(content:contentcontext:iscomplete:completion:)',
    'https://developer.apple.com/documentation/network/nwconnection/sendcompletion',
    'https://developer.apple.com/documentation/network/nw_connection_send(_:_:_:_:_:)',
  ],
  messages: {
    loop: "This loop sends on the same NWConnection without waiting for each send's completion, so unsent data can pile up in memory without bound; send the next chunk from the previous send's .contentProcessed completion.",
    readLoop: "This loop reads chunks from a file or stream and sends them on the same NWConnection without waiting for each send's completion, so the data piles up in memory faster than the network drains it; read and send the next chunk from the previous send's .contentProcessed completion.",
    endlessLoop: "This endless loop sends on the same NWConnection without waiting for each send's completion, so unsent data piles up in memory until the system kills the app; send the next chunk from the previous send's .contentProcessed completion.",
    loopC: 'This loop calls nw_connection_send on the same connection without waiting for each completion, so unsent data can pile up in memory without bound; send the next chunk from the previous nw_connection_send completion block.',
    readLoopC: 'This loop reads chunks from a file or stream and passes them to nw_connection_send on the same connection without waiting for each completion, so the data piles up in memory faster than the network drains it; read and send the next chunk from the previous nw_connection_send completion block.',
    endlessLoopC: 'This endless loop calls nw_connection_send on the same connection without waiting for each completion, so unsent data piles up in memory until the system kills the app; send the next chunk from the previous nw_connection_send completion block.',
  },
  knownLimitations: [
    'Types are not resolved: any `send(content:…completion:)` whose completion is `.contentProcessed` or `.idempotent` is taken for NWConnection, and a send whose completion is passed in a variable is not checked.',
    'Back pressure managed elsewhere is invisible: a loop bounded by a byte budget or queue owned by other code is flagged unless its condition reads a value the send completion changes or the completion calls the enclosing function.',
    'Anything that blocks in the loop counts as pacing even when it does not wait for this send (a semaphore, group or condition wait, a sleep, `select`/`poll`, an `await` in the body); so do event loops (`for await x in events`, `readLine()`, `fgets(…, stdin)`), which send once per event however fast events arrive.',
    `Loops whose literals bound them to ${SMALL_LOOP_LIMIT} iterations or fewer are ignored, whatever the size of each message.`,
    'Only plain variables and property paths are followed as the connection (`conn`, `self.connection`, `ctx->conn`); a connection reached through a subscript, a cast or a method call is never flagged, nor one copied into a local declared inside the loop.',
    'A `break`, `return` or `throw` after the send in the same block (even inside an `if`) makes the loop count as sending once.',
    'Sends in closures or blocks inside the loop (`queue.async { … }`, `enumerateObjectsUsingBlock:`, `dispatch_apply`) are not treated as per-iteration; only `forEach` closures are.',
    '`.idempotent` / `NW_CONNECTION_SEND_IDEMPOTENT_CONTENT` sends in a loop are flagged like the others: they report no completion at all, so nothing can pace the loop.',
  ],
  create(context) {
    const isSwift = context.language === 'swift';
    const d = isSwift ? swift : cFamily;
    const suffix = isSwift ? '' : 'C';
    return {
      call_expression(node) {
        const send = isSwift ? swiftSend(node) : cSend(node);
        const loop = send && findUnpacedLoop(send, d);
        if (send && loop) context.report({ node: send.nameNode, messageId: messageFor(loop, d, suffix) });
      },
    };
  },
  examples: {
    swift: {
      invalid: [
        'func upload(_ chunks: [Data], on connection: NWConnection) {\n  for chunk in chunks {\n    connection.⟦send⟧(content: chunk, isComplete: false, completion: .contentProcessed { error in\n      if let error { print("upload failed: \\(error)") }\n    })\n  }\n}',
        { code: 'func sendFile(at url: URL) throws {\n  let file = try FileHandle(forReadingFrom: url)\n  defer { try? file.close() }\n  while let chunk = try file.read(upToCount: 65_536), !chunk.isEmpty {\n    self.connection.⟦send⟧(content: chunk, isComplete: false, completion: .idempotent)\n  }\n}', messages: ['readLoop'], note: 'reads a file' },
        { code: 'func startStreaming() {\n  streamQueue.async {\n    while true {\n      let frame = self.encoder.nextFrame()\n      self.connection?.⟦send⟧(content: frame, completion: .contentProcessed { _ in })\n    }\n  }\n}', messages: ['endlessLoop'], note: 'endless loop on a background queue' },
        { code: 'let context = NWConnection.ContentContext(identifier: "update", metadata: [NWProtocolWebSocket.Metadata(opcode: .binary)])\nupdates.forEach { connection.⟦send⟧(content: $0, contentContext: context, completion: .idempotent) }', note: 'forEach closure' },
        { code: 'func relay(_ url: URL, to connection: NWConnection) async throws {\n  for try await line in url.lines {\n    connection.⟦send⟧(content: Data(line.utf8), completion: .contentProcessed { _ in })\n  }\n}', messages: ['readLoop'], note: 'awaiting the next line is not waiting for the send' },
        { code: 'var more = true\nrepeat {\n  let data = handle.readData(ofLength: 1 << 20)\n  more = !data.isEmpty\n  connection.⟦send⟧(content: data, isComplete: !more, completion: .contentProcessed { _ in })\n} while more', messages: ['readLoop'] },
        { code: 'while true {\n  for word in ["ping", "pong"] {\n    connection.⟦send⟧(content: Data(word.utf8), completion: .idempotent)\n  }\n}', messages: ['endlessLoop'], note: 'a small inner loop inside an endless one' },
      ],
      valid: [
        { code: 'func broadcast(_ message: Data) {\n  for connection in connections {\n    connection.send(content: message, completion: .contentProcessed { _ in })\n  }\n  for peer in peers where peer.isReady {\n    peer.connection.send(content: message, completion: .idempotent)\n  }\n  connections.forEach { $0.send(content: message, completion: .idempotent) }\n}', note: 'a different connection on each iteration' },
        { code: 'func sendNextChunk(on connection: NWConnection) {\n  guard let chunk = reader.nextChunk() else { return }\n  connection.send(content: chunk, completion: .contentProcessed { error in\n    if error == nil { self.sendNextChunk(on: connection) }\n  })\n}\n\nfunc startUploads() {\n  for connection in uploadConnections { sendNextChunk(on: connection) }\n}', note: 'the next send starts from the previous completion' },
        { code: 'for greeting in ["HELLO", "VERSION 2"] {\n  connection.send(content: Data(greeting.utf8), completion: .idempotent)\n}\nfor _ in 0..<3 {\n  probe.send(content: nil, isComplete: true, completion: .contentProcessed { _ in })\n}', note: `literal bound of at most ${SMALL_LOOP_LIMIT} iterations` },
        { code: 'let sent = DispatchSemaphore(value: 0)\nfor chunk in chunks {\n  connection.send(content: chunk, completion: .contentProcessed { _ in sent.signal() })\n  sent.wait()\n}\nfor chunk in chunks {\n  try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, Error>) in\n    connection.send(content: chunk, completion: .contentProcessed { error in\n      if let error { continuation.resume(throwing: error) } else { continuation.resume() }\n    })\n  }\n}', note: 'each iteration waits for the completion' },
        { code: 'for frame in frames {\n  // connection.send(content: frame, completion: .idempotent)\n  webSocketTask.send(.data(frame)) { error in if let error { print(error) } }\n  try session.send(frame, toPeers: session.connectedPeers, with: .reliable)\n  log("connection.send(content:completion:) queued")\n}', note: 'other send APIs, comments and strings' },
        { code: 'for connection in pending {\n  connection.stateUpdateHandler = { state in\n    if case .ready = state { self.control.send(content: hello, completion: .idempotent) }\n  }\n  connection.receive(minimumIncompleteLength: 1, maximumLength: 65_536) { data, _, _, _ in\n    if let data { self.control.send(content: data, completion: .idempotent) }\n  }\n}', note: 'sends inside handlers run later, once per event' },
        { code: 'func flush() {\n  while window > 0, let chunk = queue.popFirst() {\n    window -= 1\n    connection.send(content: chunk, completion: .contentProcessed { _ in\n      self.window += 1\n      self.scheduleFlush()\n    })\n  }\n  for candidate in candidates where candidate.isReady {\n    connection.send(content: candidate.ticket, completion: .idempotent)\n    break\n  }\n}', note: 'a send window refilled by the completion; a send followed by break' },
        { code: 'func forwardUpdates() async {\n  for await update in store.updates {\n    connection.send(content: try? encoder.encode(update), completion: .idempotent)\n  }\n  while let line = readLine() {\n    connection.send(content: Data(line.utf8), completion: .idempotent)\n  }\n}', note: 'one send per event or typed line' },
      ],
    },
    objc: {
      invalid: [
        { code: '- (void)sendChunks:(NSArray<NSData *> *)chunks {\n  for (NSData *chunk in chunks) {\n    dispatch_data_t content = dispatch_data_create(chunk.bytes, chunk.length, nil, DISPATCH_DATA_DESTRUCTOR_DEFAULT);\n    ⟦nw_connection_send⟧(self.connection, content, NW_CONNECTION_DEFAULT_STREAM_CONTEXT, false, ^(nw_error_t error) {\n      if (error != nil) { NSLog(@"send failed"); }\n    });\n  }\n}', messages: ['loopC'] },
        { code: '- (void)sendStream:(NSInputStream *)input {\n  uint8_t buffer[65536];\n  NSInteger count;\n  while ((count = [input read:buffer maxLength:sizeof buffer]) > 0) {\n    dispatch_data_t content = dispatch_data_create(buffer, count, nil, DISPATCH_DATA_DESTRUCTOR_DEFAULT);\n    ⟦nw_connection_send⟧(_connection, content, NW_CONNECTION_DEFAULT_STREAM_CONTEXT, false, NW_CONNECTION_SEND_IDEMPOTENT_CONTENT);\n  }\n}', messages: ['readLoopC'], note: 'reads an NSInputStream' },
        { code: '- (void)pumpPackets {\n  for (;;) {\n    dispatch_data_t packet = [self.encoder nextPacket];\n    ⟦nw_connection_send⟧(self->_connection, packet, NW_CONNECTION_DEFAULT_MESSAGE_CONTEXT, true, ^(nw_error_t error) {});\n  }\n}', messages: ['endlessLoopC'] },
        { code: '- (void)sendFileAtPath:(NSString *)path {\n  NSFileHandle *file = [NSFileHandle fileHandleForReadingAtPath:path];\n  NSData *chunk;\n  do {\n    chunk = [file readDataOfLength:65536];\n    ⟦nw_connection_send⟧(self.connection, [self dispatchDataFrom:chunk], NW_CONNECTION_DEFAULT_STREAM_CONTEXT, chunk.length == 0, NW_CONNECTION_SEND_IDEMPOTENT_CONTENT);\n  } while (chunk.length > 0);\n}', messages: ['readLoopC'], note: 'NSFileHandle do-while' },
      ],
      valid: [
        { code: '- (void)broadcast:(dispatch_data_t)message {\n  for (Peer *peer in self.peers) {\n    nw_connection_send(peer.connection, message, NW_CONNECTION_DEFAULT_MESSAGE_CONTEXT, true, NW_CONNECTION_SEND_IDEMPOTENT_CONTENT);\n  }\n  for (NSUInteger i = 0; i < self.connections.count; i++) {\n    nw_connection_send(self.connections[i], message, NW_CONNECTION_DEFAULT_MESSAGE_CONTEXT, true, NW_CONNECTION_SEND_IDEMPOTENT_CONTENT);\n  }\n}', note: 'a different connection on each iteration' },
        { code: '- (void)sendNextChunk {\n  dispatch_data_t chunk = [self.reader nextChunk];\n  if (chunk == nil) { return; }\n  nw_connection_send(self.connection, chunk, NW_CONNECTION_DEFAULT_STREAM_CONTEXT, false, ^(nw_error_t error) {\n    if (error == nil) { [self sendNextChunk]; }\n  });\n}', note: 'the next send starts from the previous completion' },
        { code: 'dispatch_semaphore_t sent = dispatch_semaphore_create(0);\nfor (NSData *chunk in chunks) {\n  nw_connection_send(connection, [self dispatchDataFrom:chunk], NW_CONNECTION_DEFAULT_STREAM_CONTEXT, false, ^(nw_error_t error) {\n    dispatch_semaphore_signal(sent);\n  });\n  dispatch_semaphore_wait(sent, DISPATCH_TIME_FOREVER);\n}', note: 'each iteration waits for the completion' },
        { code: 'for (NSString *line in @[@"HELLO", @"VERSION 2"]) {\n  nw_connection_send(connection, [self dispatchDataFrom:[line dataUsingEncoding:NSUTF8StringEncoding]], NW_CONNECTION_DEFAULT_MESSAGE_CONTEXT, true, NW_CONNECTION_SEND_IDEMPOTENT_CONTENT);\n}\nfor (int attempt = 0; attempt < 2; attempt++) {\n  nw_connection_send(connection, probe, NW_CONNECTION_DEFAULT_MESSAGE_CONTEXT, true, NW_CONNECTION_SEND_IDEMPOTENT_CONTENT);\n}', note: 'small literal bounds' },
        { code: 'for (NSData *frame in frames) {\n  // nw_connection_send(connection, frame, ctx, true, NW_CONNECTION_SEND_IDEMPOTENT_CONTENT);\n  [self.session sendData:frame toPeers:self.session.connectedPeers withMode:MCSessionSendDataReliable error:nil];\n  NSLog(@"nw_connection_send queued");\n}', note: 'other send APIs, comments and strings' },
        { code: 'while (self.running) {\n  nw_connection_receive(self.connection, 1, 65536, ^(dispatch_data_t content, nw_content_context_t context, bool is_complete, nw_error_t error) {\n    if (content != nil) {\n      nw_connection_send(self.connection, content, NW_CONNECTION_DEFAULT_MESSAGE_CONTEXT, true, NW_CONNECTION_SEND_IDEMPOTENT_CONTENT);\n    }\n  });\n  [self waitForNextRequest];\n}', note: 'an echo from a receive completion' },
      ],
    },
    c: {
      invalid: [
        { code: 'void send_file(nw_connection_t connection, FILE *file) {\n  char buffer[65536];\n  size_t count;\n  while ((count = fread(buffer, 1, sizeof buffer, file)) > 0) {\n    dispatch_data_t chunk = dispatch_data_create(buffer, count, NULL, DISPATCH_DATA_DESTRUCTOR_DEFAULT);\n    ⟦nw_connection_send⟧(connection, chunk, NW_CONNECTION_DEFAULT_STREAM_CONTEXT, false, NW_CONNECTION_SEND_IDEMPOTENT_CONTENT);\n    dispatch_release(chunk);\n  }\n}', messages: ['readLoopC'], note: 'fread loop' },
        { code: 'static void stream_samples(struct sensor_context *ctx) {\n  while (1) {\n    dispatch_data_t sample = next_sample(ctx->sensor);\n    ⟦nw_connection_send⟧(ctx->connection, sample, NW_CONNECTION_DEFAULT_MESSAGE_CONTEXT, true, NW_CONNECTION_SEND_IDEMPOTENT_CONTENT);\n  }\n}', messages: ['endlessLoopC'] },
        { code: 'void send_all(nw_connection_t conn, dispatch_data_t *chunks, size_t count) {\n  for (size_t i = 0; i < count; i++) {\n    ⟦nw_connection_send⟧(conn, chunks[i], NW_CONNECTION_DEFAULT_STREAM_CONTEXT, i + 1 == count, ^(nw_error_t error) {\n      if (error != NULL) { report_error(error); }\n    });\n  }\n}', messages: ['loopC'], note: 'completion block that does not pace the loop' },
        { code: 'void pipe_fd(int fd, nw_connection_t connection) {\n  char buffer[16384];\n  ssize_t n;\n  do {\n    n = read(fd, buffer, sizeof buffer);\n    ⟦nw_connection_send⟧(connection, make_data(buffer, n), NW_CONNECTION_DEFAULT_STREAM_CONTEXT, n <= 0, NW_CONNECTION_SEND_IDEMPOTENT_CONTENT);\n  } while (n > 0);\n}', messages: ['readLoopC'], note: 'read(2) loop' },
      ],
      valid: [
        { code: 'void broadcast(nw_connection_t *connections, size_t count, dispatch_data_t message) {\n  for (size_t i = 0; i < count; i++) {\n    nw_connection_send(connections[i], message, NW_CONNECTION_DEFAULT_MESSAGE_CONTEXT, true, NW_CONNECTION_SEND_IDEMPOTENT_CONTENT);\n  }\n  for (struct peer *p = peers; p != NULL; p = p->next) {\n    nw_connection_send(p->connection, message, NW_CONNECTION_DEFAULT_MESSAGE_CONTEXT, true, NW_CONNECTION_SEND_IDEMPOTENT_CONTENT);\n  }\n}', note: 'a different connection on each iteration' },
        { code: 'static void send_next(struct sender *s) {\n  dispatch_data_t chunk = read_chunk(s->file, 65536);\n  if (chunk == NULL) { return; }\n  nw_connection_send(s->connection, chunk, NW_CONNECTION_DEFAULT_STREAM_CONTEXT, false, ^(nw_error_t error) {\n    if (error == NULL) { send_next(s); }\n  });\n}', note: 'the next send starts from the previous completion' },
        { code: 'static void greet(nw_connection_t conn) {\n  for (int i = 0; i < 2; i++) {\n    nw_connection_send(conn, greetings[i], NW_CONNECTION_DEFAULT_MESSAGE_CONTEXT, true, NW_CONNECTION_SEND_IDEMPOTENT_CONTENT);\n  }\n}', note: 'small literal bound' },
        { code: 'void send_paced(nw_connection_t conn, dispatch_data_t *chunks, size_t count) {\n  dispatch_semaphore_t sent = dispatch_semaphore_create(0);\n  for (size_t i = 0; i < count; i++) {\n    nw_connection_send(conn, chunks[i], NW_CONNECTION_DEFAULT_STREAM_CONTEXT, false, ^(nw_error_t error) {\n      dispatch_semaphore_signal(sent);\n    });\n    dispatch_semaphore_wait(sent, DISPATCH_TIME_FOREVER);\n  }\n}', note: 'each iteration waits for the completion' },
        { code: 'void announce(nw_connection_t conn, nw_connection_group_t group, dispatch_data_t hello) {\n  /* for (;;) nw_connection_send(conn, chunk, ctx, false, NW_CONNECTION_SEND_IDEMPOTENT_CONTENT); */\n  for (;;) {\n    puts("nw_connection_send");\n    nw_connection_group_send_message(group, hello, NULL, NW_CONNECTION_DEFAULT_MESSAGE_CONTEXT, NULL);\n    if (is_ready(conn)) {\n      nw_connection_send(conn, hello, NW_CONNECTION_DEFAULT_MESSAGE_CONTEXT, true, NW_CONNECTION_SEND_IDEMPOTENT_CONTENT);\n      break;\n    }\n  }\n}', note: 'comments, strings, other functions; a send followed by break' },
        { code: 'void chat(nw_connection_t conn) {\n  char line[512];\n  while (fgets(line, sizeof line, stdin) != NULL) {\n    nw_connection_send(conn, make_data(line, strlen(line)), NW_CONNECTION_DEFAULT_MESSAGE_CONTEXT, true, NW_CONNECTION_SEND_IDEMPOTENT_CONTENT);\n  }\n}', note: 'one send per line the user types' },
      ],
    },
  },
});
