// Compile-time platform conditions: whether code sits in a watchOS-only branch (`#if os(watchOS)`,
// `#if TARGET_OS_WATCH`), in a branch that excludes watchOS, or in code whose platform the file does not say.
import type { Node } from 'web-tree-sitter';
import { ancestors } from './tree';

/**
 * `watch`: the branch is compiled for watchOS only. `notWatch`: it is never compiled for watchOS.
 * `unknown`: the condition does not say (shared code, `DEBUG`, `canImport(…)`).
 */
export type PlatformScope = 'watch' | 'notWatch' | 'unknown';

const and = (values: PlatformScope[]): PlatformScope =>
  values.includes('notWatch') ? 'notWatch' : values.includes('watch') ? 'watch' : 'unknown';

const or = (values: PlatformScope[]): PlatformScope =>
  values.length > 0 && values.every((v) => v === 'watch') ? 'watch'
    : values.length > 0 && values.every((v) => v === 'notWatch') ? 'notWatch' : 'unknown';

/** An atom's scope and its negation: `os(watchOS)` / `!os(watchOS)`, `os(iOS)` / `!os(iOS)` (tells nothing). */
const atom = (scope: PlatformScope, negated: boolean): PlatformScope =>
  !negated ? scope : scope === 'watch' ? 'notWatch' : 'unknown';

/** Combines the active branches of nested conditionals: the innermost exclusion or restriction wins. */
export function combineScopes(scopes: PlatformScope[]): PlatformScope {
  return and(scopes);
}

/** A parsed condition; negation is pushed down to the atoms (De Morgan) when it is evaluated. */
type Condition =
  | { kind: 'atom'; scope: PlatformScope }
  | { kind: 'not'; operand: Condition }
  | { kind: 'and' | 'or'; operands: Condition[] };

function evaluate(condition: Condition, negated: boolean): PlatformScope {
  switch (condition.kind) {
    case 'atom':
      return atom(condition.scope, negated);
    case 'not':
      return evaluate(condition.operand, !negated);
    case 'and':
    case 'or': {
      const values = condition.operands.map((c) => evaluate(c, negated));
      return (condition.kind === 'and') !== negated ? and(values) : or(values);
    }
  }
}

const UNKNOWN: Condition = { kind: 'atom', scope: 'unknown' };

// ---------------------------------------------------------------------------------------------
// Swift: `#if` directives are flat siblings in the tree, so a tracker follows them in walk order.

/** Platforms Swift's `os(…)` accepts other than watchOS. */
const SWIFT_OTHER_OS = new Set(['iOS', 'macOS', 'OSX', 'tvOS', 'visionOS', 'xrOS', 'Linux', 'Windows', 'Android', 'FreeBSD', 'OpenBSD', 'WASI', 'Cygwin', 'PS4', 'Haiku']);

/** Parses the tokens after `#if`/`#elseif`: `!`, `&&`, `||`, parentheses and `name(args)` atoms. */
function parseSwiftCondition(tokens: string[]): Condition {
  let pos = 0;
  const peek = () => tokens[pos];
  const primary = (): Condition => {
    const token = tokens[pos++];
    if (token === undefined) return UNKNOWN;
    if (token === '(') {
      const value = disjunction();
      if (peek() === ')') pos++;
      return value;
    }
    if (token === '!') return { kind: 'not', operand: primary() };
    if (peek() !== '(') return UNKNOWN;
    // `name(arg…)`: read up to the matching parenthesis.
    pos++;
    const args: string[] = [];
    let depth = 1;
    while (pos < tokens.length) {
      const t = tokens[pos++];
      if (t === '(') depth++;
      else if (t === ')' && --depth === 0) break;
      args.push(t);
    }
    if (token !== 'os' || args.length !== 1) return UNKNOWN;
    if (args[0] === 'watchOS') return { kind: 'atom', scope: 'watch' };
    return SWIFT_OTHER_OS.has(args[0]) ? { kind: 'atom', scope: 'notWatch' } : UNKNOWN;
  };
  const conjunction = (): Condition => {
    const operands = [primary()];
    while (peek() === '&&') { pos++; operands.push(primary()); }
    return operands.length === 1 ? operands[0] : { kind: 'and', operands };
  };
  const disjunction = (): Condition => {
    const operands = [conjunction()];
    while (peek() === '||') { pos++; operands.push(conjunction()); }
    return operands.length === 1 ? operands[0] : { kind: 'or', operands };
  };
  const value = disjunction();
  return pos === tokens.length ? value : UNKNOWN;
}

interface SwiftFrame {
  /** Conditions of the branches seen so far. */
  previous: Condition[];
  active: PlatformScope;
}

/**
 * Follows Swift `#if`/`#elseif`/`#else`/`#endif` directives in document order. Feed it every `directive`
 * node as the walk meets it; `current()` is then the scope of the code being visited.
 */
export class SwiftPlatformTracker {
  private readonly frames: SwiftFrame[] = [];

  directive(node: Node): void {
    const children = node.children.filter((c): c is Node => c !== null);
    const keyword = children[0]?.type;
    const condition = () => parseSwiftCondition(children.slice(1).map((c) => c.text));
    const frame = this.frames[this.frames.length - 1];
    switch (keyword) {
      case '#if': {
        const c = condition();
        this.frames.push({ previous: [c], active: evaluate(c, false) });
        break;
      }
      case '#elseif': {
        if (!frame) break;
        const c = condition();
        frame.active = and([evaluate(c, false), ...frame.previous.map((p) => evaluate(p, true))]);
        frame.previous.push(c);
        break;
      }
      case '#else':
        if (frame) frame.active = and(frame.previous.map((p) => evaluate(p, true)));
        break;
      case '#endif':
        this.frames.pop();
        break;
      default:
        break;
    }
  }

  current(): PlatformScope {
    return combineScopes(this.frames.map((f) => f.active));
  }

  /** True outside every `#if` block: code compiled for every platform the file is built for. */
  unconditional(): boolean {
    return this.frames.length === 0;
  }
}

// ---------------------------------------------------------------------------------------------
// C and Objective-C: `preproc_if`/`preproc_ifdef` enclose their branches, so the scope comes from ancestors.

/** TargetConditionals.h macros that are 0 on watchOS. `TARGET_OS_IPHONE` and `TARGET_OS_MAC` are 1 there too. */
const C_OTHER_OS = new Set(['TARGET_OS_IOS', 'TARGET_OS_OSX', 'TARGET_OS_TV', 'TARGET_OS_VISION', 'TARGET_OS_XR', 'TARGET_OS_MACCATALYST', 'TARGET_OS_BRIDGE', 'TARGET_OS_DRIVERKIT']);

/** Defined only when compiling for watchOS (unlike `TARGET_OS_WATCH`, which is always defined, as 0 or 1). */
const C_WATCH_ONLY_DEFINES = new Set(['__WATCH_OS_VERSION_MIN_REQUIRED', '__ENVIRONMENT_WATCH_OS_VERSION_MIN_REQUIRED__']);

function cMacro(name: string): Condition {
  if (name === 'TARGET_OS_WATCH') return { kind: 'atom', scope: 'watch' };
  return C_OTHER_OS.has(name) ? { kind: 'atom', scope: 'notWatch' } : UNKNOWN;
}

function cCondition(node: Node | null | undefined): Condition {
  if (!node) return UNKNOWN;
  switch (node.type) {
    case 'identifier':
      return cMacro(node.text);
    case 'parenthesized_expression':
      return cCondition(node.namedChildren[0]);
    case 'preproc_defined': {
      const name = node.namedChildren.find((c) => c?.type === 'identifier')?.text ?? '';
      return C_WATCH_ONLY_DEFINES.has(name) ? { kind: 'atom', scope: 'watch' } : UNKNOWN;
    }
    case 'unary_expression':
      return node.childForFieldName('operator')?.text === '!' ? { kind: 'not', operand: cCondition(node.childForFieldName('argument')) } : UNKNOWN;
    case 'binary_expression': {
      const op = node.childForFieldName('operator')?.text;
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      if (op === '&&' || op === '||') return { kind: op === '&&' ? 'and' : 'or', operands: [cCondition(left), cCondition(right)] };
      if (op === '==' || op === '!=') {
        // `TARGET_OS_WATCH == 1`, `TARGET_OS_WATCH != 0`, `TARGET_OS_WATCH == 0`.
        const [macro, value] = right?.type === 'number_literal' ? [left, right] : [right, left];
        if (value?.type !== 'number_literal' || macro?.type !== 'identifier') return UNKNOWN;
        const truthy = (value.text !== '0') === (op === '==');
        return truthy ? cMacro(macro.text) : { kind: 'not', operand: cMacro(macro.text) };
      }
      return UNKNOWN;
    }
    default:
      return UNKNOWN;
  }
}

/** The condition a branch node (`preproc_if`, `preproc_elif`, `preproc_ifdef`, `preproc_elifdef`) tests. */
function branchCondition(branch: Node): Condition {
  if (branch.type === 'preproc_ifdef' || branch.type === 'preproc_elifdef') {
    const name = branch.childForFieldName('name')?.text ?? '';
    const defined: Condition = C_WATCH_ONLY_DEFINES.has(name) ? { kind: 'atom', scope: 'watch' } : UNKNOWN;
    const negated = branch.children.some((c) => c?.type === '#ifndef' || c?.type === '#elifndef');
    return negated ? { kind: 'not', operand: defined } : defined;
  }
  return cCondition(branch.childForFieldName('condition'));
}

/** True when no preprocessor conditional encloses `node`. */
export function cUnconditional(node: Node): boolean {
  for (const ancestor of ancestors(node)) if (C_BRANCHES.has(ancestor.type)) return false;
  return true;
}

const C_HEADS = new Set(['preproc_if', 'preproc_ifdef']);
const C_BRANCHES = new Set(['preproc_if', 'preproc_ifdef', 'preproc_elif', 'preproc_elifdef', 'preproc_else']);

/**
 * The platform scope of a C or Objective-C node: every enclosing preprocessor branch, where a branch that
 * follows others (`#elif`, `#else`) also carries the negation of the conditions before it.
 */
export function cPlatformScope(node: Node): PlatformScope {
  const scopes: PlatformScope[] = [];
  let child: Node = node;
  for (const ancestor of ancestors(node)) {
    // Inside the alternative, this branch's condition does not hold; the alternative adds its own scope.
    if (C_BRANCHES.has(ancestor.type) && ancestor.childForFieldName('alternative')?.id !== child.id) {
      if (ancestor.type !== 'preproc_else') scopes.push(evaluate(branchCondition(ancestor), false));
      // `#elif`/`#else`: every earlier branch of the chain was false.
      let link: Node = ancestor;
      while (!C_HEADS.has(link.type)) {
        const head = link.parent;
        if (!head || !C_BRANCHES.has(head.type) || head.childForFieldName('alternative')?.id !== link.id) break;
        if (head.type !== 'preproc_else') scopes.push(evaluate(branchCondition(head), true));
        link = head;
      }
    }
    child = ancestor;
  }
  return combineScopes(scopes);
}
