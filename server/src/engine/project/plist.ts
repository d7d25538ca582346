// Reads a property list from bytes (binary or XML, UTF-8/UTF-16) or from an editor's text, never throwing.
import type { PlistDict, PlistDocument, PlistValue } from '../../rules/project-file-rule';
import { LineIndex } from '../line-index';
import { isBinaryPlist, parseBinaryPlist } from './plist-binary';
import { parseXmlPlist, type XmlComment } from './plist-xml';

export type PlistReadResult =
  | { ok: true; document: PlistDocument; comments: XmlComment[] }
  /** `message` names the problem and, for XML, its line and column. */
  | { ok: false; message: string; index?: number };

/** Decodes the text of an XML plist (UTF-8 by default; UTF-16 when it starts with a byte-order mark). */
export function decodePlistText(bytes: Uint8Array): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  return new TextDecoder('utf-8').decode(bytes);
}

export function readPlistText(file: string, text: string): PlistReadResult {
  const parsed = parseXmlPlist(text);
  if (!parsed.ok) {
    const at = new LineIndex(text).positionAt(parsed.index);
    const kind = /^\s*[{(]/.test(text) ? ' (old-style ASCII property lists are not read)' : '';
    return { ok: false, message: `not a valid XML property list: ${parsed.message} at line ${at.line + 1}, column ${at.character + 1}${kind}`, index: parsed.index };
  }
  return { ok: true, document: { file, format: 'xml', text, root: parsed.root }, comments: parsed.comments };
}

export function readPlistBytes(file: string, bytes: Uint8Array): PlistReadResult {
  if (isBinaryPlist(bytes)) {
    const parsed = parseBinaryPlist(bytes);
    return parsed.ok ? { ok: true, document: { file, format: 'binary', root: parsed.root }, comments: [] } : parsed;
  }
  return readPlistText(file, decodePlistText(bytes));
}

// ── Lookups shared by the project model and the rules' tests ────────────────────────────────────────

export function rootDict(document: PlistDocument | undefined): PlistDict | undefined {
  return document?.root.type === 'dict' ? document.root : undefined;
}

/** A plist value as a plain JS value (dict → object, array → array). */
export function plainValue(value: PlistValue): unknown {
  switch (value.type) {
    case 'dict': return Object.fromEntries(value.entries.map((e) => [e.key, plainValue(e.value)]));
    case 'array': return value.items.map(plainValue);
    default: return value.value;
  }
}
