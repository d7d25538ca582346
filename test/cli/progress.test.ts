// The `netadvisor check` progress line: exact output and throttling, and silence in CI, pipes, JSON and with --no-progress.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { Io } from '../../server/src/cli/commands';
import { main } from '../../server/src/cli/main';
import { ProgressLine, wantsProgress } from '../../server/src/cli/progress';
import { runCli } from '../helpers/cli';
import { tempProject } from '../helpers/temp-project';

function fakeTerminal() {
  const written: string[] = [];
  let time = 1000;
  return { stream: { isTTY: true, write: (s: string) => { written.push(s); } }, written, clock: () => time, advance: (ms: number) => { time += ms; } };
}

describe('check progress line', function () {
  this.timeout(120000);

  it('draws at most one update per 100 ms and erases the line at the end', () => {
    const t = fakeTerminal();
    const line = new ProgressLine(t.stream, t.clock);
    line.update(0, 5000);
    t.advance(50);
    line.update(1, 5000); // 50 ms after the last draw: skipped
    t.advance(49);
    line.update(2, 5000); // 99 ms: still skipped
    t.advance(1);
    line.update(1234, 5000);
    t.advance(250);
    line.update(5000, 5000);
    line.finish();
    line.finish(); // nothing left to erase
    assert.deepEqual(t.written, ['\rChecking 0/5000 files…', '\rChecking 1234/5000 files…', '\rChecking 5000/5000 files…', '\r\x1b[K']);
  });

  it('erases nothing when nothing was drawn', () => {
    const t = fakeTerminal();
    new ProgressLine(t.stream, t.clock).finish();
    assert.deepEqual(t.written, []);
  });

  it('is wanted only for text output to a terminal outside CI without --no-progress', () => {
    const tty = { isTTY: true, write: () => undefined };
    assert.equal(wantsProgress({ format: 'text', stream: tty, env: {} }), true);
    assert.equal(wantsProgress({ format: 'text', stream: tty, env: { CI: 'true' } }), false);
    assert.equal(wantsProgress({ format: 'text', stream: { write: () => undefined }, env: {} }), false);
    assert.equal(wantsProgress({ format: 'json', stream: tty, env: {} }), false);
    assert.equal(wantsProgress({ format: 'text', stream: tty, env: {}, noProgress: true }), false);
  });

  describe('netadvisor check', () => {
    let dir: string;
    before(() => { dir = tempProject({ 'A.swift': 'import MultipeerConnectivity\n', 'B.swift': 'let b = 1\n' }); });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    async function check(args: string[], options: { stderrIsTTY: boolean; env: NodeJS.ProcessEnv }): Promise<string> {
      let stderr = '';
      const io: Io = { cwd: dir, stdout: () => undefined, stderr: (s) => { stderr += s; }, isTTY: false, knowledge: () => undefined, ...options };
      assert.equal(await main(['check', '.', '--fail-on', 'never', ...args], io), 0);
      return stderr;
    }

    it('shows the line on a terminal and erases it before the report', async () => {
      // Later updates depend on how long loading the grammar takes; the first is drawn at once.
      assert.match(await check([], { stderrIsTTY: true, env: {} }), /^\rChecking 0\/2 files…(\rChecking [12]\/2 files…)*\r\x1b\[K$/);
    });

    it('prints no progress with CI set, on a pipe, with --no-progress or with JSON output', async () => {
      assert.equal(await check([], { stderrIsTTY: true, env: { CI: 'true' } }), '');
      assert.equal(await check([], { stderrIsTTY: false, env: {} }), '');
      assert.equal(await check(['--no-progress'], { stderrIsTTY: true, env: {} }), '');
      assert.equal(await check(['--format', 'json'], { stderrIsTTY: true, env: {} }), '');
    });

    it('the bundled CLI writes no \\r to stderr in CI', () => {
      const run = runCli(['check', '.', '--fail-on', 'never'], dir, { CI: 'true' });
      assert.equal(run.status, 0, run.stderr);
      assert.ok(!run.stderr.includes('\r'), JSON.stringify(run.stderr));
      assert.match(run.stdout, /1 finding/);
    });

    it('--help documents --no-progress', async () => {
      let out = '';
      await main(['--help'], { cwd: dir, stdout: (s) => { out += s; }, stderr: () => undefined, isTTY: false, env: {}, knowledge: () => undefined });
      assert.match(out, /\[--no-progress\]/);
    });
  });
});
