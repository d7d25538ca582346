// Does a verify block or authentication-challenge handler look at the server trust? Shared by tls-verify-accepts-any-trust.
//
// A scan of one function or closure body that follows the trust object (a parameter, a `.serverTrust` property,
// and locals copied from them) and decides whether the code ever does something with it that could be an
// evaluation: pass it to SecTrustEvaluateWithError, a pinning helper, a custom evaluator, and so on. Uses that
// cannot evaluate anything (wrapping it in a credential, logging it, checking it for nil, configuring anchors
// without evaluating) do not count. Anything the scan does not understand counts as an evaluation, so unknown
// code stays silent.
import type { Node } from 'web-tree-sitter';
import { objcMessage } from '../syntax/c-family';
import { swiftCall } from '../syntax/swift';

/**
 * Descendants of `root` whose type is in `types`, in document order. Only matching nodes are materialised
 * (reading a cursor's type is cheap, building a Node object is not), which keeps body scans fast.
 */
export function* descendantsOfTypes(root: Node, types: ReadonlySet<string>): Generator<Node> {
  const cursor = root.walk();
  try {
    if (!cursor.gotoFirstChild()) return;
    for (;;) {
      if (types.has(cursor.nodeType)) yield cursor.currentNode;
      if (cursor.gotoFirstChild()) continue;
      for (;;) {
        if (cursor.gotoNextSibling()) break;
        if (!cursor.gotoParent() || cursor.currentNode.id === root.id) return;
      }
    }
  } finally {
    cursor.delete();
  }
}

export interface TrustScan {
  /** Names that hold the trust inside the body (the parameter and locals derived from it). */
  tracked: Set<string>;
  /** True when some use of the trust (or of a delegate name) may evaluate it. */
  evaluated: boolean;
}

export interface TrustScope {
  /** The function body, closure or block to scan (nested closures included). */
  body: Node;
  /** Names holding the trust from the start (the verify block's trust parameter). */
  trust: Iterable<string>;
  /** Whether `x.serverTrust` (URLProtectionSpace) is a trust expression. */
  serverTrustMember: boolean;
  /**
   * Names whose bare use as an argument hands the decision to other code (the authentication challenge,
   * the verify block's metadata, from which a pinning helper can read the certificate chain).
   */
  delegates: Iterable<string>;
}

/** Calls that take the trust but cannot evaluate it. */
const PASSIVE_FUNCTIONS = new Set([
  'URLCredential', 'NSURLCredential', 'print', 'debugPrint', 'dump', 'NSLog', 'os_log', 'CFShow', 'CFRelease',
  // Configuration only: without a following evaluation nothing is checked.
  'SecTrustSetAnchorCertificates', 'SecTrustSetAnchorCertificatesOnly', 'SecTrustSetPolicies',
  'SecTrustSetNetworkFetchAllowed', 'SecTrustSetVerifyDate',
  // URLAuthenticationChallengeSender answers.
  'use', 'performDefaultHandling', 'continueWithoutCredential', 'cancel', 'rejectProtectionSpaceAndContinue',
]);

const PASSIVE_SELECTORS = new Set([
  'credentialForTrust:', 'initWithTrust:', 'useCredential:forAuthenticationChallenge:',
  'performDefaultHandlingForAuthenticationChallenge:', 'continueWithoutCredentialForAuthenticationChallenge:',
  'cancelAuthenticationChallenge:', 'rejectProtectionSpaceAndContinueWithChallenge:',
]);

/** Calls that only unwrap or retain the trust: their result is still the trust. */
const UNWRAPPING_FUNCTIONS = new Set(['sec_trust_copy_ref', 'CFRetain', 'CFBridgingRetain', 'CFBridgingRelease']);
const UNWRAPPING_MEMBERS = new Set(['takeRetainedValue', 'takeUnretainedValue']);

/** Evaluations whose result decides nothing when the call is a statement of its own. */
const EVALUATIONS = new Set(['SecTrustEvaluateWithError']);

// ── Swift ────────────────────────────────────────────────────────────────────────────────────────

/** Parents that mean a simple_identifier is a name being declared or a label, not a read. */
const SWIFT_NON_READ_PARENTS = new Set([
  'navigation_suffix', 'value_argument_label', 'pattern', 'lambda_parameter', 'parameter', 'type_identifier', 'user_type',
]);

function isSwiftRead(node: Node): boolean {
  const parent = node.parent;
  if (!parent || SWIFT_NON_READ_PARENTS.has(parent.type)) return false;
  // `if let t = …`: the bound name itself.
  return !parent.childrenForFieldName('bound_identifier').some((b) => b.id === node.id);
}

function inSwiftString(node: Node, stop: Node): boolean {
  for (let n = node.parent; n && n.id !== stop.id; n = n.parent) {
    if (n.type === 'interpolated_expression') return true;
  }
  return false;
}

/** Climbs from a trust expression through `!`, parentheses, casts and unwrapping calls. */
function swiftClimb(node: Node): Node {
  let current = node;
  for (;;) {
    const parent = current.parent;
    if (!parent) return current;
    if (parent.type === 'postfix_expression' || parent.type === 'as_expression' || parent.type === 'try_expression') {
      current = parent;
    } else if (parent.type === 'tuple_expression' && parent.namedChildren.length === 1) {
      current = parent;
    } else if (parent.type === 'navigation_expression' && parent.childForFieldName('target')?.id === current.id
      && UNWRAPPING_MEMBERS.has(parent.childForFieldName('suffix')?.childForFieldName('suffix')?.text ?? '')
      && parent.parent?.type === 'call_expression') {
      current = parent.parent;
    } else if (parent.type === 'value_argument' && parent.parent?.type === 'value_arguments') {
      const call = parent.parent.parent?.parent;
      const parsed = call ? swiftCall(call) : undefined;
      if (!parsed || !UNWRAPPING_FUNCTIONS.has(parsed.name) || parsed.receiver) return current;
      current = call!;
    } else {
      return current;
    }
  }
}

/** The names a `let`/`guard let`/`if let` binds to `value`, when `value` is the bound initial value. */
function swiftBoundNames(value: Node): string[] {
  const parent = value.parent;
  if (!parent) return [];
  if (parent.type === 'property_declaration') {
    let pattern: Node | undefined;
    for (const child of parent.children) {
      if (!child) continue;
      if (child.id === value.id) break;
      if (child.type === 'pattern') pattern = child;
    }
    const bound = pattern?.childForFieldName('bound_identifier');
    return bound ? [bound.text] : [];
  }
  if (['if_statement', 'guard_statement', 'while_statement'].includes(parent.type)) {
    const equals = value.previousSibling;
    const name = equals?.type === '=' ? equals.previousSibling : null;
    return name?.type === 'simple_identifier' ? [name.text] : [];
  }
  if (parent.type === 'assignment' && parent.childForFieldName('result')?.id === value.id) {
    // `t = trust` to a plain local: `t` holds the trust too. Stores into properties count as an evaluation.
    const target = parent.childForFieldName('target');
    const only = target?.namedChildren.length === 1 ? target.namedChildren[0] : undefined;
    return only?.type === 'simple_identifier' ? [only.text] : [];
  }
  return [];
}

function isNil(node: Node | null): boolean {
  return node?.type === 'nil';
}

/** What a use of the trust at `use` (already climbed) amounts to. */
function swiftUse(use: Node, scan: TrustScan): 'passive' | 'evaluates' {
  const parent = use.parent;
  if (!parent) return 'evaluates';
  const bound = swiftBoundNames(use);
  if (bound.length > 0) {
    for (const name of bound) scan.tracked.add(name);
    return 'passive';
  }
  if ((parent.type === 'equality_expression' || parent.type === 'infix_expression')
    && (isNil(parent.childForFieldName('lhs')) || isNil(parent.childForFieldName('rhs')))) return 'passive';
  if (parent.type === 'value_argument' && parent.parent?.type === 'value_arguments') {
    const call = parent.parent.parent?.parent;
    const parsed = call ? swiftCall(call) : undefined;
    if (!parsed) return 'evaluates';
    if (PASSIVE_FUNCTIONS.has(parsed.name)) return 'passive';
    if (EVALUATIONS.has(parsed.name) && isSwiftDiscarded(call!)) return 'passive';
  }
  return 'evaluates';
}

/** `f(…)` as a statement, or `_ = f(…)`: the result is thrown away. */
function isSwiftDiscarded(call: Node): boolean {
  const parent = call.parent;
  if (parent?.type === 'statements') return true;
  return parent?.type === 'assignment' && parent.childForFieldName('target')?.text === '_';
}

/** True when `use` of a delegate name (challenge, metadata) may hand the decision to other code. */
function swiftDelegates(node: Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  // `challenge.protectionSpace…`: reading a property is not handing it over.
  if (parent.type === 'navigation_expression' && parent.childForFieldName('target')?.id === node.id) return false;
  if (parent.type === 'value_argument' && parent.parent?.type === 'value_arguments') {
    const call = parent.parent.parent?.parent;
    const parsed = call ? swiftCall(call) : undefined;
    return !parsed || !PASSIVE_FUNCTIONS.has(parsed.name);
  }
  return !['equality_expression', 'infix_expression'].includes(parent.type);
}

const SWIFT_SCAN_TYPES = new Set(['simple_identifier', 'navigation_expression']);

export function scanSwiftTrust(scope: TrustScope): TrustScan {
  const scan: TrustScan = { tracked: new Set(scope.trust), evaluated: false };
  const delegates = new Set(scope.delegates);
  for (const node of descendantsOfTypes(scope.body, SWIFT_SCAN_TYPES)) {
    if (scan.evaluated) break;
    let occurrence: Node | undefined;
    if (node.type === 'simple_identifier') {
      const name = node.text;
      if (!scan.tracked.has(name) && !delegates.has(name)) continue;
      if (!isSwiftRead(node)) continue;
      if (scan.tracked.has(name)) occurrence = node;
      else if (!inSwiftString(node, scope.body) && swiftDelegates(node)) scan.evaluated = true;
    } else if (scope.serverTrustMember && node.type === 'navigation_expression'
      && node.childForFieldName('suffix')?.childForFieldName('suffix')?.text === 'serverTrust') {
      occurrence = node;
    }
    if (!occurrence || inSwiftString(occurrence, scope.body)) continue;
    if (swiftUse(swiftClimb(occurrence), scan) === 'evaluates') scan.evaluated = true;
  }
  return scan;
}

/** The trust expression inside `value` (an argument), after `!` and parentheses. */
export function isSwiftTrustExpression(value: Node | undefined, scan: TrustScan, serverTrustMember: boolean): boolean {
  let current = value;
  while (current && (current.type === 'postfix_expression' || (current.type === 'tuple_expression' && current.namedChildren.length === 1))) {
    current = current.namedChildren[0] ?? undefined;
  }
  if (!current) return false;
  if (current.type === 'simple_identifier') return scan.tracked.has(current.text);
  return serverTrustMember && current.type === 'navigation_expression'
    && current.childForFieldName('suffix')?.childForFieldName('suffix')?.text === 'serverTrust';
}

// ── C and Objective-C ────────────────────────────────────────────────────────────────────────────

/** The field name under which `node` hangs from its parent. */
function fieldOf(node: Node): string | null {
  const parent = node.parent;
  if (!parent) return null;
  for (let i = 0; i < parent.childCount; i++) {
    if (parent.child(i)?.id === node.id) return parent.fieldNameForChild(i);
  }
  return null;
}

function isCRead(node: Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (parent.type.endsWith('declarator') && parent.type !== 'init_declarator') return false;
  if (parent.type === 'init_declarator' || parent.type === 'parameter_declaration') return fieldOf(node) !== 'declarator';
  if (parent.type === 'message_expression') return fieldOf(node) !== 'method';
  return true;
}

const isCServerTrust = (node: Node) =>
  (node.type === 'field_expression' && node.childForFieldName('field')?.text === 'serverTrust')
  || (node.type === 'message_expression' && objcMessage(node)?.selector === 'serverTrust');

function isNullish(node: Node | null): boolean {
  return node !== null && (node.type === 'null' || ['NULL', 'nil', 'Nil', '0'].includes(node.text));
}

function cClimb(node: Node): Node {
  let current = node;
  for (;;) {
    const parent = current.parent;
    if (!parent) return current;
    if (parent.type === 'parenthesized_expression' || parent.type === 'cast_expression') {
      current = parent;
    } else if (parent.type === 'argument_list') {
      const call = parent.parent;
      const fn = call?.childForFieldName('function');
      if (!call || fn?.type !== 'identifier' || !UNWRAPPING_FUNCTIONS.has(fn.text)) return current;
      current = call;
    } else {
      return current;
    }
  }
}

function cBoundNames(value: Node): string[] {
  const parent = value.parent;
  if (parent?.type === 'init_declarator' && fieldOf(value) === 'value') {
    let declarator = parent.childForFieldName('declarator');
    while (declarator && declarator.type !== 'identifier') declarator = declarator.childForFieldName('declarator');
    return declarator ? [declarator.text] : [];
  }
  if (parent?.type === 'assignment_expression' && fieldOf(value) === 'right') {
    const left = parent.childForFieldName('left');
    return left?.type === 'identifier' ? [left.text] : [];
  }
  return [];
}

/** `f(…);` or `(void)f(…);`: the result is thrown away. */
function isCDiscarded(call: Node): boolean {
  let current = call;
  while (current.parent?.type === 'cast_expression' || current.parent?.type === 'parenthesized_expression') current = current.parent;
  return current.parent?.type === 'expression_statement';
}

/** A condition or a truth test: `if (trust)`, `!trust`, `trust && …`, `trust != NULL`. */
function isCTruthTest(use: Node): boolean {
  const parent = use.parent;
  if (!parent) return false;
  if (parent.type === 'unary_expression' && parent.childForFieldName('operator')?.text === '!') return true;
  if (parent.type === 'binary_expression') {
    const op = parent.childForFieldName('operator')?.text;
    if (op === '&&' || op === '||') return true;
    if (op === '==' || op === '!=') return isNullish(parent.childForFieldName('left')) || isNullish(parent.childForFieldName('right'));
  }
  if (parent.type === 'conditional_expression') return fieldOf(use) === 'condition';
  return (['if_statement', 'while_statement', 'do_statement'].includes(parent.type) && fieldOf(use) === 'condition');
}

function cUse(use: Node, scan: TrustScan): 'passive' | 'evaluates' {
  const bound = cBoundNames(use);
  if (bound.length > 0) {
    for (const name of bound) scan.tracked.add(name);
    return 'passive';
  }
  if (isCTruthTest(use)) return 'passive';
  const parent = use.parent;
  if (parent?.type === 'argument_list') {
    const call = parent.parent;
    const fn = call?.childForFieldName('function');
    if (fn?.type === 'identifier' && PASSIVE_FUNCTIONS.has(fn.text)) return 'passive';
    if (fn?.type === 'identifier' && EVALUATIONS.has(fn.text) && isCDiscarded(call!)) return 'passive';
    return 'evaluates';
  }
  if (parent?.type === 'message_expression' && fieldOf(use) !== 'receiver') {
    const message = objcMessage(parent);
    return message && PASSIVE_SELECTORS.has(message.selector) ? 'passive' : 'evaluates';
  }
  return 'evaluates';
}

function cDelegates(node: Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (parent.type === 'field_expression' && fieldOf(node) === 'argument') return false;
  if (parent.type === 'message_expression') {
    if (fieldOf(node) === 'receiver') return false;
    const message = objcMessage(parent);
    return !message || !PASSIVE_SELECTORS.has(message.selector);
  }
  if (parent.type === 'argument_list') {
    const fn = parent.parent?.childForFieldName('function');
    return !(fn?.type === 'identifier' && PASSIVE_FUNCTIONS.has(fn.text));
  }
  return !isCTruthTest(node);
}

const C_SCAN_TYPES = new Set(['identifier', 'field_expression', 'message_expression']);

export function scanCTrust(scope: TrustScope): TrustScan {
  const scan: TrustScan = { tracked: new Set(scope.trust), evaluated: false };
  const delegates = new Set(scope.delegates);
  for (const node of descendantsOfTypes(scope.body, C_SCAN_TYPES)) {
    if (scan.evaluated) break;
    let occurrence: Node | undefined;
    if (node.type === 'identifier') {
      const name = node.text;
      if ((!scan.tracked.has(name) && !delegates.has(name)) || !isCRead(node)) continue;
      if (scan.tracked.has(name)) occurrence = node;
      else if (cDelegates(node)) scan.evaluated = true;
    } else if (scope.serverTrustMember && isCServerTrust(node)) {
      occurrence = node;
    }
    if (occurrence && cUse(cClimb(occurrence), scan) === 'evaluates') scan.evaluated = true;
  }
  return scan;
}

export function isCTrustExpression(value: Node | undefined, scan: TrustScan, serverTrustMember: boolean): boolean {
  let current = value;
  while (current && (current.type === 'parenthesized_expression' || current.type === 'cast_expression')) {
    current = current.type === 'cast_expression' ? current.childForFieldName('value') ?? undefined : current.namedChildren[0] ?? undefined;
  }
  if (!current) return false;
  if (current.type === 'identifier') return scan.tracked.has(current.text);
  return serverTrustMember && isCServerTrust(current);
}
