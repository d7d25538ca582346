// Path analysis for getifaddrs lists: along which paths of a function the list is freed, leaked, or handed on.
import type { Node } from 'web-tree-sitter';
import { resolveCName } from '../syntax/c-bindings';
import { C_FUNCTION_TYPES, cCall } from '../syntax/c-family';
import { cCondition, stripWrappers, swiftCondition, type Condition } from '../syntax/iface-syntax';
import { SWIFT_FUNCTION_TYPES, swiftCall } from '../syntax/swift';
import { resolveSwiftName } from '../syntax/swift-bindings';
import { ancestors, closestAncestor, descendants } from '../syntax/tree';

/** Calls that may receive the list without taking ownership of it (walking, logging, asserting). */
const NON_OWNING_CALLS = new Set([
  'getifaddrs', 'freeifaddrs', 'sequence', 'print', 'debugPrint', 'NSLog', 'printf', 'fprintf', 'os_log', 'assert', 'precondition',
]);
/** Calls that end the process: nothing leaks past them. */
const TERMINATING_CALLS = new Set(['fatalError', 'preconditionFailure', 'exit', 'abort', '_exit', 'err', 'errx', '__builtin_trap', '__builtin_unreachable']);

/** What a statement does to the list when it starts out allocated and not yet freed. */
interface Flow {
  /** Control can continue after the statement with the list still owed. */
  out: boolean;
  /** A `break` / `continue` leaves with the list still owed (the enclosing loop or switch continues). */
  jump: boolean;
  /** `return` / `throw` keywords that leave the function with the list still owed. */
  leaks: Node[];
  /** Something we cannot follow (`goto`, preprocessor branches around the free): stay silent. */
  unknown: boolean;
}

const FREED: Flow = { out: false, jump: false, leaks: [], unknown: false };
const CONTINUES: Flow = { out: true, jump: false, leaks: [], unknown: false };
const UNKNOWN: Flow = { out: true, jump: false, leaks: [], unknown: true };

function merge(flows: Flow[]): Flow {
  return {
    out: flows.some((f) => f.out),
    jump: flows.some((f) => f.jump),
    leaks: flows.flatMap((f) => f.leaks),
    unknown: flows.some((f) => f.unknown),
  };
}

/** After a condition is true (or false): `clear` when the list is certainly not allocated on that branch. */
interface Outcome { whenTrue: 'clear' | 'maybe'; whenFalse: 'clear' | 'maybe' }
const NO_INFO: Outcome = { whenTrue: 'maybe', whenFalse: 'maybe' };
const SUCCESS_TEST: Outcome = { whenTrue: 'maybe', whenFalse: 'clear' };
const FAILURE_TEST: Outcome = { whenTrue: 'clear', whenFalse: 'maybe' };

interface Analysis {
  swift: boolean;
  /** The list variable and plain copies of it (`let first = list`, `temp = interfaces`). */
  lists: Set<string>;
  /** Variables holding getifaddrs' return value (`let err = getifaddrs(&list)`). */
  results: Set<string>;
  /** Every freeifaddrs call of the function. */
  frees: Node[];
}

function integerValue(node: Node): number | undefined {
  const text = node.text.replace(/\s+/g, '');
  return /^-?\d+$/.test(text) ? Number(text) : undefined;
}

const isNull = (node: Node) => ['NULL', 'nil', 'nullptr', '0'].includes(node.text);

function isStatus(node: Node, a: Analysis): boolean {
  let inner = stripWrappers(node);
  // `(rc = getifaddrs(&list)) != 0`
  if (inner.type === 'assignment_expression') inner = stripWrappers(inner.childForFieldName('right') ?? inner);
  if (inner.type === 'call_expression') return calleeName(inner, a.swift) === 'getifaddrs';
  return (inner.type === 'identifier' || inner.type === 'simple_identifier') && a.results.has(inner.text);
}

function isList(node: Node, a: Analysis): boolean {
  const inner = stripWrappers(node);
  return (inner.type === 'identifier' || inner.type === 'simple_identifier') && a.lists.has(inner.text);
}

const SWAP: Record<string, string> = { '<': '>', '>': '<', '<=': '>=', '>=': '<=' };

function compareNumbers(op: string, left: number, right: number): boolean | undefined {
  switch (op) {
    case '==': case '===': return left === right;
    case '!=': case '!==': return left !== right;
    case '<': return left < right;
    case '<=': return left <= right;
    case '>': return left > right;
    case '>=': return left >= right;
    default: return undefined;
  }
}

function outcome(condition: Condition, a: Analysis): Outcome {
  switch (condition.kind) {
    case 'not': {
      const inner = outcome(condition.inner, a);
      return { whenTrue: inner.whenFalse, whenFalse: inner.whenTrue };
    }
    case 'and':
    case 'or': {
      // Deliberately generous: any part that proves "not allocated" clears that branch (we prefer silence).
      const parts = condition.parts.map((p) => outcome(p, a));
      return {
        whenTrue: parts.some((p) => p.whenTrue === 'clear') ? 'clear' : 'maybe',
        whenFalse: parts.some((p) => p.whenFalse === 'clear') ? 'clear' : 'maybe',
      };
    }
    case 'atom': {
      if (a.swift) return NO_INFO;
      // C truthiness: a non-zero status is a failure, a non-NULL list is a success.
      if (isStatus(condition.node, a)) return FAILURE_TEST;
      if (isList(condition.node, a)) return SUCCESS_TEST;
      return NO_INFO;
    }
    case 'compare': {
      let { op, left, right } = condition;
      if (!isStatus(left, a) && !isList(left, a)) {
        [left, right] = [right, left];
        op = SWAP[op] ?? op;
      }
      if (isStatus(left, a)) {
        const n = integerValue(stripWrappers(right));
        if (n === undefined) return NO_INFO;
        // getifaddrs returns 0 on success and -1 on failure.
        const onSuccess = compareNumbers(op, 0, n);
        const onFailure = compareNumbers(op, -1, n);
        if (onSuccess === true && onFailure === false) return SUCCESS_TEST;
        if (onSuccess === false && onFailure === true) return FAILURE_TEST;
        return NO_INFO;
      }
      if (isList(left, a) && isNull(stripWrappers(right))) {
        if (op === '==' || op === '===') return FAILURE_TEST;
        if (op === '!=' || op === '!==') return SUCCESS_TEST;
      }
      return NO_INFO;
    }
  }
}

export function calleeName(call: Node, swift: boolean): string | undefined {
  if (swift) {
    const parsed = swiftCall(call);
    return parsed && call.namedChild(0)?.type === 'simple_identifier' ? parsed.name : undefined;
  }
  return cCall(call)?.name;
}

/** `defer { … }` parses as a call of `defer` with a trailing closure. */
function isSwiftDefer(node: Node): boolean {
  return node.type === 'call_expression' && node.namedChild(0)?.type === 'simple_identifier' && node.namedChild(0)?.text === 'defer';
}

function isNestedFunction(node: Node, swift: boolean): boolean {
  if (swift) return SWIFT_FUNCTION_TYPES.has(node.type) && !(node.type === 'lambda_literal' && isDeferClosure(node));
  return C_FUNCTION_TYPES.has(node.type);
}

function isDeferClosure(lambda: Node): boolean {
  const call = lambda.parent?.parent;
  return lambda.parent?.type === 'call_suffix' && !!call && isSwiftDefer(call);
}

/** Identifiers and freeifaddrs calls of one function, gathered in a single pass and shared by every check. */
export interface FunctionIndex {
  identifiers: Map<string, Node[]>;
  frees: Node[];
}

export function indexFunction(fn: Node, swift: boolean): FunctionIndex {
  const identifiers = new Map<string, Node[]>();
  const frees: Node[] = [];
  for (const n of descendants(fn)) {
    if (n.type === 'identifier' || n.type === 'simple_identifier') {
      const list = identifiers.get(n.text);
      if (list) list.push(n);
      else identifiers.set(n.text, [n]);
    } else if (n.type === 'call_expression') {
      const callee = swift ? n.namedChild(0) : n.childForFieldName('function');
      if (callee?.text === 'freeifaddrs') frees.push(n);
    }
  }
  return { identifiers, frees };
}

/** A nested function (not a Swift `defer` body) between `inner` and `outer`. */
function nestedBetween(inner: Node, outer: Node, swift: boolean): boolean {
  for (const a of ancestors(inner)) {
    if (a.id === outer.id) return false;
    if (isNestedFunction(a, swift)) return true;
  }
  return false;
}

/** A freeifaddrs call under `node`, not inside a nested function (a Swift `defer` body counts). */
function containsFree(node: Node, a: Analysis): boolean {
  return a.frees.some((f) => f.startIndex >= node.startIndex && f.endIndex <= node.endIndex
    && (f.id === node.id || !nestedBetween(f, node, a.swift)));
}

function containsType(node: Node, types: ReadonlySet<string>, swift: boolean): boolean {
  for (const n of descendants(node, (d) => isNestedFunction(d, swift))) if (types.has(n.type)) return true;
  return false;
}

function isTerminatingCall(statement: Node, swift: boolean): boolean {
  const call = swift ? statement : statement.type === 'expression_statement' ? statement.namedChild(0) : null;
  if (!call || call.type !== 'call_expression') return false;
  const name = calleeName(call, swift);
  return name !== undefined && TERMINATING_CALLS.has(name);
}

// ── sequences ────────────────────────────────────────────────────────────────────────────────────

function isBlock(node: Node, swift: boolean): boolean {
  return swift ? node.type === 'statements' : node.type === 'compound_statement' || node.type === 'case_statement';
}

function blockStatements(block: Node): Node[] {
  const value = block.type === 'case_statement' ? block.childForFieldName('value') : null;
  return block.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment' && c.id !== value?.id);
}

/** Runs the statements from `start` on, with the list owed on entry. */
function sequence(statements: Node[], start: number, a: Analysis): Flow {
  const flows: Flow[] = [];
  for (let i = start; i < statements.length; i++) {
    const flow = statement(statements[i], a);
    flows.push({ ...flow, out: false });
    if (!flow.out) return merge(flows);
  }
  return merge([...flows, CONTINUES]);
}

function arm(body: Node | null | undefined, owed: boolean, a: Analysis): Flow {
  if (!owed) return FREED;
  if (!body) return CONTINUES;
  return isBlock(body, a.swift) && body.type !== 'case_statement' ? sequence(blockStatements(body), 0, a) : statement(body, a);
}

function statement(node: Node, a: Analysis): Flow {
  return a.swift ? swiftStatement(node, a) : cStatement(node, a);
}

// ── Swift ────────────────────────────────────────────────────────────────────────────────────────

/** The clauses of an `if` / `guard` / `while` condition, combined as a conjunction. */
function swiftConditionOutcome(statementNode: Node, a: Analysis): Outcome {
  const clauses: Node[][] = [[]];
  for (const child of statementNode.children) {
    if (!child) continue;
    if (['{', 'else', 'statements'].includes(child.type)) break;
    if (['if', 'guard', 'while'].includes(child.type)) continue;
    if (child.type === ',') clauses.push([]);
    else clauses[clauses.length - 1].push(child);
  }
  const parts: Outcome[] = clauses.filter((c) => c.length > 0).map((clause) => {
    if (clause.some((n) => n.type === 'value_binding_pattern')) {
      const eq = clause.findIndex((n) => n.type === '=');
      // `let first = list`, or the shorthand `let list`.
      const value = eq >= 0 ? clause[eq + 1] : clause.find((n) => n.type === 'simple_identifier');
      return value && isList(value, a) ? SUCCESS_TEST : NO_INFO;
    }
    return clause.length === 1 && clause[0].isNamed ? outcome(swiftCondition(clause[0]), a) : NO_INFO;
  });
  return {
    whenTrue: parts.some((p) => p.whenTrue === 'clear') ? 'clear' : 'maybe',
    whenFalse: parts.some((p) => p.whenFalse === 'clear') ? 'clear' : 'maybe',
  };
}

/** Then-branch and else-branch of a Swift `if` (`else if` is an if_statement child). */
function swiftIfArms(node: Node): { then?: Node; otherwise?: Node; hasElse: boolean } {
  let then: Node | undefined;
  let otherwise: Node | undefined;
  let afterElse = false;
  for (const child of node.children) {
    if (!child) continue;
    if (child.type === 'else') afterElse = true;
    else if (!afterElse && child.type === 'statements' && !then) then = child;
    else if (afterElse && (child.type === 'statements' || child.type === 'if_statement')) otherwise = child;
  }
  return { then, otherwise, hasElse: afterElse };
}

function swiftIsEndless(loop: Node): boolean {
  const conditions = loop.childrenForFieldName('condition');
  return loop.type === 'while_statement' && conditions.length === 1 && conditions[0].text === 'true';
}

function swiftStatement(node: Node, a: Analysis): Flow {
  switch (node.type) {
    case 'control_transfer_statement': {
      const keyword = node.child(0);
      if (keyword?.type === 'return' || keyword?.type === 'throw_keyword') return { ...FREED, leaks: [keyword] };
      if (keyword?.type === 'break' || keyword?.type === 'continue' || keyword?.type === 'fallthrough') return { ...FREED, jump: true };
      return CONTINUES;
    }
    case 'if_statement': {
      const test = swiftConditionOutcome(node, a);
      const { then, otherwise, hasElse } = swiftIfArms(node);
      return merge([
        arm(then, test.whenTrue === 'maybe', a),
        hasElse ? arm(otherwise, test.whenFalse === 'maybe', a) : test.whenFalse === 'maybe' ? CONTINUES : FREED,
      ]);
    }
    case 'guard_statement': {
      const test = swiftConditionOutcome(node, a);
      const { otherwise } = swiftIfArms(node);
      const elseFlow = arm(otherwise, test.whenFalse === 'maybe', a);
      return merge([{ ...elseFlow, out: false }, test.whenTrue === 'maybe' ? CONTINUES : FREED]);
    }
    case 'switch_statement': {
      const entries = node.namedChildren.filter((c): c is Node => c?.type === 'switch_entry');
      const flows = entries.map((e) => arm(e.namedChildren.find((c) => c?.type === 'statements'), true, a));
      const merged = merge(flows.length > 0 ? flows : [CONTINUES]);
      return { ...merged, out: merged.out || merged.jump, jump: false };
    }
    case 'for_statement':
    case 'while_statement':
    case 'repeat_while_statement': {
      const body = arm(node.namedChildren.find((c) => c?.type === 'statements'), true, a);
      return { ...body, out: swiftIsEndless(node) ? body.jump : true, jump: false };
    }
    case 'do_statement': {
      const body = arm(node.namedChildren.find((c) => c?.type === 'statements'), true, a);
      // A catch can be entered after the free ran; if the do body frees, assume the catch is clean.
      const catchOwed = !containsFree(node.namedChildren.find((c) => c?.type === 'statements') ?? node, a);
      const catches = node.namedChildren.filter((c): c is Node => c?.type === 'catch_block')
        .map((c) => arm(c.namedChildren.find((s) => s?.type === 'statements'), catchOwed, a));
      return merge([body, ...catches]);
    }
    default:
      if (isTerminatingCall(node, true)) return FREED;
      if (containsFree(node, a)) return FREED;
      return CONTINUES;
  }
}

// ── C and Objective-C ────────────────────────────────────────────────────────────────────────────

const PREPROCESSOR = new Set(['preproc_if', 'preproc_ifdef', 'preproc_else', 'preproc_elif']);
const C_EXITS = new Set(['return_statement', 'throw_statement', 'goto_statement']);

function cLoopBody(node: Node): Node | undefined {
  return node.childForFieldName('body') ?? node.namedChildren.filter((c): c is Node => !!c && c.type === 'compound_statement').pop();
}

function cIsEndless(loop: Node): boolean {
  const condition = loop.childForFieldName('condition');
  if (loop.type === 'for_statement') return !condition && !loop.children.some((c) => c?.type === 'in');
  if (loop.type !== 'while_statement' || !condition) return false;
  const inner = stripWrappers(condition).text;
  return inner === '1' || inner === 'true' || inner === 'YES';
}

function cStatement(node: Node, a: Analysis): Flow {
  switch (node.type) {
    case 'return_statement':
    case 'throw_statement':
      return { ...FREED, leaks: [node.child(0) ?? node] };
    case 'break_statement':
    case 'continue_statement':
      return { ...FREED, jump: true };
    case 'goto_statement':
      return { ...UNKNOWN, out: false };
    case 'compound_statement':
      return sequence(blockStatements(node), 0, a);
    case 'labeled_statement':
    case 'synchronized_statement':
    case 'autoreleasepool_statement': {
      const inner = node.namedChildren.filter((c): c is Node => !!c && (c.type.endsWith('statement') || c.type === 'declaration')).pop();
      return inner ? statement(inner, a) : CONTINUES;
    }
    case 'if_statement': {
      const condition = node.childForFieldName('condition');
      const test = condition ? outcome(cCondition(condition), a) : NO_INFO;
      const alternative = node.childForFieldName('alternative');
      const otherwise = alternative?.namedChildren.find((c) => c?.type !== 'comment') ?? undefined;
      return merge([
        arm(node.childForFieldName('consequence'), test.whenTrue === 'maybe', a),
        alternative ? arm(otherwise, test.whenFalse === 'maybe', a) : test.whenFalse === 'maybe' ? CONTINUES : FREED,
      ]);
    }
    case 'switch_statement': {
      const body = node.childForFieldName('body');
      const cases = body?.namedChildren.filter((c): c is Node => c?.type === 'case_statement') ?? [];
      const flows = cases.map((c) => sequence(blockStatements(c), 0, a));
      const hasDefault = cases.some((c) => c.child(0)?.type === 'default');
      const merged = merge([...flows, hasDefault ? FREED : CONTINUES]);
      return { ...merged, out: merged.out || merged.jump, jump: false };
    }
    case 'for_statement':
    case 'while_statement':
    case 'do_statement': {
      const body = arm(cLoopBody(node), true, a);
      return { ...body, out: cIsEndless(node) ? body.jump : true, jump: false };
    }
    case 'try_statement': {
      const finallyClause = node.namedChildren.find((c) => c?.type === 'finally_clause');
      if (finallyClause && containsFree(finallyClause, a)) return FREED;
      const body = arm(node.namedChildren.find((c) => c?.type === 'compound_statement'), true, a);
      const catches = node.namedChildren.filter((c): c is Node => c?.type === 'catch_clause')
        .map((c) => arm(c.namedChildren.find((s) => s?.type === 'compound_statement'), true, a));
      return merge([body, ...catches]);
    }
    default:
      if (PREPROCESSOR.has(node.type)) {
        return containsFree(node, a) || containsType(node, C_EXITS, false) ? UNKNOWN : CONTINUES;
      }
      if (isTerminatingCall(node, false)) return FREED;
      if (containsFree(node, a)) return FREED;
      return CONTINUES;
  }
}

// ── ownership and aliases ────────────────────────────────────────────────────────────────────────

function functionOf(node: Node, swift: boolean): Node | undefined {
  return closestAncestor(node, (n) => isNestedFunction(n, swift));
}

/** The local variable whose address is passed: `getifaddrs(&list)`. */
function listArgument(call: Node, swift: boolean): Node | undefined {
  if (swift) {
    const value = swiftCall(call)?.arguments[0]?.value;
    if (value?.type !== 'prefix_expression' || value.child(0)?.type !== '&') return undefined;
    const target = value.childForFieldName('target');
    return target?.type === 'simple_identifier' ? target : undefined;
  }
  const argument = cCall(call)?.arguments[0];
  if (argument?.type !== 'pointer_expression' || argument.child(0)?.type !== '&') return undefined;
  const target = argument.childForFieldName('argument');
  return target?.type === 'identifier' ? target : undefined;
}

/** The list variable is declared in the same function (not a parameter, property, ivar or global). */
function isLocalList(identifier: Node, fn: Node, swift: boolean): boolean {
  if (swift) {
    const binding = resolveSwiftName(identifier);
    return binding?.kind === 'variable' && functionOf(binding.node, true)?.id === fn.id;
  }
  const binding = resolveCName(identifier);
  return binding?.kind === 'variable' && functionOf(binding.node, false)?.id === fn.id;
}

const IDENTIFIER_TYPES = new Set(['identifier', 'simple_identifier']);

/** Walks up through `x!`, `(x)`, casts and `&x` to the expression that uses the value. */
function useSite(identifier: Node): Node {
  let use = identifier;
  for (let parent = use.parent; parent; parent = use.parent) {
    const wrapper = (parent.type === 'postfix_expression' && parent.childForFieldName('operation')?.type === 'bang')
      || parent.type === 'parenthesized_expression' || parent.type === 'cast_expression'
      || (parent.type === 'tuple_expression' && parent.namedChildCount === 1)
      || (parent.type === 'prefix_expression' && parent.child(0)?.type === '&')
      || (parent.type === 'pointer_expression' && parent.child(0)?.type === '&');
    if (!wrapper) break;
    use = parent;
  }
  return use;
}

/** Names bound directly from the list (`let first = list`, `guard let first = list`, `temp = list`). */
function collectAliases(index: FunctionIndex, a: Analysis): void {
  const done = new Set<string>();
  for (let pending = [...a.lists]; pending.length > 0; pending = [...a.lists].filter((name) => !done.has(name))) {
    for (const name of pending) done.add(name);
    for (const n of pending.flatMap((name) => index.identifiers.get(name) ?? [])) {
      const use = useSite(n);
      const parent = use.parent;
      if (!parent) continue;
      if (a.swift) {
        if (parent.type === 'property_declaration' && parent.childForFieldName('value')?.id === use.id) {
          const bound = parent.childForFieldName('name')?.childForFieldName('bound_identifier');
          if (bound) a.lists.add(bound.text);
        } else if ((parent.type === 'if_statement' || parent.type === 'guard_statement') && use.previousSibling?.type === '=') {
          const bound = use.previousSibling.previousSibling;
          if (bound?.type === 'simple_identifier') a.lists.add(bound.text);
        } else if (parent.type === 'assignment' && parent.childForFieldName('result')?.id === use.id) {
          const target = parent.childForFieldName('target')?.namedChild(0);
          if (target?.type === 'simple_identifier') a.lists.add(target.text);
        }
      } else if (parent.type === 'init_declarator' && parent.childForFieldName('value')?.id === use.id) {
        let declarator = parent.childForFieldName('declarator');
        while (declarator && declarator.type !== 'identifier') declarator = declarator.childForFieldName('declarator');
        if (declarator) a.lists.add(declarator.text);
      } else if (parent.type === 'assignment_expression' && parent.childForFieldName('right')?.id === use.id) {
        const left = parent.childForFieldName('left');
        if (left?.type === 'identifier') a.lists.add(left.text);
      }
    }
  }
}

/** The list (or a copy) is returned, stored outside the function, handed to other code, or captured: not ours to judge. */
function escapes(fn: Node, index: FunctionIndex, a: Analysis): boolean {
  for (const n of [...a.lists].flatMap((name) => index.identifiers.get(name) ?? [])) {
    const nested = closestAncestor(n, (x) => x.id !== fn.id && isNestedFunction(x, a.swift), (x) => x.id === fn.id);
    if (nested) return true;
    const use = useSite(n);
    const parent = use.parent;
    if (!parent) continue;
    switch (parent.type) {
      case 'control_transfer_statement':
      case 'return_statement':
        return true;
      case 'value_argument': {
        const call = parent.parent?.parent?.parent;
        const name = call?.type === 'call_expression' ? calleeName(call, true) : undefined;
        if (!name || !NON_OWNING_CALLS.has(name)) return true;
        break;
      }
      case 'argument_list': {
        const name = parent.parent ? cCall(parent.parent)?.name : undefined;
        if (!name || !NON_OWNING_CALLS.has(name)) return true;
        break;
      }
      case 'message_expression':
        if (parent.childForFieldName('receiver')?.id !== use.id) return true;
        break;
      case 'assignment': {
        if (parent.childForFieldName('result')?.id !== use.id) break;
        const target = parent.childForFieldName('target')?.namedChild(0);
        if (target?.type !== 'simple_identifier') return true;
        break;
      }
      case 'assignment_expression': {
        if (parent.childForFieldName('right')?.id !== use.id) break;
        if (parent.childForFieldName('left')?.type !== 'identifier') return true;
        break;
      }
      case 'array_literal':
      case 'dictionary_literal':
      case 'initializer_list':
      case 'initializer_pair':
      case 'tuple_expression':
        return true;
      default:
        break;
    }
  }
  return false;
}

/** A `defer { freeifaddrs(…) }` registered before the call in an enclosing block covers every exit. */
function deferBefore(call: Node, fn: Node, a: Analysis): boolean {
  let child = call;
  for (const scope of ancestors(call)) {
    if (scope.id === fn.id) return false;
    if (scope.type === 'statements') {
      for (let s = child.previousNamedSibling; s; s = s.previousNamedSibling) {
        if (isSwiftDefer(s) && containsFree(s, a)) return true;
      }
    }
    child = scope;
  }
  return false;
}

/** Statements that a `break` / `continue` inside them does not leave. */
const SWIFT_JUMP_TARGETS = new Set(['for_statement', 'while_statement', 'repeat_while_statement', 'switch_statement']);
const C_JUMP_TARGETS = new Set(['for_statement', 'while_statement', 'do_statement', 'switch_statement']);

interface Result { kind: 'neverFreed' | 'partial'; leaks: Node[]; fallsOff: boolean }

export function analyse(call: Node, swift: boolean, indexOf: (fn: Node) => FunctionIndex): Result | undefined {
  const fn = functionOf(call, swift);
  const listNode = listArgument(call, swift);
  if (!fn || !listNode || !isLocalList(listNode, fn, swift)) return undefined;
  const index = indexOf(fn);
  const a: Analysis = { swift, lists: new Set([listNode.text]), results: new Set(), frees: index.frees };
  collectAliases(index, a);
  if (escapes(fn, index, a)) return undefined;
  if (swift && deferBefore(call, fn, a)) return undefined;
  if (!swift && closestAncestor(call, (n) => n.type === 'try_statement'
    && n.namedChildren.some((c) => c?.type === 'finally_clause' && containsFree(c, a)), (n) => n.id === fn.id)) return undefined;
  const freed = index.frees.some((f) => !nestedBetween(f, fn, swift));

  // The statement holding the call, and the block it sits in.
  let s0: Node = call;
  let block: Node | undefined;
  for (const scope of ancestors(call)) {
    if (scope.id === fn.id || isNestedFunction(scope, swift)) return undefined;
    if (isBlock(scope, swift)) { block = scope; break; }
    s0 = scope;
  }
  if (!block) return undefined;

  // What the call statement itself does: a check of the result, or a plain call / assignment.
  let first: Flow;
  const conditionHolder = s0.type === 'if_statement' || s0.type === 'guard_statement';
  const inCondition = conditionHolder && !closestAncestor(call, (n) => n.type === 'statements' || n.type === 'compound_statement'
    || n.type === 'else_clause', (n) => n.id === s0.id);
  if (inCondition) {
    first = statement(s0, a);
  } else {
    const declared = swift
      ? (s0.type === 'property_declaration' ? s0.childForFieldName('name')?.childForFieldName('bound_identifier') : s0.type === 'assignment' ? s0.childForFieldName('target')?.namedChild(0) : undefined)
      : s0.type === 'declaration' ? s0.namedChildren.find((c) => c?.type === 'init_declarator')?.childForFieldName('declarator')
        : s0.type === 'expression_statement' && s0.namedChild(0)?.type === 'assignment_expression' ? s0.namedChild(0)?.childForFieldName('left') : undefined;
    if (declared && IDENTIFIER_TYPES.has(declared.type)) a.results.add(declared.text);
    first = CONTINUES;
  }

  const flows: Flow[] = [{ ...first, out: false }];
  let owed = first.out;
  let jump = first.jump;
  let current: Node = s0;
  let currentBlock: Node = block;
  for (;;) {
    if (owed) {
      const statements = blockStatements(currentBlock);
      const index = statements.findIndex((s) => s.id === current.id);
      const rest = sequence(statements, index + 1, a);
      flows.push({ ...rest, out: false, jump: false });
      owed = rest.out;
      jump = jump || rest.jump;
    }
    if (!owed && !jump) break;
    // Leave the block: find the statement that holds it in the next block out.
    let holder: Node = currentBlock;
    let outer: Node | undefined;
    for (const scope of ancestors(currentBlock)) {
      if (scope.id === fn.id || isNestedFunction(scope, swift)) { outer = undefined; break; }
      if (isBlock(scope, swift)) { outer = scope; break; }
      holder = scope;
    }
    if (!outer) break;
    if ((swift ? SWIFT_JUMP_TARGETS : C_JUMP_TARGETS).has(holder.type)) {
      owed = owed || jump;
      jump = false;
    }
    current = holder;
    currentBlock = outer;
  }
  const all = merge(flows);
  if (all.unknown) return undefined;
  const fallsOff = owed;
  if (!freed) return all.leaks.length > 0 || fallsOff ? { kind: 'neverFreed', leaks: [], fallsOff } : undefined;
  return all.leaks.length > 0 || fallsOff ? { kind: 'partial', leaks: all.leaks, fallsOff } : undefined;
}
