// Syntax helpers for the interface rules: plain string literal values, Swift binary operators re-parsed with
// real precedence (the grammar nests `a == b || c` as `a == (b || c)`), and conditions as and/or/not/compare trees.
import type { Node } from 'web-tree-sitter';
import { inInactiveRegion } from './conditional-compilation';

/** The value of a string literal without interpolation or escapes (Swift `"en0"`, C `"en0"`, ObjC `@"en0"`). */
export function stringLiteralValue(node: Node): string | undefined {
  if (node.type === 'line_string_literal') {
    let value = '';
    for (const child of node.namedChildren) {
      if (child?.type !== 'line_str_text') return undefined;
      value += child.text;
    }
    return value;
  }
  if (node.type === 'string_literal') {
    let value = '';
    for (const child of node.namedChildren) {
      if (child?.type !== 'string_content') return undefined;
      value += child.text;
    }
    return value;
  }
  return undefined;
}

/** A Swift binary operator node (`lhs op rhs`): equality, comparison, conjunction, infix, … */
export function isSwiftBinary(node: Node | null | undefined): boolean {
  return !!node && node.childForFieldName('op') !== null && node.childForFieldName('lhs') !== null
    && node.childForFieldName('rhs') !== null;
}

export interface FlatExpression {
  /** Operands in source order (none of them is itself a binary operator node). */
  operands: Node[];
  /** `operators[i]` sits between `operands[i]` and `operands[i + 1]`. */
  operators: string[];
}

/** Flattens a chain of Swift binary operators into source order (precedence is recomputed by the caller). */
export function flattenSwiftBinary(root: Node): FlatExpression {
  const operands: Node[] = [];
  const operators: string[] = [];
  // In-order traversal without recursion: push rhs, op marker, lhs.
  const pending: (Node | string)[] = [root];
  while (pending.length > 0) {
    const item = pending.pop()!;
    if (typeof item === 'string') {
      operators.push(item);
      continue;
    }
    if (isSwiftBinary(item)) {
      pending.push(item.childForFieldName('rhs')!, item.childForFieldName('op')!.text, item.childForFieldName('lhs')!);
    } else {
      operands.push(item);
    }
  }
  return { operands, operators };
}

/** The outermost Swift binary operator node whose flattened operands include `node` (or undefined). */
export function swiftBinaryRoot(node: Node): Node | undefined {
  let root: Node | undefined;
  for (let current = node.parent; current && isSwiftBinary(current); current = current.parent) root = current;
  return root;
}

export const COMPARISON_OPERATORS = new Set(['==', '!=', '===', '!==', '<', '<=', '>', '>=']);

/** A boolean condition tree; `atom` is anything we do not look inside. */
export type Condition =
  | { kind: 'or' | 'and'; parts: Condition[] }
  | { kind: 'not'; inner: Condition }
  | { kind: 'compare'; op: string; left: Node; right: Node }
  | { kind: 'atom'; node: Node };

function swiftParenInner(node: Node): Node {
  let current = node;
  while (current.type === 'tuple_expression' && current.namedChildCount === 1 && current.namedChild(0)) {
    current = current.namedChild(0)!;
  }
  return current;
}

function swiftOperandCondition(node: Node): Condition {
  const inner = swiftParenInner(node);
  if (inner.id !== node.id) return swiftCondition(inner);
  if (node.type === 'prefix_expression' && node.child(0)?.text === '!') {
    const target = node.childForFieldName('target');
    if (target) return { kind: 'not', inner: swiftCondition(target) };
  }
  return { kind: 'atom', node };
}

function splitFlat(flat: FlatExpression, op: string): FlatExpression[] {
  const groups: FlatExpression[] = [{ operands: [flat.operands[0]], operators: [] }];
  flat.operators.forEach((o, i) => {
    if (o === op) groups.push({ operands: [flat.operands[i + 1]], operators: [] });
    else {
      const group = groups[groups.length - 1];
      group.operators.push(o);
      group.operands.push(flat.operands[i + 1]);
    }
  });
  return groups;
}

function flatCondition(flat: FlatExpression, whole: Node): Condition {
  if (flat.operators.includes('||')) return { kind: 'or', parts: splitFlat(flat, '||').map((g) => flatCondition(g, whole)) };
  if (flat.operators.includes('&&')) return { kind: 'and', parts: splitFlat(flat, '&&').map((g) => flatCondition(g, whole)) };
  if (flat.operands.length === 1) return swiftOperandCondition(flat.operands[0]);
  if (flat.operators.length === 1 && COMPARISON_OPERATORS.has(flat.operators[0])) {
    return { kind: 'compare', op: flat.operators[0], left: flat.operands[0], right: flat.operands[1] };
  }
  return { kind: 'atom', node: whole };
}

/** A Swift boolean expression as a condition tree, with `||` < `&&` < comparisons. */
export function swiftCondition(node: Node): Condition {
  if (!isSwiftBinary(node)) return swiftOperandCondition(node);
  return flatCondition(flattenSwiftBinary(node), node);
}

/** A C or Objective-C boolean expression as a condition tree (the C grammar's precedence is right). */
export function cCondition(node: Node): Condition {
  if (node.type === 'parenthesized_expression' && node.namedChildCount === 1 && node.namedChild(0)) {
    return cCondition(node.namedChild(0)!);
  }
  if (node.type === 'unary_expression' && node.childForFieldName('operator')?.text === '!') {
    const argument = node.childForFieldName('argument');
    if (argument) return { kind: 'not', inner: cCondition(argument) };
  }
  if (node.type === 'binary_expression') {
    const op = node.childForFieldName('operator')?.text ?? '';
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    if (left && right) {
      if (op === '||' || op === '&&') return { kind: op === '||' ? 'or' : 'and', parts: [cCondition(left), cCondition(right)] };
      if (COMPARISON_OPERATORS.has(op)) return { kind: 'compare', op, left, right };
    }
  }
  return { kind: 'atom', node };
}

/** Strips `(x)`, `x!`, C casts and Swift `x!`: the expression whose identity matters. */
export function stripWrappers(node: Node): Node {
  let current = node;
  for (let i = 0; i < 8; i++) {
    if ((current.type === 'parenthesized_expression' || current.type === 'tuple_expression') && current.namedChildCount === 1) {
      current = current.namedChild(0) ?? current;
    } else if (current.type === 'postfix_expression' && current.childForFieldName('operation')?.type === 'bang') {
      current = current.childForFieldName('target') ?? current;
    } else if (current.type === 'cast_expression') {
      current = current.childForFieldName('value') ?? current;
    } else {
      break;
    }
  }
  return current;
}

/**
 * `#if false` / `#if 0` test for findings, skipped outright when the file has no `#if` at all (the region
 * walk looks at many siblings, which adds up in long files with many findings).
 */
export function inactiveRegionTest(text: string, grammar: string): (node: Node) => boolean {
  if (!/#\s*if/.test(text)) return () => false;
  const language = grammar === 'swift' ? 'swift' : 'c-family';
  return (node) => inInactiveRegion(node, language);
}
