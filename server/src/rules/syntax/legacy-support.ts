// Helpers of the legacy- and ne- rules: string literal contents, logging and UI-text calls (whose string arguments
// are messages, not API use), and function bodies.
import type { Node } from 'web-tree-sitter';
import type { GrammarId } from '../../parse/languages';
import { objcMessage } from './c-family';
import { swiftCall } from './swift';
import { ancestors, closestAncestor } from './tree';

export interface StringText {
  /** The literal's text before any interpolation (escape sequences kept as written). */
  leading: string;
  /** True when the literal has no interpolation, so `leading` is all of it. */
  complete: boolean;
}

const SWIFT_STRINGS = new Set(['line_string_literal', 'multi_line_string_literal', 'raw_string_literal']);
const SWIFT_TEXT = new Set(['line_str_text', 'multi_line_str_text', 'raw_str_part', 'str_escaped_char']);

/** The text of a string literal node (Swift, C or Objective-C `@"…"`), or undefined for any other node. */
export function stringText(node: Node): StringText | undefined {
  if (SWIFT_STRINGS.has(node.type)) {
    let leading = '';
    for (const child of node.children) {
      if (!child) continue;
      if (SWIFT_TEXT.has(child.type)) leading += child.text;
      else if (child.type === 'interpolated_expression' || child.type === '\\(' || child.type === 'raw_str_interpolation') {
        return { leading, complete: false };
      }
    }
    return { leading: node.type === 'multi_line_string_literal' ? leading.replace(/^\n/, '').replace(/\n$/, '') : leading, complete: true };
  }
  if (node.type === 'string_literal') {
    let leading = '';
    for (const child of node.children) {
      if (child && (child.type === 'string_content' || child.type === 'escape_sequence')) leading += child.text;
    }
    return { leading, complete: true };
  }
  if (node.type === 'concatenated_string') {
    let leading = '';
    for (const child of node.namedChildren) {
      const part = child && stringText(child);
      if (!part) return { leading, complete: false };
      leading += part.leading;
    }
    return { leading, complete: true };
  }
  return undefined;
}

/** True for the node types that hold a string literal in any of our grammars (the part the engine visits). */
export const STRING_LITERAL_TYPES = ['line_string_literal', 'multi_line_string_literal', 'raw_string_literal', 'string_literal'];

/** Functions whose string arguments are log lines, assertion messages or localised UI text, never API input. */
const MESSAGE_FUNCTIONS = new Set([
  'print', 'debugPrint', 'dump', 'NSLog', 'NSLogv', 'os_log', 'os_log_info', 'os_log_debug', 'os_log_error', 'os_log_fault',
  'printf', 'fprintf', 'puts', 'fputs', 'syslog', 'assert', 'assertionFailure', 'precondition', 'preconditionFailure',
  'fatalError', 'NSAssert', 'NSCAssert', 'NSLocalizedString', 'String.localizedStringWithFormat', 'Text', 'LocalizedStringKey',
]);

/** Member calls that log (`logger.info("…")`, `Logger.shared.error(…)`, CocoaLumberjack `DDLogInfo`). */
const LOG_METHODS = new Set(['log', 'info', 'debug', 'notice', 'warning', 'warn', 'error', 'fault', 'trace', 'critical', 'verbose']);

/** Statement-level nodes: the search for an enclosing call stops there. */
const STATEMENT_TYPES = new Set([
  'statements', 'function_body', 'class_body', 'source_file', 'compound_statement', 'translation_unit',
  'expression_statement', 'declaration', 'property_declaration', 'return_statement', 'if_statement', 'guard_statement',
]);

/** The name of the function or method a call node calls (Swift, C) or its selector (Objective-C). */
function calledName(call: Node): string | undefined {
  if (call.type === 'message_expression') return objcMessage(call)?.selector;
  if (call.type !== 'call_expression') return undefined;
  const swift = swiftCall(call);
  if (swift) return swift.name;
  const fn = call.childForFieldName('function');
  return fn?.type === 'identifier' ? fn.text : undefined;
}

/** True when `node` is (part of) an argument of a logging, assertion or UI-text call. */
export function inMessageCall(node: Node): boolean {
  let depth = 0;
  for (const ancestor of ancestors(node)) {
    if (++depth > 12 || STATEMENT_TYPES.has(ancestor.type)) return false;
    const name = calledName(ancestor);
    if (name === undefined) continue;
    if (MESSAGE_FUNCTIONS.has(name) || /^DDLog[A-Z]/.test(name) || /^os_log/.test(name)) return true;
    if (LOG_METHODS.has(name) && ancestor.type === 'call_expression' && ancestor.namedChild(0)?.type === 'navigation_expression') return true;
  }
  return false;
}

const SWIFT_BODIES = new Set([
  'function_declaration', 'init_declaration', 'deinit_declaration', 'computed_property', 'subscript_declaration', 'class_declaration',
]);
const C_BODIES = new Set(['function_definition', 'method_definition', 'class_implementation', 'class_interface']);

/**
 * The id of the function, method or initialiser whose body holds `node` (closures and blocks count as their
 * encloser), else of the type whose declarations hold it (stored property initialisers); -1 at top level.
 */
export function enclosingBodyId(node: Node, grammar: GrammarId): number {
  const bodies = grammar === 'swift' ? SWIFT_BODIES : C_BODIES;
  return closestAncestor(node, (n) => bodies.has(n.type))?.id ?? -1;
}

/** Names of the types this file declares (`class NWTCPConnection`, `typealias X`, `@interface X`), so a same-named local type is left alone. */
export function declaredTypeName(node: Node): string | undefined {
  switch (node.type) {
    case 'class_declaration':
    case 'protocol_declaration':
    case 'typealias_declaration': {
      // Swift only (`extension X` extends someone else's type; Objective-C `@class X;` only forward-declares).
      if (node.childForFieldName('declaration_kind')?.text === 'extension') return undefined;
      const name = node.childForFieldName('name');
      return name?.type === 'type_identifier' ? name.text : undefined;
    }
    case 'class_interface':
    case 'class_implementation':
      // `@interface X (Category)` adds to an existing class.
      if (node.children.some((c) => c?.type === '(')) return undefined;
      return node.namedChildren.find((c) => c?.type === 'identifier')?.text;
    default:
      return undefined;
  }
}
