// Keeps one document's tree in step with its text: applies LSP-style edits with tree.edit, then reparses.
import { Edit } from 'web-tree-sitter';
import type { Grammars } from './grammars';
import type { LanguageId } from './languages';
import { parseText, type ParsedTree } from './parse';

/** A text change as LSP sends it: a range in the old text (UTF-16 line/character) and its replacement. */
export interface TextChange {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  text: string;
}

/** Offsets of line starts, so line/character positions convert to UTF-16 indices. */
function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10) starts.push(i + 1);
    else if (ch === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  return starts;
}

function pointAfter(start: { row: number; column: number }, inserted: string): { row: number; column: number } {
  const lines = inserted.split(/\r\n|\r|\n/);
  if (lines.length === 1) return { row: start.row, column: start.column + inserted.length };
  return { row: start.row + lines.length - 1, column: lines[lines.length - 1].length };
}

/** A document's current text and tree; `applyChanges` reparses incrementally. */
export class IncrementalDocument {
  private parsed: ParsedTree | undefined;
  /** The tree has been edited but not reparsed yet; typing bursts reparse once, at the next analysis. */
  private stale = false;

  constructor(private readonly grammars: Grammars, readonly language: LanguageId, private currentText: string) {}

  get text(): string { return this.currentText; }

  /** The tree for the current text (parsed on first use, reparsed incrementally after edits). */
  get tree(): ParsedTree {
    if (this.parsed && this.stale) {
      const old = this.parsed;
      this.parsed = parseText(this.grammars, this.language, this.currentText, old);
      if (this.parsed.tree !== old.tree) old.tree.delete();
    }
    this.stale = false;
    this.parsed ??= parseText(this.grammars, this.language, this.currentText);
    return this.parsed;
  }

  /** Applies LSP content changes in order; a change without a range replaces the whole text. */
  applyChanges(changes: ReadonlyArray<TextChange | { text: string }>): void {
    for (const change of changes) {
      if (!('range' in change)) {
        this.replaceAll(change.text);
        continue;
      }
      const starts = lineStarts(this.currentText);
      const toIndex = (p: { line: number; character: number }) =>
        Math.min(this.currentText.length, (starts[Math.min(p.line, starts.length - 1)] ?? 0) + p.character);
      const startIndex = toIndex(change.range.start);
      const oldEndIndex = Math.max(startIndex, toIndex(change.range.end));
      const startPosition = { row: change.range.start.line, column: change.range.start.character };
      const oldEndPosition = { row: change.range.end.line, column: change.range.end.character };
      this.currentText = this.currentText.slice(0, startIndex) + change.text + this.currentText.slice(oldEndIndex);
      this.parsed?.tree.edit(new Edit({
        startIndex, oldEndIndex, newEndIndex: startIndex + change.text.length,
        startPosition, oldEndPosition, newEndPosition: pointAfter(startPosition, change.text),
      }));
    }
    if (this.parsed) this.stale = true;
  }

  private replaceAll(text: string): void {
    this.currentText = text;
    this.parsed?.tree.delete();
    this.parsed = undefined;
    this.stale = false;
  }

  /** Frees the wasm memory of the tree; the document must not be used afterwards. */
  dispose(): void {
    this.parsed?.tree.delete();
    this.parsed = undefined;
  }
}
