// Binary property lists (`bplist00`), read with bplist-parser and converted to our plist model (no positions).
import { parseBuffer, UID } from 'bplist-parser';
import type { PlistValue } from '../../rules/project-file-rule';

export type BinaryPlistResult = { ok: true; root: PlistValue } | { ok: false; message: string };

const MAGIC = 'bplist00';

export function isBinaryPlist(bytes: Uint8Array): boolean {
  return bytes.length >= MAGIC.length && Buffer.from(bytes.buffer, bytes.byteOffset, MAGIC.length).toString('latin1') === MAGIC;
}

/** JS values from bplist-parser → plist values; cycles and absurd depth are cut off. */
function convert(value: unknown, depth: number): PlistValue {
  if (depth > 512) throw new Error('the property list nests too deeply');
  if (typeof value === 'string') return { type: 'string', value };
  if (typeof value === 'boolean') return { type: 'boolean', value };
  if (typeof value === 'number') return { type: Number.isInteger(value) ? 'integer' : 'real', value };
  if (typeof value === 'bigint') return { type: 'integer', value: Number(value) };
  if (value instanceof Date) return { type: 'date', value: Number.isNaN(value.getTime()) ? '' : value.toISOString() };
  if (Buffer.isBuffer(value)) return { type: 'data', value: value.toString('base64') };
  if (value instanceof UID) return { type: 'uid', value: String(value.UID) };
  if (Array.isArray(value)) return { type: 'array', items: value.map((v) => convert(v, depth + 1)) };
  if (value === null || value === undefined) return { type: 'string', value: '' };
  if (typeof value === 'object') {
    return { type: 'dict', entries: Object.entries(value as Record<string, unknown>).map(([key, v]) => ({ key, value: convert(v, depth + 1) })) };
  }
  return { type: 'string', value: String(value) };
}

/** Parses a binary property list; never throws. */
export function parseBinaryPlist(bytes: Uint8Array): BinaryPlistResult {
  try {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const [root] = parseBuffer(buffer);
    return { ok: true, root: convert(root, 0) };
  } catch (err) {
    return { ok: false, message: `not a valid binary property list (${err instanceof Error ? err.message : String(err)})` };
  }
}
