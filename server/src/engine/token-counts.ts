// How often each identifier-shaped token occurs in a document, kept up to date edit by edit for the rule prefilter.

const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/g;

/** Calls `visit` for each identifier-shaped token of `text` between `start` and `end` (code, strings and comments alike). */
export function forEachToken(text: string, visit: (token: string) => void, start = 0, end = text.length): void {
  const slice = start === 0 && end === text.length ? text : text.slice(start, end);
  IDENTIFIER.lastIndex = 0;
  for (let match = IDENTIFIER.exec(slice); match; match = IDENTIFIER.exec(slice)) visit(match[0]);
}

/** The distinct identifier-shaped tokens of a text. */
export function identifierTokens(text: string, start = 0, end = text.length): Set<string> {
  const tokens = new Set<string>();
  forEachToken(text, (token) => tokens.add(token), start, end);
  return tokens;
}

/** A multiset of tokens: after an edit, the old span's tokens are removed and the new span's added (no rescan). */
export class TokenCounts {
  private readonly counts = new Map<string, number>();

  static of(text: string): TokenCounts {
    const counts = new TokenCounts();
    counts.add(text, 0, text.length, 1);
    return counts;
  }

  /** Adds (`sign` 1) or removes (`sign` -1) the tokens of `text[start, end)`; the span must not cut a token. */
  add(text: string, start: number, end: number, sign: 1 | -1): void {
    forEachToken(text, (token) => {
      const next = (this.counts.get(token) ?? 0) + sign;
      if (next > 0) this.counts.set(token, next);
      else this.counts.delete(token);
    }, start, end);
  }

  has(token: string): boolean { return this.counts.has(token); }

  hasPrefix(prefix: string): boolean {
    for (const token of this.counts.keys()) if (token.startsWith(prefix)) return true;
    return false;
  }
}

/** True when one of `triggers` occurs among `tokens` (a trigger ending in `*` is a prefix, e.g. `Apple80211*`). */
export function mentionsTrigger(triggers: readonly string[], tokens: ReadonlySet<string> | TokenCounts): boolean {
  for (const trigger of triggers) {
    if (!trigger.endsWith('*')) {
      if (tokens.has(trigger)) return true;
      continue;
    }
    const prefix = trigger.slice(0, -1);
    if (tokens instanceof TokenCounts) {
      if (tokens.hasPrefix(prefix)) return true;
    } else {
      for (const token of tokens) if (token.startsWith(prefix)) return true;
    }
  }
  return false;
}

/**
 * Answers "does this text mention one of these triggers?" for many texts (a trigger ending in `*` matches tokens
 * starting with the rest). Built once per rule set: this is the CLI's prefilter, run on every file, so it stops at
 * the first hit and does no per-file setup.
 */
export class TriggerMatcher {
  /**
   * One alternation for all triggers: V8 runs it ~4× faster than tokenising the text and looking tokens up. It may
   * match a little more than the tokeniser would (a trigger right after a digit, as in `a9MCSession`), never less:
   * a prefilter may let a file through for nothing, but must never hide a finding.
   */
  private readonly pattern: RegExp | undefined;

  constructor(triggers: Iterable<string>) {
    const exact: string[] = [];
    const prefixes: string[] = [];
    const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    for (const t of triggers) {
      if (t.endsWith('*')) prefixes.push(escape(t.slice(0, -1)));
      else exact.push(escape(t));
    }
    const alternatives = [
      ...(exact.length ? [`(?:${exact.join('|')})(?![A-Za-z0-9_])`] : []),
      ...(prefixes.length ? [`(?:${prefixes.join('|')})`] : []),
    ];
    this.pattern = alternatives.length ? new RegExp(`(?<![A-Za-z_])(?:${alternatives.join('|')})`) : undefined;
  }

  matches(text: string): boolean {
    return this.pattern?.test(text) ?? false;
  }
}

/** One-off form of TriggerMatcher (tests, single texts). */
export function mentionsAnyToken(text: string, triggers: ReadonlySet<string>): boolean {
  return new TriggerMatcher(triggers).matches(text);
}
