// Where two versions of a document differ, widened to whole top-level items, so unchanged items can keep their findings.
import type { Node } from 'web-tree-sitter';

/** A top-level item (type, function, extension, import, directive…): its node type and UTF-16 offsets. */
export interface Item {
  type: string;
  start: number;
  end: number;
}

export function itemOf(node: Node): Item {
  return { type: node.type, start: node.startIndex, end: node.endIndex };
}

/**
 * Top-level items that other items read: top-level `let`s, `typealias`es, `#define`s and declarations that names
 * resolve to, `#if` directives that decide which later items are compiled, Objective-C `@interface`s whose
 * properties give types. Editing one can change findings anywhere, so it always means a full lint.
 */
const BINDING_ITEM_TYPES = new Set([
  // Swift
  'property_declaration', 'typealias_declaration', 'directive',
  // C and Objective-C
  'declaration', 'type_definition', 'preproc_def', 'preproc_function_def', 'preproc_if', 'preproc_ifdef',
  'preproc_call', 'class_interface', 'category_interface', 'protocol_declaration',
]);

/**
 * Top-level items whose findings depend on nothing but themselves (and the binding items): a type, extension or
 * function, an import, a comment, code broken mid-typing (no resolver looks inside an ERROR). The rest is top-level
 * script code, which may reach into any item (a connection created at the top and started in a function).
 */
const SELF_CONTAINED_ITEM_TYPES = new Set([
  // Swift (structs, enums, actors and extensions are class_declaration too)
  'import_declaration', 'class_declaration', 'protocol_declaration', 'function_declaration', 'comment', 'multiline_comment',
  // C and Objective-C
  'preproc_include', 'module_import', 'function_definition', 'class_implementation', 'struct_specifier',
  'ERROR',
]);

export function isBindingItem(item: Item): boolean {
  return BINDING_ITEM_TYPES.has(item.type);
}

export function isSelfContainedItem(item: Item): boolean {
  return SELF_CONTAINED_ITEM_TYPES.has(item.type) && !BINDING_ITEM_TYPES.has(item.type);
}

/**
 * The changed region: `[oldStart, oldEnd)` of the old text became `[newStart, newEnd)` of the new one
 * (`newStart === oldStart`; everything after is shifted by `delta`).
 */
export interface EditSpan {
  oldStart: number;
  oldEnd: number;
  newStart: number;
  newEnd: number;
  delta: number;
}

const BLOCK = 1024;

const isWordChar = (code: number) =>
  (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;

/**
 * The span of `newText` that differs from `oldText`, widened until it starts and ends on item boundaries of both
 * trees and never cuts a word. Undefined when nothing changed or when the items outside the span do not line
 * up (the edit changed how the rest of the file parses, e.g. an unclosed brace): then only a full lint is right.
 */
export function editSpan(oldText: string, newText: string, oldItems: readonly Item[], newItems: readonly Item[]): EditSpan | undefined {
  if (oldText === newText) return undefined;
  const shorter = Math.min(oldText.length, newText.length);
  // Whole blocks first (native string comparison), then characters: a keystroke in a 200 KB file costs ~0.1 ms.
  let prefix = 0;
  while (prefix + BLOCK <= shorter && oldText.slice(prefix, prefix + BLOCK) === newText.slice(prefix, prefix + BLOCK)) prefix += BLOCK;
  while (prefix < shorter && oldText.charCodeAt(prefix) === newText.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  const sameBlockBeforeEnd = (skip: number) => oldText.slice(oldText.length - skip - BLOCK, oldText.length - skip)
    === newText.slice(newText.length - skip - BLOCK, newText.length - skip);
  while (suffix + BLOCK <= shorter - prefix && sameBlockBeforeEnd(suffix)) suffix += BLOCK;
  while (suffix < shorter - prefix
    && oldText.charCodeAt(oldText.length - 1 - suffix) === newText.charCodeAt(newText.length - 1 - suffix)) suffix++;
  const delta = newText.length - oldText.length;

  // Widen in old coordinates; the new span is the same region shifted by `delta` at its end.
  let start = prefix;
  let oldEnd = oldText.length - suffix;
  for (let changed = true; changed;) {
    changed = false;
    for (const [items, shift] of [[oldItems, 0], [newItems, delta]] as const) {
      for (const item of items) {
        // An item touching the span (even at its edge) may parse differently now: take it whole.
        if (item.start > oldEnd + shift || item.end < start) continue;
        if (item.start < start) { start = item.start; changed = true; }
        if (item.end - shift > oldEnd) { oldEnd = item.end - shift; changed = true; }
      }
    }
    while (start > 0 && isWordChar(oldText.charCodeAt(start - 1))) { start--; changed = true; }
    while (oldEnd < oldText.length && isWordChar(oldText.charCodeAt(oldEnd))) { oldEnd++; changed = true; }
  }
  const span = { oldStart: start, oldEnd, newStart: start, newEnd: oldEnd + delta, delta };
  return itemsLineUp(oldItems, newItems, span) ? span : undefined;
}

/** True when the items before the span are the same in both trees, and those after it are the same shifted by delta. */
function itemsLineUp(oldItems: readonly Item[], newItems: readonly Item[], span: EditSpan): boolean {
  const outside = (items: readonly Item[], end: number) => ({
    before: items.filter((i) => i.end <= span.oldStart),
    after: items.filter((i) => i.start >= end),
  });
  const old = outside(oldItems, span.oldEnd);
  const now = outside(newItems, span.newEnd);
  if (old.before.length !== now.before.length || old.after.length !== now.after.length) return false;
  const same = (a: readonly Item[], b: readonly Item[], shift: number) =>
    a.every((item, i) => item.start + shift === b[i].start && item.end + shift === b[i].end);
  return same(old.before, now.before, 0) && same(old.after, now.after, span.delta);
}
