// The engine's contract: one walk dispatching by node type, exit visitors, rule isolation, severities, ranges.
import * as assert from 'node:assert/strict';
import { Linter } from '../../server/src/engine/linter';
import { RuleRegistry } from '../../server/src/rules/registry';
import { defineRule, type RuleDefinition } from '../../server/src/rules/rule';
import { loadedGrammars } from '../helpers/grammars';

function probeRule(overrides: Partial<RuleDefinition>): RuleDefinition {
  return defineRule({
    id: 'test-probe', title: 'probe', languages: ['swift', 'objc', 'c'], defaultSeverity: 'warning', confidence: 'high',
    article: 'test', sources: [], messages: { found: 'found {{name}}' }, create: () => ({}), examples: {}, ...overrides,
  });
}

describe('engine', () => {
  let grammars: Awaited<ReturnType<typeof loadedGrammars>>;
  before(async () => { grammars = await loadedGrammars(); });

  it('visits each node of a requested type once, in document order, with exit after children', () => {
    const events: string[] = [];
    const rule = probeRule({
      create: () => ({
        call_expression: (node) => events.push(`enter ${node.text.split('(')[0]}`),
        'call_expression:exit': (node) => events.push(`exit ${node.text.split('(')[0]}`),
        'file:exit': () => events.push('file'),
      }),
    });
    const linter = new Linter(grammars, new RuleRegistry([rule]));
    linter.lintText('outer(inner(1))\nlast()', 'swift');
    assert.deepEqual(events, ['enter outer', 'enter inner', 'exit inner', 'exit outer', 'enter last', 'exit last', 'file']);
  });

  it('reports exact ranges and fills message placeholders', () => {
    const rule = probeRule({ create: (ctx) => ({ simple_identifier: (node) => { if (node.text === 'target') ctx.report({ node, data: { name: node.text } }); } }) });
    const linter = new Linter(grammars, new RuleRegistry([rule]));
    const { findings } = linter.lintText('let a = 1\nlet b = target + 2', 'swift');
    assert.equal(findings.length, 1);
    assert.deepEqual(findings[0].range, { start: { line: 1, character: 8 }, end: { line: 1, character: 14 } });
    assert.equal(findings[0].message, 'found target');
    assert.equal(findings[0].severity, 'warning');
  });

  it('keeps ranges right with CRLF line endings and non-ASCII text', () => {
    const rule = probeRule({ create: (ctx) => ({ simple_identifier: (node) => { if (node.text === 'target') ctx.report({ node }); } }) });
    const linter = new Linter(grammars, new RuleRegistry([rule]));
    const { findings } = linter.lintText('let s = "héllo 😀"\r\nlet t = target', 'swift');
    assert.deepEqual(findings[0].range, { start: { line: 1, character: 8 }, end: { line: 1, character: 14 } });
  });

  it('isolates a rule that throws: its findings are dropped, the other rules still report', () => {
    const broken = probeRule({ id: 'test-broken', create: (ctx) => ({ simple_identifier: (node) => { ctx.report({ node }); throw new Error('boom'); } }) });
    const healthy = probeRule({ id: 'test-healthy', create: (ctx) => ({ simple_identifier: (node) => ctx.report({ node }) }) });
    const linter = new Linter(grammars, new RuleRegistry([broken, healthy]));
    const result = linter.lintText('let a = b', 'swift');
    assert.deepEqual(result.findings.map((f) => f.ruleId), ['test-healthy', 'test-healthy']);
    assert.equal(result.failures.length, 1);
    assert.equal(result.failures[0].ruleId, 'test-broken');
    assert.match(result.failures[0].message, /boom/);
  });

  it('isolates a rule whose create() throws', () => {
    const broken = probeRule({ id: 'test-broken', create: () => { throw new Error('bad setup'); } });
    const linter = new Linter(grammars, new RuleRegistry([broken]));
    assert.deepEqual(linter.lintText('let a = b', 'swift').failures.map((f) => f.ruleId), ['test-broken']);
  });

  it('skips rules that are off, enables opt-in rules by override, accepts aliases', () => {
    let created = 0;
    const optIn = probeRule({ id: 'test-opt-in', aliases: ['test-old-name'], defaultSeverity: 'off', create: (ctx) => { created++; return { simple_identifier: (node) => ctx.report({ node }) }; } });
    const linter = new Linter(grammars, new RuleRegistry([optIn]));
    assert.equal(linter.lintText('x', 'swift').findings.length, 0);
    assert.equal(created, 0, 'an off rule is never instantiated');
    assert.deepEqual(linter.lintText('x', 'swift', { severities: { 'test-old-name': 'error' } }).findings.map((f) => f.severity), ['error']);
    assert.deepEqual(linter.lintText('x', 'swift', { severities: { 'test-opt-in': 'information' } }).findings.map((f) => f.severity), ['info']);
  });

  it('runs only rules declared for the language', () => {
    const swiftOnly = probeRule({ languages: ['swift'], create: (ctx) => ({ identifier: (node) => ctx.report({ node }) }) });
    const linter = new Linter(grammars, new RuleRegistry([swiftOnly]));
    assert.equal(linter.lintText('int x = y;', 'c').findings.length, 0);
  });

  it('survives 100,000 nested parentheses without a stack overflow', () => {
    const rule = probeRule({ create: (ctx) => ({ 'file:exit': () => ctx.report({ range: { startIndex: 0, endIndex: 1 } }) }) });
    const linter = new Linter(grammars, new RuleRegistry([rule]));
    const deep = `int x = ${'('.repeat(100000)}1${')'.repeat(100000)};`;
    const result = linter.lintText(deep, 'c');
    assert.equal(result.findings.length, 1);
    assert.deepEqual(result.failures, []);
  });
});
