// Text edits that add or remove suppression comments (used by quick fixes; pure, so they are testable from strings).
import { LineIndex } from './line-index';

export interface TextEdit {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  newText: string;
}

const NEXT_LINE_DIRECTIVE = /^(\s*\/\/\s*netadvisor-disable-next-line\s+)([\w-]+(?:\s*,\s*[\w-]+)*)/;

/** The line break the file already uses, so inserted lines match it. */
function lineBreak(text: string): string {
  return /\r\n/.test(text) ? '\r\n' : '\n';
}

/**
 * Suppresses `ruleId` on `line`: extends a directive already on the line above, or inserts
 * `// netadvisor-disable-next-line <id> -- ` at the line's indentation (the reason is left to type).
 */
export function disableNextLineEdit(text: string, line: number, ruleId: string): TextEdit {
  const lines = new LineIndex(text);
  if (line > 0) {
    const above = lines.lineText(line - 1);
    const match = NEXT_LINE_DIRECTIVE.exec(above);
    if (match) {
      const ids = match[2].split(/\s*,\s*/);
      if (!ids.includes(ruleId)) {
        const at = { line: line - 1, character: match[1].length + match[2].length };
        return { range: { start: at, end: at }, newText: `, ${ruleId}` };
      }
    }
  }
  const indent = /^\s*/.exec(lines.lineText(line))![0];
  const at = { line, character: 0 };
  return { range: { start: at, end: at }, newText: `${indent}// netadvisor-disable-next-line ${ruleId} -- ${lineBreak(text)}` };
}

/** Suppresses `ruleId` in the whole file with a block comment on the first line. */
export function disableFileEdit(text: string, ruleId: string): TextEdit {
  const at = { line: 0, character: 0 };
  return { range: { start: at, end: at }, newText: `/* netadvisor-disable-file ${ruleId} */${lineBreak(text)}` };
}

/** Removes a directive comment; when it stood alone on its line, the whole line goes. */
export function removeCommentEdit(text: string, startIndex: number, endIndex: number): TextEdit {
  const lines = new LineIndex(text);
  const start = lines.positionAt(startIndex);
  const end = lines.positionAt(endIndex);
  const before = lines.lineText(start.line).slice(0, start.character);
  const after = lines.lineText(end.line).slice(end.character);
  if (before.trim() === '' && after.trim() === '') {
    const nextLine = end.line + 1 < lines.lineCount ? { line: end.line + 1, character: 0 } : { line: end.line, character: after.length + end.character };
    return { range: { start: { line: start.line, character: 0 }, end: nextLine }, newText: '' };
  }
  // Trailing comment: also drop the spaces that separated it from the code.
  const trimmed = before.replace(/\s+$/, '');
  return { range: { start: { line: start.line, character: trimmed.length }, end }, newText: '' };
}
