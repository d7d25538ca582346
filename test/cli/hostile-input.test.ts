// Files a linter meets in real workspaces: binary, oversized, invalid UTF-8, empty, CRLF, odd names, symlink loops.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../helpers/cli';

describe('netadvisor check on hostile input', function () {
  this.timeout(180000);
  let dir: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netadvisor-hostile-'));
    fs.writeFileSync(path.join(dir, 'Binary.swift'), Buffer.from([0x69, 0x6d, 0x00, 0x01, 0x02, 0xff]));
    fs.writeFileSync(path.join(dir, 'Huge.swift'), `import MultipeerConnectivity\n${'// padding\n'.repeat(2000)}`);
    fs.writeFileSync(path.join(dir, 'Latin1.swift'), Buffer.concat([Buffer.from('// caf'), Buffer.from([0xe9]), Buffer.from('\nimport MultipeerConnectivity\n')]));
    fs.writeFileSync(path.join(dir, 'Empty.swift'), '');
    fs.writeFileSync(path.join(dir, 'Crlf.m'), '// header\r\n@import MultipeerConnectivity;\r\n');
    fs.writeFileSync(path.join(dir, 'Ünïcode name.swift'), 'import MultipeerConnectivity\n');
    fs.mkdirSync(path.join(dir, 'loop'));
    fs.symlinkSync(dir, path.join(dir, 'loop', 'back'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('skips binary and oversized files with a reason, analyses the rest, and finishes', () => {
    const run = runCli(['check', '.', '--format', 'json', '--max-file-size', '10000'], dir);
    assert.equal(run.status, 0, run.stderr);
    const json = JSON.parse(run.stdout) as { findings: { path: string; line: number; column: number }[]; skipped: { path: string; reason: string }[]; notes: { path: string }[] };
    assert.deepEqual(json.skipped.map((s) => s.path).sort(), ['Binary.swift', 'Huge.swift']);
    assert.match(json.skipped.find((s) => s.path === 'Binary.swift')!.reason, /binary file/);
    assert.match(json.skipped.find((s) => s.path === 'Huge.swift')!.reason, /larger than the 10 KB limit/);
    assert.deepEqual(json.findings.map((f) => `${f.path}:${f.line}:${f.column}`).sort(), ['Crlf.m:2:1', 'Latin1.swift:2:1', 'Ünïcode name.swift:1:1']);
    assert.deepEqual(json.notes.map((n) => n.path), ['Latin1.swift']);
    assert.match(run.stderr, /skipped Binary\.swift: binary file/);
  });

  it('lists skipped files in SARIF notifications', () => {
    const run = runCli(['check', '.', '--format', 'sarif', '--max-file-size', '10000'], dir);
    const log = JSON.parse(run.stdout) as { runs: { invocations: { toolExecutionNotifications: { message: { text: string } }[] }[] }[] };
    const texts = log.runs[0].invocations[0].toolExecutionNotifications.map((n) => n.message.text);
    assert.ok(texts.some((t) => t.startsWith('skipped Binary.swift: binary file')), texts.join('\n'));
  });
});
