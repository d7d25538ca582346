// Differential test of incremental linting: after every random edit, the memo-assisted lint must equal a full lint.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Linter } from '../../server/src/engine/linter';
import { editSpan } from '../../server/src/engine/edit-span';
import { LintMemo } from '../../server/src/engine/lint-memo';
import type { LanguageId } from '../../server/src/parse/languages';
import { IncrementalDocument } from '../../server/src/parse/incremental';
import { defaultRegistry } from '../../server/src/rules/index';
import type { RuleExample } from '../../server/src/rules/rule';
import { REPO_ROOT } from '../helpers/lsp-session';
import { stripMarkers } from '../helpers/markers';
import { testLinter } from '../helpers/linter';

/** `npm run fuzz` raises the budget. */
const EDITS = Number(process.env.NETADVISOR_INCREMENTAL_EDITS ?? 40);

/** Every example of every rule in `language`, markers stripped. */
function examplesOf(language: LanguageId): string[] {
  const out: string[] = [];
  for (const rule of defaultRegistry.rules) {
    const examples = rule.examples[language];
    for (const example of [...(examples?.invalid ?? []), ...(examples?.valid ?? [])] as RuleExample[]) {
      out.push(stripMarkers(typeof example === 'string' ? example : example.code).code);
    }
  }
  return out;
}

/** A deterministic pseudo-random source, so a failure reproduces. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/** An edit an editor sends while someone types: a keystroke, a deleted or duplicated line, a pasted line. */
function randomEdit(text: string, next: () => number): { start: number; end: number; insert: string } {
  const lines = text.split('\n');
  const pick = (n: number) => Math.floor(next() * n);
  const lineStart = (line: number) => lines.slice(0, line).reduce((sum, l) => sum + l.length + 1, 0);
  const line = pick(lines.length);
  const start = lineStart(line);
  const kind = pick(5);
  if (kind === 0) {
    const at = start + pick(lines[line].length + 1);
    return { start: at, end: at, insert: 'x{}()"\n ;.'[pick(10)] };
  }
  if (kind === 1) return { start, end: Math.min(text.length, start + lines[line].length + 1), insert: '' };
  if (kind === 2) {
    const at = start + pick(lines[line].length + 1);
    return { start: at, end: Math.min(text.length, at + 1 + pick(3)), insert: '' };
  }
  // Paste a line from elsewhere in the document: connections, starts and sends move between items.
  return { start, end: start, insert: `${lines[pick(lines.length)]}\n` };
}

function positionAt(text: string, index: number): { line: number; character: number } {
  const before = text.slice(0, index).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

describe('incremental linting', function () {
  this.timeout(120000);
  let linter: Linter;
  // Every rule on, opt-in ones included.
  const severities = Object.fromEntries(defaultRegistry.rules.map((r) => [r.id, 'warning' as const]));
  before(async () => { linter = await testLinter(); });

  /** Applies random edits to `text` and compares the incremental result with a full lint after each one. */
  function checkEdits(language: LanguageId, text: string, seed: number, edits: number): { reused: number } {
    const document = new IncrementalDocument(linter.grammars, language, text);
    const memo = new LintMemo();
    linter.lint(document.tree, document.text, language, { severities }, memo);
    const next = random(seed);
    let reused = 0;
    try {
      for (let i = 0; i < edits; i++) {
        const before = document.text;
        const edit = randomEdit(before, next);
        document.applyChanges([{ range: { start: positionAt(before, edit.start), end: positionAt(before, edit.end) }, text: edit.insert }]);
        const incremental = linter.lint(document.tree, document.text, language, { severities }, memo);
        const full = linter.lint(document.tree, document.text, language, { severities });
        if (memo.lastWasIncremental) reused++;
        assert.deepEqual(incremental.findings, full.findings,
          `edit ${i} (seed ${seed}) replaced ${JSON.stringify(before.slice(edit.start, edit.end))} at ${edit.start} with ${JSON.stringify(edit.insert)}`);
      }
    } finally {
      document.dispose();
    }
    return { reused };
  }

  it('equals a full lint after each edit of a 800-line networking Swift file', async () => {
    const generator = pathToFileURL(path.join(REPO_ROOT, 'scripts/lib/generate-swift.mjs')).href;
    const { generateSwift } = (await import(generator)) as { generateSwift(lines: number): string };
    const { reused } = checkEdits('swift', generateSwift(800), 11, EDITS);
    // Most keystrokes land inside one type or function: the memo must actually be used.
    assert.ok(reused > EDITS / 2, `only ${reused} of ${EDITS} edits were incremental`);
  });

  for (const language of ['swift', 'objc', 'c'] as const) {
    it(`equals a full lint after each edit of a file made of every ${language} rule example`, () => {
      const examples = examplesOf(language);
      // Several documents of a few dozen examples each: findings of many rules sit in many items.
      for (let first = 0, seed = 1; first < examples.length; first += 60, seed++) {
        checkEdits(language, examples.slice(first, first + 60).join('\n\n'), seed, Math.ceil(EDITS / 4));
      }
    });
  }
});

describe('incremental linting: what an edit re-runs', () => {
  let linter: Linter;
  before(async () => { linter = await testLinter(); });

  /** Lints `before`, replaces `from` with `to`, lints again with the memo; returns the second result and the memo. */
  function lintAfterEdit(language: LanguageId, before: string, from: string, to: string, severities?: Record<string, 'warning'>) {
    const document = new IncrementalDocument(linter.grammars, language, before);
    const memo = new LintMemo();
    try {
      linter.lint(document.tree, document.text, language, { severities }, memo);
      const at = before.indexOf(from);
      assert.ok(at >= 0, `"${from}" is in the text`);
      document.applyChanges([{ range: { start: positionAt(before, at), end: positionAt(before, at + from.length) }, text: to }]);
      const result = linter.lint(document.tree, document.text, language, { severities }, memo);
      return { result, memo, text: document.text };
    } finally {
      document.dispose();
    }
  }

  it('re-runs an item-scoped rule on the whole file when top-level code mentions it', () => {
    // The top-level append is capped by the function below; deleting the cap (inside the function) must flag it.
    const before = [
      'let tls = NWProtocolTLS.Options()',
      'sec_protocol_options_append_tls_ciphersuite(tls.securityProtocolOptions, .ECDHE_RSA_WITH_AES_256_CBC_SHA384)',
      '',
      'func cap() {',
      '  sec_protocol_options_set_max_tls_protocol_version(tls.securityProtocolOptions, .TLSv12)',
      '}',
      '',
    ].join('\n');
    const severities = { 'tls-append-ciphersuite-no-effect': 'warning' as const };
    assert.deepEqual(linter.lintText(before, 'swift', { severities }).findings.filter((f) => f.ruleId === 'tls-append-ciphersuite-no-effect'), []);
    const { result, memo, text } = lintAfterEdit('swift', before, '  sec_protocol_options_set_max_tls_protocol_version(tls.securityProtocolOptions, .TLSv12)\n', '', severities);
    assert.equal(memo.lastWasIncremental, true);
    const flagged = result.findings.filter((f) => f.ruleId === 'tls-append-ciphersuite-no-effect');
    assert.deepEqual(flagged.map((f) => text.slice(f.startIndex, f.endIndex)), ['.ECDHE_RSA_WITH_AES_256_CBC_SHA384']);
  });

  it('keeps findings of untouched types, moved to their new lines', () => {
    const before = [
      'import Network',
      '',
      'final class A {',
      '  func ping(_ c: NWConnection) {',
      '    while true { c.send(content: nil, completion: .idempotent) }',
      '  }',
      '}',
      '',
      'final class B {',
      '  var count = 0',
      '}',
      '',
      'final class C {',
      '  func pong(_ c: NWConnection) {',
      '    while true { c.send(content: nil, completion: .idempotent) }',
      '  }',
      '}',
      '',
    ].join('\n');
    const { result, memo } = lintAfterEdit('swift', before, '  var count = 0\n', '  var count = 0\n  var other = 1\n  var third = 2\n');
    assert.equal(memo.lastWasIncremental, true);
    const sends = result.findings.filter((f) => f.ruleId === 'nw-send-without-flow-control');
    assert.deepEqual(sends.map((f) => f.range), [
      { start: { line: 4, character: 19 }, end: { line: 4, character: 23 } },
      { start: { line: 16, character: 19 }, end: { line: 16, character: 23 } },
    ]);
  });

  it('widens a keystroke to the items it touches, and to whole words', () => {
    const items = (...ranges: [number, number][]) => ranges.map(([start, end]) => ({ type: 'class_declaration', start, end }));
    const oldText = 'class A {}\nclass Bee {}\nclass C {}';
    const newText = 'class A {}\nclass Bxee {}\nclass C {}';
    assert.deepEqual(editSpan(oldText, newText, items([0, 10], [11, 23], [24, 34]), items([0, 10], [11, 24], [25, 35])),
      { oldStart: 11, oldEnd: 23, newStart: 11, newEnd: 24, delta: 1 });
    assert.equal(editSpan(oldText, oldText, items([0, 10]), items([0, 10])), undefined, 'no change');
  });

  it('finds the change in a long text (block comparison) exactly', () => {
    const item = (i: number) => `class C${String(i).padStart(4, '0')} {}\n`;
    const oldText = Array.from({ length: 400 }, (_, i) => item(i)).join('');
    const newText = oldText.replace('class C0200 {}', 'class C0200 { }');
    const items = (text: string) => [...text.matchAll(/class C\d{4} \{ ?\}/g)].map((m) => ({ type: 'class_declaration', start: m.index!, end: m.index! + m[0].length }));
    const start = oldText.indexOf('class C0200');
    assert.deepEqual(editSpan(oldText, newText, items(oldText), items(newText)),
      { oldStart: start, oldEnd: start + 'class C0200 {}'.length, newStart: start, newEnd: start + 'class C0200 { }'.length, delta: 1 });
  });

  it('gives up when items away from the edit moved (the edit changed how the rest parses)', () => {
    const items = (...ranges: [number, number][]) => ranges.map(([start, end]) => ({ type: 'class_declaration', start, end }));
    const oldText = 'class A {}\nclass Bee {}\nclass C {}';
    const newText = 'class A {}\nclass Bxee {}\nclass C {}';
    assert.equal(editSpan(oldText, newText, items([0, 10], [11, 23], [24, 34]), items([0, 9], [11, 24], [25, 35])), undefined);
  });
});
