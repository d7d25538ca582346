// The CLI with project configuration: .netadvisor.json rules and globs, broken files, baselines, aliases, reasons.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../helpers/cli';
import { tempProject, writeFiles } from '../helpers/temp-project';

const CHAT = 'import MultipeerConnectivity\n\nlet s = MCSession(peer: p, securityIdentity: nil, encryptionPreference: .optional)\n';

function findings(stdout: string): string[] {
  return (JSON.parse(stdout) as { findings: { path: string; line: number; ruleId: string }[] }).findings.map((f) => `${f.path}:${f.line}:${f.ruleId}`);
}

describe('netadvisor check with configuration', function () {
  this.timeout(180000);
  const roots: string[] = [];
  const project = (files: Record<string, string>) => { const r = tempProject(files); roots.push(r); return r; };
  after(() => roots.forEach((r) => fs.rmSync(r, { recursive: true, force: true })));

  it('applies the nearest .netadvisor.json per file, including aliases of renamed rules', () => {
    const root = project({
      'App/.netadvisor.json': '{ "rules": { "mpc-framework-deprecated": "off" } }',
      'App/Chat.swift': CHAT,
      'Other/Chat.swift': CHAT,
    });
    const run = runCli(['check', '.', '--format', 'json'], root);
    assert.deepEqual(findings(run.stdout), ['App/Chat.swift:3:mpc-encryption-optional', 'Other/Chat.swift:1:mpc-framework-use', 'Other/Chat.swift:3:mpc-encryption-optional']);
  });

  it('leaves out files matched by exclude globs', () => {
    const root = project({ '.netadvisor.json': '{ "exclude": ["Vendor/**"] }', 'Vendor/Chat.swift': CHAT, 'App/Chat.swift': CHAT });
    const run = runCli(['check', '.', '--format', 'json'], root);
    assert.ok(findings(run.stdout).every((f) => f.startsWith('App/')));
  });

  it('exits 2 naming the broken configuration file', () => {
    const root = project({ '.netadvisor.json': '{ "rules": { "mpc-framework-use": "loud" } }', 'Chat.swift': CHAT });
    const run = runCli(['check', '.'], root);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /configuration error: .*\.netadvisor\.json: rules\.mpc-framework-use: must be one of/);
  });

  it('writes a baseline, hides its findings, keeps them across moved lines, and reports only new ones', () => {
    const root = project({ 'Chat.swift': CHAT });
    const write = runCli(['check', '.', '--write-baseline', 'netadvisor-baseline.json'], root);
    assert.equal(write.status, 0, write.stderr);
    assert.match(write.stderr, /wrote 2 findings to netadvisor-baseline\.json/);

    writeFiles(root, { 'Chat.swift': `// moved down by a new comment\n\n${CHAT}` });
    const quiet = runCli(['check', '.', '--baseline', 'netadvisor-baseline.json', '--format', 'json'], root);
    assert.equal(quiet.status, 0, quiet.stdout);
    assert.deepEqual(findings(quiet.stdout), []);
    assert.equal((JSON.parse(quiet.stdout) as { summary: { baselined: number } }).summary.baselined, 2);

    writeFiles(root, { 'New.swift': 'let t = MCSession(peer: p, securityIdentity: nil, encryptionPreference: .optional)\n' });
    const fresh = runCli(['check', '.', '--baseline', 'netadvisor-baseline.json', '--format', 'json'], root);
    assert.equal(fresh.status, 1);
    assert.deepEqual(findings(fresh.stdout), ['New.swift:1:mpc-framework-use', 'New.swift:1:mpc-encryption-optional']);

    const sarif = JSON.parse(runCli(['check', '.', '--baseline', 'netadvisor-baseline.json', '--format', 'sarif'], root).stdout) as {
      runs: { results: { ruleId: string; baselineState: string; suppressions?: unknown[] }[] }[];
    };
    const states = sarif.runs[0].results.map((r) => `${r.baselineState}:${r.suppressions ? 'suppressed' : 'open'}`).sort();
    assert.deepEqual(states, ['new:open', 'new:open', 'unchanged:suppressed', 'unchanged:suppressed']);
  });

  it('uses the baseline named in the configuration file', () => {
    const root = project({ 'Chat.swift': CHAT });
    runCli(['check', '.', '--write-baseline', 'known.json'], root);
    writeFiles(root, { '.netadvisor.json': '{ "baseline": "known.json" }' });
    const run = runCli(['check', '.'], root);
    assert.equal(run.status, 0, run.stdout);
    assert.match(run.stdout, /2 baselined findings hidden/);
  });

  it('fixing a baselined finding drops it from the next written baseline', () => {
    const root = project({ 'Chat.swift': CHAT });
    runCli(['check', '.', '--write-baseline', 'b.json'], root);
    writeFiles(root, { 'Chat.swift': CHAT.replace('.optional', '.required') });
    runCli(['check', '.', '--write-baseline', 'b.json'], root);
    const baseline = JSON.parse(fs.readFileSync(path.join(root, 'b.json'), 'utf8')) as { findings: { ruleId: string }[] };
    assert.deepEqual(baseline.findings.map((f) => f.ruleId), ['mpc-framework-use']);
  });

  it('rejects a file that is not a baseline', () => {
    const root = project({ 'Chat.swift': CHAT, 'b.json': '{"hello": 1}' });
    const run = runCli(['check', '.', '--baseline', 'b.json'], root);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /b\.json is not a NetAdvisor baseline/);
  });

  it('--require-reason reports suppressions without a reason', () => {
    const root = project({ 'Chat.swift': '// netadvisor-disable-next-line mpc-framework-use\nimport MultipeerConnectivity\n' });
    assert.deepEqual(findings(runCli(['check', '.', '--format', 'json'], root).stdout), []);
    assert.deepEqual(findings(runCli(['check', '.', '--format', 'json', '--require-reason'], root).stdout), ['Chat.swift:1:netadvisor-suppression-reason-missing']);
  });
});
