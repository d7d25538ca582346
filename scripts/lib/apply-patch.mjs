// Applies a unified diff to files under a folder, refusing if any context line differs (no fuzz).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Applies every hunk of `patchText` (paths like `a/src/x.c`, `b/src/x.c`) below `baseDir`. */
export function applyUnifiedPatch(baseDir, patchText) {
  const lines = patchText.split('\n');
  let file = null;
  let content = null;
  const flush = () => { if (file) writeFileSync(file, content.join('\n')); };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('+++ ')) {
      flush();
      file = join(baseDir, line.slice(4).trim().replace(/^b\//, ''));
      content = readFileSync(file, 'utf8').split('\n');
      continue;
    }
    const hunk = /^@@ -(\d+)(?:,\d+)? \+\d+(?:,\d+)? @@/.exec(line);
    if (!hunk || !content) continue;
    let at = Number(hunk[1]) - 1;
    const replacement = [];
    const expected = [];
    for (i++; i < lines.length && /^[ +-]/.test(lines[i]) && !lines[i].startsWith('--- '); i++) {
      const body = lines[i].slice(1);
      if (lines[i][0] !== '+') expected.push(body);
      if (lines[i][0] !== '-') replacement.push(body);
    }
    i--;
    const actual = content.slice(at, at + expected.length);
    if (actual.join('\n') !== expected.join('\n')) {
      throw new Error(`patch does not apply to ${file} at line ${at + 1}: the grammar source changed; update the patch`);
    }
    content.splice(at, expected.length, ...replacement);
  }
  flush();
}
