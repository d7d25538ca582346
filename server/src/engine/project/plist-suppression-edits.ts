// Suppression comments in XML property lists: `<!-- netadvisor-disable-next-line <id> -->` above a finding's line,
// `<!-- netadvisor-disable-file <id> -->` after the <plist> tag (an XML comment may not precede the declaration).
// A reason follows the ids after ` - ` (XML forbids `--` inside comments).
import { LineIndex } from '../line-index';
import type { TextEdit } from '../suppression-edits';

const NEXT_LINE = /^(\s*<!--\s*netadvisor-disable-next-line\s+)([\w-]+(?:\s*,\s*[\w-]+)*)/;

const lineBreak = (text: string) => (/\r\n/.test(text) ? '\r\n' : '\n');

/** XML comment text → the directive text parseDirective reads (` - reason` and ` — reason` become ` -- reason`). */
export function xmlDirectiveText(inner: string): string {
  return inner.replace(/\s+[-–—]\s+/, ' -- ');
}

export function disableNextLineXmlEdit(text: string, line: number, ruleId: string): TextEdit {
  const lines = new LineIndex(text);
  if (line > 0) {
    const match = NEXT_LINE.exec(lines.lineText(line - 1));
    if (match && !match[2].split(/\s*,\s*/).includes(ruleId)) {
      const at = { line: line - 1, character: match[1].length + match[2].length };
      return { range: { start: at, end: at }, newText: `, ${ruleId}` };
    }
  }
  const indent = /^\s*/.exec(lines.lineText(line))![0];
  const at = { line, character: 0 };
  return { range: { start: at, end: at }, newText: `${indent}<!-- netadvisor-disable-next-line ${ruleId} -->${lineBreak(text)}` };
}

export function disableFileXmlEdit(text: string, ruleId: string): TextEdit {
  const lines = new LineIndex(text);
  const plist = text.search(/<plist[\s>]/);
  const declaration = text.indexOf('?>');
  const anchor = plist >= 0 ? text.indexOf('>', plist) + 1 : declaration >= 0 ? declaration + 2 : -1;
  const comment = `<!-- netadvisor-disable-file ${ruleId} -->`;
  if (anchor <= 0) return { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: `${comment}${lineBreak(text)}` };
  const at = lines.positionAt(anchor);
  return { range: { start: at, end: at }, newText: `${lineBreak(text)}${comment}` };
}
