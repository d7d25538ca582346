// Old-style (OpenStep) ASCII property lists, the format of Xcode's project.pbxproj, with positions.
// Never throws: a malformed file yields an error with its offset.

export type OsValue = OsString | OsArray | OsDict;

export interface OsString { kind: 'string'; value: string; start: number; end: number }
export interface OsArray { kind: 'array'; items: OsValue[]; start: number; end: number }
export interface OsDict {
  kind: 'dict';
  entries: Map<string, OsEntry>;
  /** `{` and one past `}`. */
  start: number;
  end: number;
}
export interface OsEntry {
  key: string;
  keyStart: number;
  value: OsValue;
  /** One past the `;` that ends the entry. */
  end: number;
}

export type OpenStepResult = { ok: true; root: OsValue } | { ok: false; message: string; index: number };

class OsSyntaxError extends Error {
  constructor(message: string, readonly index: number) { super(message); }
}

const UNQUOTED = /[A-Za-z0-9_$+/:.\-]/;

class Parser {
  private pos = 0;
  constructor(private readonly text: string) {}

  parse(): OsValue {
    this.skip();
    const value = this.value(0);
    this.skip();
    if (this.pos < this.text.length) throw new OsSyntaxError('unexpected content after the end of the property list', this.pos);
    return value;
  }

  private skip(): void {
    for (;;) {
      while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) this.pos++;
      if (this.text.startsWith('//', this.pos)) {
        const end = this.text.indexOf('\n', this.pos);
        this.pos = end < 0 ? this.text.length : end + 1;
      } else if (this.text.startsWith('/*', this.pos)) {
        const end = this.text.indexOf('*/', this.pos + 2);
        if (end < 0) throw new OsSyntaxError('unterminated comment', this.pos);
        this.pos = end + 2;
      } else {
        return;
      }
    }
  }

  private value(depth: number): OsValue {
    if (depth > 256) throw new OsSyntaxError('the property list nests too deeply', this.pos);
    const ch = this.text[this.pos];
    if (ch === '{') return this.dict(depth);
    if (ch === '(') return this.array(depth);
    return this.string();
  }

  private string(): OsString {
    const start = this.pos;
    const ch = this.text[this.pos];
    if (ch === '"' || ch === "'") {
      let value = '';
      this.pos++;
      while (this.pos < this.text.length && this.text[this.pos] !== ch) {
        if (this.text[this.pos] === '\\') {
          const next = this.text[this.pos + 1];
          this.pos += 2;
          if (next === 'n') value += '\n';
          else if (next === 't') value += '\t';
          else if (next === 'r') value += '\r';
          else if (next === 'U' || next === 'u') {
            const hex = /^[0-9a-fA-F]{4}/.exec(this.text.slice(this.pos));
            if (hex) { value += String.fromCharCode(parseInt(hex[0], 16)); this.pos += 4; } else value += next;
          } else if (next !== undefined) value += next;
        } else {
          value += this.text[this.pos++];
        }
      }
      if (this.pos >= this.text.length) throw new OsSyntaxError('unterminated quoted string', start);
      this.pos++;
      return { kind: 'string', value, start, end: this.pos };
    }
    if (ch === '<') {
      // <hex data>: kept as its text.
      const end = this.text.indexOf('>', this.pos);
      if (end < 0) throw new OsSyntaxError('unterminated <data>', start);
      this.pos = end + 1;
      return { kind: 'string', value: this.text.slice(start, this.pos), start, end: this.pos };
    }
    while (this.pos < this.text.length && UNQUOTED.test(this.text[this.pos])) this.pos++;
    if (this.pos === start) {
      throw new OsSyntaxError(this.pos >= this.text.length ? 'unexpected end of file' : `unexpected "${this.text[this.pos]}"`, start);
    }
    return { kind: 'string', value: this.text.slice(start, this.pos), start, end: this.pos };
  }

  private array(depth: number): OsArray {
    const start = this.pos++;
    const items: OsValue[] = [];
    for (;;) {
      this.skip();
      if (this.text[this.pos] === ')') break;
      items.push(this.value(depth + 1));
      this.skip();
      if (this.text[this.pos] === ',') { this.pos++; continue; }
      if (this.text[this.pos] !== ')') throw new OsSyntaxError('expected "," or ")" in an array', this.pos);
    }
    this.pos++;
    return { kind: 'array', items, start, end: this.pos };
  }

  private dict(depth: number): OsDict {
    const start = this.pos++;
    const entries = new Map<string, OsEntry>();
    for (;;) {
      this.skip();
      if (this.text[this.pos] === '}') break;
      if (this.pos >= this.text.length) throw new OsSyntaxError('a dictionary is never closed', start);
      const key = this.string();
      this.skip();
      if (this.text[this.pos] !== '=') throw new OsSyntaxError(`expected "=" after "${key.value}"`, this.pos);
      this.pos++;
      this.skip();
      const value = this.value(depth + 1);
      this.skip();
      if (this.text[this.pos] !== ';') throw new OsSyntaxError(`expected ";" after the value of "${key.value}"`, this.pos);
      this.pos++;
      entries.set(key.value, { key: key.value, keyStart: key.start, value, end: this.pos });
    }
    this.pos++;
    return { kind: 'dict', entries, start, end: this.pos };
  }
}

export function parseOpenStep(text: string): OpenStepResult {
  try {
    return { ok: true, root: new Parser(text).parse() };
  } catch (err) {
    if (err instanceof OsSyntaxError) return { ok: false, message: err.message, index: err.index };
    return { ok: false, message: err instanceof Error ? err.message : String(err), index: 0 };
  }
}

// ── Accessors ────────────────────────────────────────────────────────────────────────────────────

export function osDict(value: OsValue | undefined): OsDict | undefined {
  return value?.kind === 'dict' ? value : undefined;
}

export function osString(value: OsValue | undefined): string | undefined {
  return value?.kind === 'string' ? value.value : undefined;
}

export function osStrings(value: OsValue | undefined): string[] {
  if (value?.kind === 'string') return [value.value];
  return value?.kind === 'array' ? value.items.flatMap((i) => (i.kind === 'string' ? [i.value] : [])) : [];
}

export function osGet(dict: OsDict | undefined, key: string): OsValue | undefined {
  return dict?.entries.get(key)?.value;
}
