// Code the compiler never sees: Swift `#if false … #endif` and C/Objective-C `#if 0 … #endif` regions.
import type { Node } from 'web-tree-sitter';
import { ancestors } from './tree';

const FALSE_CONDITIONS = new Set(['false', '0', 'FALSE', 'NO']);

/**
 * Swift keeps `#if`/`#else`/`#endif` as flat `directive` siblings of the statements they bracket, so the
 * opening directive of a node's region is the nearest unmatched `#if` before it, at some ancestor level.
 */
function swiftInactive(node: Node): boolean {
  let child: Node | null = node;
  while (child) {
    let depth = 0;
    for (let s = child.previousSibling; s; s = s.previousSibling) {
      if (s.type !== 'directive') continue;
      const keyword = s.child(0)?.type;
      if (keyword === '#endif') depth++;
      else if (keyword === '#if') {
        if (depth > 0) depth--;
        else {
          const condition = s.namedChild(0);
          if (s.namedChildCount === 1 && condition && FALSE_CONDITIONS.has(condition.text)) return true;
          break;
        }
      } else if ((keyword === '#else' || keyword === '#elseif') && depth === 0) {
        // The other branch of some `#if`: live unless we can prove otherwise, which we do not try.
        break;
      }
    }
    child = child.parent;
  }
  return false;
}

/** C and Objective-C: tree-sitter nests the region in a `preproc_if` node. */
function cInactive(node: Node): boolean {
  let child = node;
  for (const ancestor of ancestors(node)) {
    if (ancestor.type === 'preproc_if') {
      const condition = ancestor.childForFieldName('condition');
      const alternative = ancestor.childForFieldName('alternative');
      const inAlternative = alternative !== null && alternative.id === child.id;
      if (!inAlternative && condition && FALSE_CONDITIONS.has(condition.text.trim())) return true;
    }
    child = ancestor;
  }
  return false;
}

/** True when `node` sits in a `#if false` (Swift) or `#if 0` (C, Objective-C) region. */
export function inInactiveRegion(node: Node, language: 'swift' | 'c-family'): boolean {
  return language === 'swift' ? swiftInactive(node) : cInactive(node);
}
