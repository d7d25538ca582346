// Reads a source file defensively: size limit, binary detection, invalid UTF-8 decoded with replacement characters.
import * as fs from 'node:fs';

export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;

export type ReadResult = { ok: true; text: string; replacedInvalidUtf8: boolean } | { ok: false; reason: string };

const decoder = new TextDecoder('utf-8', { fatal: false });

export function readSource(file: string, maxFileSize: number = DEFAULT_MAX_FILE_SIZE): ReadResult {
  let bytes: Buffer;
  try {
    const size = fs.statSync(file).size;
    if (size > maxFileSize) return { ok: false, reason: `larger than the ${formatBytes(maxFileSize)} limit (${formatBytes(size)}); raise --max-file-size to check it` };
    bytes = fs.readFileSync(file);
  } catch (err) {
    // Deleted or made unreadable between listing and reading.
    return { ok: false, reason: `cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}` };
  }
  if (bytes.subarray(0, 8192).includes(0)) return { ok: false, reason: 'binary file (NUL bytes in the first 8 KB)' };
  const text = decoder.decode(bytes);
  return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, replacedInvalidUtf8: text.includes('\uFFFD') && !bytes.includes(Buffer.from('\uFFFD')) };
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(n % (1024 * 1024) === 0 ? 0 : 1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}

/** Reads a project file's bytes (binary plists are fine here) with the same size limit. */
export function readProjectFileBytes(file: string, maxFileSize: number = DEFAULT_MAX_FILE_SIZE): { ok: true; bytes: Uint8Array } | { ok: false; reason: string } {
  try {
    const size = fs.statSync(file).size;
    if (size > maxFileSize) return { ok: false, reason: `larger than the ${formatBytes(maxFileSize)} limit (${formatBytes(size)}); raise --max-file-size to check it` };
    return { ok: true, bytes: fs.readFileSync(file) };
  } catch (err) {
    return { ok: false, reason: `cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}` };
  }
}
