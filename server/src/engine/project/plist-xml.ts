// XML property lists (Info.plist, .entitlements) with exact source positions. Never throws: a malformed
// file yields an error with its offset, so callers can say what is wrong and the rules stay silent.
import type { PlistArray, PlistDict, PlistEntry, PlistRange, PlistValue } from '../../rules/project-file-rule';

export interface XmlComment {
  /** The whole `<!-- … -->`. */
  startIndex: number;
  endIndex: number;
  /** The text between `<!--` and `-->`. */
  inner: string;
}

export type XmlPlistResult =
  | { ok: true; root: PlistValue; comments: XmlComment[] }
  | { ok: false; message: string; index: number };

class PlistSyntaxError extends Error {
  constructor(message: string, readonly index: number) { super(message); }
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const NAME = /[A-Za-z_:][-A-Za-z0-9_:.]*/y;

class Parser {
  private pos = 0;
  readonly comments: XmlComment[] = [];
  /** Elements nest this deep at most (a hostile file must not exhaust the stack). */
  private static readonly MAX_DEPTH = 512;

  constructor(private readonly text: string) {}

  parse(): PlistValue {
    if (this.text.charCodeAt(0) === 0xfeff) this.pos = 1;
    this.skipMisc(true);
    const open = this.peekTag();
    let root: PlistValue;
    if (open?.name === 'plist') {
      this.readOpenTag();
      if (open.selfClosing) throw this.error('the <plist> element is empty', open.start);
      this.skipMisc(false);
      root = this.value(0);
      this.skipMisc(false);
      this.expectClose('plist');
    } else {
      // CoreFoundation also reads a bare value without the <plist> wrapper.
      root = this.value(0);
    }
    this.skipMisc(false);
    if (this.pos < this.text.length) throw this.error('unexpected content after the end of the property list', this.pos);
    return root;
  }

  private error(message: string, index: number): PlistSyntaxError {
    return new PlistSyntaxError(message, index);
  }

  /** Whitespace, comments, and in the prolog `<?…?>` and `<!DOCTYPE …>`. */
  private skipMisc(prolog: boolean): void {
    for (;;) {
      while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) this.pos++;
      if (this.text.startsWith('<!--', this.pos)) {
        const end = this.text.indexOf('-->', this.pos + 4);
        if (end < 0) throw this.error('unterminated comment', this.pos);
        this.comments.push({ startIndex: this.pos, endIndex: end + 3, inner: this.text.slice(this.pos + 4, end) });
        this.pos = end + 3;
      } else if (this.text.startsWith('<?', this.pos)) {
        const end = this.text.indexOf('?>', this.pos + 2);
        if (end < 0) throw this.error('unterminated processing instruction', this.pos);
        this.pos = end + 2;
      } else if (prolog && this.text.startsWith('<!DOCTYPE', this.pos)) {
        this.skipDoctype();
      } else {
        return;
      }
    }
  }

  private skipDoctype(): void {
    const start = this.pos;
    let depth = 0;
    let quote: string | undefined;
    for (this.pos += 9; this.pos < this.text.length; this.pos++) {
      const ch = this.text[this.pos];
      if (quote) { if (ch === quote) quote = undefined; continue; }
      if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '[') depth++;
      else if (ch === ']') depth--;
      else if (ch === '>' && depth <= 0) { this.pos++; return; }
    }
    throw this.error('unterminated <!DOCTYPE>', start);
  }

  private peekTag(): { name: string; start: number; selfClosing: boolean; closing: boolean } | undefined {
    if (this.text[this.pos] !== '<') return undefined;
    const closing = this.text[this.pos + 1] === '/';
    NAME.lastIndex = this.pos + (closing ? 2 : 1);
    const match = NAME.exec(this.text);
    if (!match) return undefined;
    const end = this.text.indexOf('>', NAME.lastIndex);
    const selfClosing = end > 0 && this.text[end - 1] === '/';
    return { name: match[0], start: this.pos, selfClosing, closing };
  }

  /** Reads `<name attr="…">` or `<name/>`; returns the tag's name and whether it closed itself. */
  private readOpenTag(): { name: string; start: number; selfClosing: boolean } {
    const start = this.pos;
    const tag = this.peekTag();
    if (!tag || tag.closing) throw this.error('expected an element', start);
    let quote: string | undefined;
    for (this.pos = start + 1 + tag.name.length; this.pos < this.text.length; this.pos++) {
      const ch = this.text[this.pos];
      if (quote) { if (ch === quote) quote = undefined; continue; }
      if (ch === '"' || ch === "'") quote = ch;
      else if (ch === '<') break;
      else if (ch === '>') {
        this.pos++;
        return { name: tag.name, start, selfClosing: this.text[this.pos - 2] === '/' };
      }
    }
    throw this.error(`unterminated <${tag.name}> tag`, start);
  }

  private expectClose(name: string): void {
    const start = this.pos;
    const tag = this.peekTag();
    if (!tag?.closing || tag.name !== name) {
      const found = tag ? `<${tag.closing ? '/' : ''}${tag.name}>` : this.pos >= this.text.length ? 'the end of the file' : 'text';
      throw this.error(`expected </${name}> but found ${found}`, start);
    }
    const end = this.text.indexOf('>', this.pos);
    this.pos = end + 1;
  }

  /** Text content up to the closing tag, with entities and CDATA sections decoded. */
  private textContent(name: string, openStart: number): string {
    let out = '';
    for (;;) {
      if (this.pos >= this.text.length) throw this.error(`<${name}> is never closed`, openStart);
      const ch = this.text[this.pos];
      if (ch === '<') {
        if (this.text.startsWith('<![CDATA[', this.pos)) {
          const end = this.text.indexOf(']]>', this.pos + 9);
          if (end < 0) throw this.error('unterminated CDATA section', this.pos);
          out += this.text.slice(this.pos + 9, end);
          this.pos = end + 3;
          continue;
        }
        if (this.text.startsWith('<!--', this.pos)) {
          const end = this.text.indexOf('-->', this.pos + 4);
          if (end < 0) throw this.error('unterminated comment', this.pos);
          this.pos = end + 3;
          continue;
        }
        this.expectClose(name);
        return out;
      }
      if (ch === '&') {
        const semi = this.text.indexOf(';', this.pos);
        const entity = semi > 0 && semi - this.pos <= 10 ? this.text.slice(this.pos + 1, semi) : '';
        let decoded: string | undefined = ENTITIES[entity];
        if (decoded === undefined && /^#x[0-9a-f]+$/i.test(entity)) decoded = safeCodePoint(parseInt(entity.slice(2), 16));
        else if (decoded === undefined && /^#[0-9]+$/.test(entity)) decoded = safeCodePoint(parseInt(entity.slice(1), 10));
        if (decoded === undefined) throw this.error(`unknown entity "&${entity || this.text.slice(this.pos + 1, this.pos + 6)}"`, this.pos);
        out += decoded;
        this.pos = semi + 1;
        continue;
      }
      out += ch;
      this.pos++;
    }
  }

  private value(depth: number): PlistValue {
    if (depth > Parser.MAX_DEPTH) throw this.error('the property list nests too deeply', this.pos);
    const start = this.pos;
    const tag = this.peekTag();
    if (!tag || tag.closing) {
      throw this.error(this.pos >= this.text.length ? 'unexpected end of file: expected a value' : 'expected a value element (<dict>, <array>, <string>, …)', start);
    }
    const open = this.readOpenTag();
    const range = (): PlistRange => ({ startIndex: start, endIndex: this.pos });
    switch (open.name) {
      case 'dict': return this.dict(open.selfClosing, start, depth);
      case 'array': {
        const array: PlistArray = { type: 'array', items: [] };
        if (!open.selfClosing) {
          for (;;) {
            this.skipMisc(false);
            const next = this.peekTag();
            if (next?.closing) break;
            array.items.push(this.value(depth + 1));
          }
          this.expectClose('array');
        }
        array.range = range();
        return array;
      }
      case 'string': {
        const value = open.selfClosing ? '' : this.textContent('string', start);
        return { type: 'string', value, range: range() };
      }
      case 'true':
      case 'false':
        if (!open.selfClosing) {
          this.skipMisc(false);
          this.expectClose(open.name);
        }
        return { type: 'boolean', value: open.name === 'true', range: range() };
      case 'integer':
      case 'real': {
        const raw = open.selfClosing ? '' : this.textContent(open.name, start).trim();
        const value = open.name === 'integer' ? parseInteger(raw) : Number(raw);
        if (Number.isNaN(value) && !/^[+-]?(nan|inf(inity)?)$/i.test(raw)) throw this.error(`<${open.name}> holds "${raw}", which is not a number`, start);
        return { type: open.name, value, range: range() };
      }
      case 'date':
      case 'data': {
        const value = open.selfClosing ? '' : this.textContent(open.name, start).trim();
        return { type: open.name, value, range: range() };
      }
      case 'key':
        throw this.error('a <key> outside a <dict>', start);
      default:
        throw this.error(`<${open.name}> is not a property list element`, start);
    }
  }

  private dict(selfClosing: boolean, start: number, depth: number): PlistDict {
    const dict: PlistDict = { type: 'dict', entries: [] };
    if (!selfClosing) {
      for (;;) {
        this.skipMisc(false);
        const next = this.peekTag();
        if (next?.closing) break;
        const keyStart = this.pos;
        if (next?.name !== 'key') {
          throw this.error(next ? `expected <key> in <dict> but found <${next.name}>` : this.pos >= this.text.length ? '<dict> is never closed' : 'expected <key> in <dict>', keyStart);
        }
        const open = this.readOpenTag();
        const key = open.selfClosing ? '' : this.textContent('key', keyStart);
        const keyRange = { startIndex: keyStart, endIndex: this.pos };
        this.skipMisc(false);
        const after = this.peekTag();
        if (!after || after.closing) throw this.error(`<key>${key}</key> has no value`, keyStart);
        const entry: PlistEntry = { key, keyRange, value: this.value(depth + 1) };
        dict.entries.push(entry);
      }
      this.expectClose('dict');
    }
    dict.range = { startIndex: start, endIndex: this.pos };
    return dict;
  }
}

function safeCodePoint(code: number): string | undefined {
  return code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
}

function parseInteger(raw: string): number {
  if (/^[+-]?0x[0-9a-f]+$/i.test(raw)) return (raw.startsWith('-') ? -1 : 1) * parseInt(raw.replace(/^[+-]/, ''), 16);
  return /^[+-]?\d+$/.test(raw) ? Number(raw) : NaN;
}

/** Parses an XML property list; positions are UTF-16 offsets into `text`. */
export function parseXmlPlist(text: string): XmlPlistResult {
  const parser = new Parser(text);
  try {
    const root = parser.parse();
    return { ok: true, root, comments: parser.comments };
  } catch (err) {
    if (err instanceof PlistSyntaxError) return { ok: false, message: err.message, index: err.index };
    return { ok: false, message: err instanceof Error ? err.message : String(err), index: 0 };
  }
}
