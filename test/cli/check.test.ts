// The CLI as CI uses it: exit codes, text/JSON/GitHub output, skipped folders, usage errors.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { FIXTURES, runCli } from '../helpers/cli';

const PROJECT = path.join(FIXTURES, 'cli', 'project');
const CLEAN = path.join(FIXTURES, 'cli', 'clean');

describe('netadvisor check', function () {
  this.timeout(180000);

  it('prints one line per finding and exits 1 when a warning is found', () => {
    const run = runCli(['check', '.'], PROJECT);
    assert.equal(run.status, 1, run.stderr);
    const lines = run.stdout.split('\n');
    assert.ok(lines.includes('Sources/Chat.swift:1:1: info Multipeer Connectivity is deprecated and has no flow control; move peer-to-peer networking to Network framework (NWListener, NWBrowser, NWConnection). [mpc-framework-use]'), run.stdout);
    assert.ok(lines.some((l) => l.startsWith('Sources/Chat.swift:4:110: warning ') && l.endsWith('[mpc-encryption-optional]')), run.stdout);
    assert.ok(lines.some((l) => l.startsWith('Sources/Peer.m:1:1: info ') && l.endsWith('[mpc-framework-use]')), run.stdout);
    assert.ok(!run.stdout.includes('Vendored.swift'), 'Pods/ is skipped');
    assert.ok(!run.stdout.includes('notes.txt'), 'non-source files are not analysed');
    assert.ok(run.stdout.includes('3 findings (1 warning, 2 info) in 2 of 3 files checked.'), run.stdout);
  });

  it('exits 0 on a clean project and says so', () => {
    const run = runCli(['check'], CLEAN);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /No findings in 1 file\./);
  });

  it('--fail-on decides the exit code', () => {
    assert.equal(runCli(['check', '.', '--fail-on', 'error'], PROJECT).status, 0);
    assert.equal(runCli(['check', '.', '--fail-on', 'info'], PROJECT).status, 1);
    assert.equal(runCli(['check', '.', '--fail-on', 'never'], PROJECT).status, 0);
  });

  it('--rule changes a severity and turns rules off', () => {
    const run = runCli(['check', '.', '--format', 'json', '--rule', 'mpc-encryption-optional=off', '--rule', 'mpc-framework-use=error'], PROJECT);
    const json = JSON.parse(run.stdout) as { findings: { ruleId: string; severity: string }[] };
    assert.deepEqual(json.findings.map((f) => `${f.ruleId}:${f.severity}`), ['mpc-framework-use:error', 'mpc-framework-use:error']);
    assert.equal(run.status, 1);
  });

  it('writes JSON with 1-based positions and article links', () => {
    const run = runCli(['check', 'Sources/Chat.swift', '--format', 'json'], PROJECT);
    const json = JSON.parse(run.stdout) as { findings: Record<string, unknown>[]; summary: Record<string, number> };
    assert.deepEqual(json.summary, { filesChecked: 1, findings: 2 });
    const optional = json.findings.find((f) => f.ruleId === 'mpc-encryption-optional')!;
    assert.deepEqual(
      { path: optional.path, line: optional.line, column: optional.column, endLine: optional.endLine, endColumn: optional.endColumn, severity: optional.severity, deprecated: optional.deprecated },
      { path: 'Sources/Chat.swift', line: 4, column: 110, endLine: 4, endColumn: 119, severity: 'warning', deprecated: true },
    );
    assert.match(String(optional.articleUri), /^file:\/\/.*\/knowledge\/articles\/mpc-encryption-optional\.md$/);
  });

  it('writes GitHub workflow annotations', () => {
    const run = runCli(['check', 'Sources/Chat.swift', '--format', 'github'], PROJECT);
    const lines = run.stdout.trim().split('\n');
    assert.equal(lines.length, 2);
    assert.ok(lines[0].startsWith('::notice file=Sources/Chat.swift,line=1,col=1,endLine=1,endColumn=29,title=NetAdvisor mpc-framework-use::Multipeer Connectivity'), lines[0]);
    assert.ok(lines[1].startsWith('::warning file=Sources/Chat.swift,line=4,col=110,endLine=4,endColumn=119,title=NetAdvisor mpc-encryption-optional::'), lines[1]);
  });

  for (const [args, message] of [
    [['check', '--format', 'xml'], /--format must be one of text, json, sarif, github \(got "xml"\)/],
    [['check', '--fail-on', 'sometimes'], /--fail-on must be one of/],
    [['check', 'does-not-exist'], /no such file or folder: does-not-exist/],
    [['check', '--rule', 'no-such-rule=error'], /unknown rule id "no-such-rule"/],
    [['check', '--rule', 'mpc-framework-use=loud'], /severity must be off, hint, info, warning or error/],
    [['check', '--bogus'], /Unknown option '--bogus'/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['explain'], /explain needs a rule id/],
    [['explain', 'no-such-thing'], /nothing is known about "no-such-thing"/],
  ] as const) {
    it(`exits 2 with a clear message: ${args.join(' ')}`, () => {
      const run = runCli([...args], PROJECT);
      assert.equal(run.status, 2);
      assert.match(run.stderr, message);
      assert.equal(run.stdout, '');
    });
  }
});

describe('netadvisor rules and explain', function () {
  this.timeout(180000);

  it('lists every rule as JSON with its metadata', () => {
    const run = runCli(['rules', '--format', 'json'], PROJECT);
    assert.equal(run.status, 0);
    const rules = JSON.parse(run.stdout) as { id: string; defaultSeverity: string; deprecated: boolean; languages: string[] }[];
    const mpc = rules.find((r) => r.id === 'mpc-framework-use');
    assert.deepEqual({ ...mpc, deprecatedSince: undefined, title: undefined }, {
      id: 'mpc-framework-use', title: undefined, languages: ['swift', 'objc'], defaultSeverity: 'info', confidence: 'high',
      article: 'mpc-framework-use', deprecated: true, deprecatedSince: undefined, aliases: ['mpc-framework-deprecated'],
    });
    assert.ok(rules.length >= 10);
  });

  it('explains a rule with its article (at least a screen of guidance)', () => {
    const run = runCli(['explain', 'nw-send-without-flow-control'], PROJECT);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^Rule nw-send-without-flow-control: /);
    assert.match(run.stdout, /## What to do instead/);
    assert.ok(run.stdout.split('\n').length >= 40, `only ${run.stdout.split('\n').length} lines`);
  });

  it('explains an API symbol through its hover card', () => {
    const run = runCli(['explain', 'MCSession'], PROJECT);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^MCSession/);
  });
});
