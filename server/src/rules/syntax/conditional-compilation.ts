// Code the compiler never sees: `#if false` / `#if 0` regions and the `#else` branches of `#if true` / `#if 1`.
import type { Node } from 'web-tree-sitter';
import type { GrammarId } from '../../parse/languages';
import { ancestors } from './tree';

const FALSE_CONDITIONS = new Set(['false', '0', 'FALSE', 'NO']);
const TRUE_CONDITIONS = new Set(['true', '1', 'TRUE', 'YES']);

/** The literal condition of a Swift `#if`/`#elseif` directive, or undefined when it is not a plain literal. */
function swiftLiteral(directive: Node): boolean | undefined {
  const condition = directive.namedChild(0);
  if (directive.namedChildCount !== 1 || !condition) return undefined;
  if (FALSE_CONDITIONS.has(condition.text)) return false;
  return TRUE_CONDITIONS.has(condition.text) ? true : undefined;
}

/**
 * Swift keeps `#if`/`#else`/`#endif` as flat `directive` siblings of the statements they bracket, so the
 * directive that opens a node's branch is the nearest unmatched one before it, at some ancestor level.
 */
function swiftInactive(node: Node): boolean {
  for (let child: Node | null = node; child; child = child.parent) {
    let depth = 0;
    let inElseBranch = false;
    for (let s = child.previousSibling; s; s = s.previousSibling) {
      if (s.type !== 'directive') continue;
      const keyword = s.child(0)?.type;
      if (keyword === '#endif') depth++;
      else if (depth > 0) {
        if (keyword === '#if') depth--;
      } else if (keyword === '#else' || keyword === '#elseif') {
        // A later branch: dead when the `#if` that opened the chain is literally true, found further back.
        inElseBranch = true;
      } else if (keyword === '#if') {
        const literal = swiftLiteral(s);
        if (inElseBranch ? literal === true : literal === false) return true;
        // This conditional is live; an enclosing one (further back) may still be dead.
        inElseBranch = false;
      }
    }
  }
  return false;
}

/** C and Objective-C: tree-sitter nests the region in a `preproc_if` node, the other branch in its `alternative`. */
function cInactive(node: Node): boolean {
  let child = node;
  for (const ancestor of ancestors(node)) {
    if (ancestor.type === 'preproc_if') {
      const condition = ancestor.childForFieldName('condition')?.text.trim() ?? '';
      const alternative = ancestor.childForFieldName('alternative');
      const inAlternative = alternative !== null && alternative.id === child.id;
      if (inAlternative ? TRUE_CONDITIONS.has(condition) : FALSE_CONDITIONS.has(condition)) return true;
    }
    child = ancestor;
  }
  return false;
}

/** True when `node` sits in code that is compiled out (`#if false`, `#if 0`, or the `#else` of an always-true `#if`). */
export function inInactiveRegion(node: Node, language: 'swift' | 'c-family' | GrammarId): boolean {
  return language === 'swift' ? swiftInactive(node) : cInactive(node);
}
