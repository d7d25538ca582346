// Property-list helpers for the project-file rules and the project model: lookups, and text edits that add
// keys or array items to an XML plist in the file's own indentation and line breaks (pure: testable from strings).
import type { PlistArray, PlistDict, PlistDocument, PlistEntry, PlistValue } from '../project-file-rule';
import type { SuggestionEdit } from '../rule';

export function dictEntry(dict: PlistDict | undefined, key: string): PlistEntry | undefined {
  return dict?.entries.find((e) => e.key === key);
}

export function dictValue(dict: PlistDict | undefined, key: string): PlistValue | undefined {
  return dictEntry(dict, key)?.value;
}

export function asDict(value: PlistValue | undefined): PlistDict | undefined {
  return value?.type === 'dict' ? value : undefined;
}

/** The strings of an array value (other item types are skipped). */
export function stringItems(value: PlistValue | undefined): { value: string; item: PlistValue }[] {
  if (value?.type !== 'array') return [];
  return value.items.flatMap((item) => (item.type === 'string' ? [{ value: item.value, item }] : []));
}

export function isTrue(value: PlistValue | undefined): boolean {
  return value?.type === 'boolean' && value.value;
}

/** Escapes text for an XML element. */
export function xmlEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function lineBreak(text: string): string {
  return /\r\n/.test(text) ? '\r\n' : '\n';
}

/** Indentation of the line that holds `offset`. */
function indentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

/** One indentation step as the file uses it (tab by default, as Xcode writes plists). */
function indentUnit(text: string): string {
  const match = /\n( +|\t)</.exec(text);
  return match ? match[1] : '\t';
}

/** XML for a string or an array of strings at `indent`, continuing lines with `eol`. */
export function plistValueXml(value: string | boolean | string[], indent: string, unit: string, eol: string): string {
  if (typeof value === 'boolean') return value ? '<true/>' : '<false/>';
  if (typeof value === 'string') return `<string>${xmlEscape(value)}</string>`;
  return `<array>${value.map((v) => `${eol}${indent}${unit}<string>${xmlEscape(v)}</string>`).join('')}${eol}${indent}</array>`;
}

/**
 * An edit that adds `key` = `value` at the end of `dict` (an XML plist's dictionary with ranges), or undefined
 * when the document has no text (binary plists cannot be edited as text).
 */
export function addDictEntryEdit(document: PlistDocument, dict: PlistDict, key: string, value: string | boolean | string[]): SuggestionEdit | undefined {
  const text = document.text;
  if (text === undefined || !dict.range) return undefined;
  const eol = lineBreak(text);
  const unit = indentUnit(text);
  const last = dict.entries[dict.entries.length - 1];
  const file = document.file;
  if (last?.value.range) {
    const indent = indentAt(text, last.keyRange?.startIndex ?? last.value.range.startIndex);
    const at = last.value.range.endIndex;
    return { file, startIndex: at, endIndex: at, text: `${eol}${indent}<key>${xmlEscape(key)}</key>${eol}${indent}${plistValueXml(value, indent, unit, eol)}` };
  }
  // An empty dictionary: `<dict/>` or `<dict></dict>`.
  const outer = indentAt(text, dict.range.startIndex);
  const indent = outer + unit;
  const body = `${eol}${indent}<key>${xmlEscape(key)}</key>${eol}${indent}${plistValueXml(value, indent, unit, eol)}${eol}${outer}`;
  const source = text.slice(dict.range.startIndex, dict.range.endIndex);
  if (/\/>$/.test(source)) return { file, startIndex: dict.range.startIndex, endIndex: dict.range.endIndex, text: `<dict>${body}</dict>` };
  const close = dict.range.endIndex - '</dict>'.length;
  const open = text.indexOf('>', dict.range.startIndex) + 1;
  return { file, startIndex: open, endIndex: close, text: body };
}

/** An edit that appends string items to an XML plist array. */
export function addArrayItemEdit(document: PlistDocument, array: PlistArray, items: string[]): SuggestionEdit | undefined {
  const text = document.text;
  if (text === undefined || !array.range) return undefined;
  const eol = lineBreak(text);
  const file = document.file;
  const last = array.items[array.items.length - 1];
  const lines = (indent: string) => items.map((item) => `${eol}${indent}<string>${xmlEscape(item)}</string>`).join('');
  if (last?.range) {
    const indent = indentAt(text, last.range.startIndex);
    return { file, startIndex: last.range.endIndex, endIndex: last.range.endIndex, text: lines(indent) };
  }
  const outer = indentAt(text, array.range.startIndex);
  const body = `${lines(outer + indentUnit(text))}${eol}${outer}`;
  const source = text.slice(array.range.startIndex, array.range.endIndex);
  if (/\/>$/.test(source)) return { file, startIndex: array.range.startIndex, endIndex: array.range.endIndex, text: `<array>${body}</array>` };
  const open = text.indexOf('>', array.range.startIndex) + 1;
  return { file, startIndex: open, endIndex: array.range.endIndex - '</array>'.length, text: body };
}

/** An edit that removes a whole entry (`<key>…</key>` and its value) with the line it stood on. */
export function removeEntryEdit(document: PlistDocument, entry: PlistEntry): SuggestionEdit | undefined {
  const text = document.text;
  if (text === undefined || !entry.keyRange || !entry.value.range) return undefined;
  let start = entry.keyRange.startIndex;
  let end = entry.value.range.endIndex;
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  if (/^[ \t]*$/.test(text.slice(lineStart, start))) start = lineStart;
  const after = /^[ \t]*\r?\n/.exec(text.slice(end));
  if (after && start === lineStart) end += after[0].length;
  return { file: document.file, startIndex: start, endIndex: end, text: '' };
}

/** Applies edits of one file to its text (back to front); for tests and the example harness. */
export function applyEdits(text: string, edits: readonly { startIndex: number; endIndex: number; text: string }[]): string {
  return [...edits].sort((a, b) => b.startIndex - a.startIndex).reduce((out, e) => out.slice(0, e.startIndex) + e.text + out.slice(e.endIndex), text);
}
