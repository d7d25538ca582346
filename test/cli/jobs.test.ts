// netadvisor check on worker threads (--jobs): the same report as one thread, the same usage errors.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../helpers/cli';
import { REPO_ROOT } from '../helpers/lsp-session';

describe('netadvisor check --jobs', function () {
  this.timeout(120000);

  for (const format of ['json', 'sarif', 'text']) {
    it(`prints the same ${format} report on three threads as on one`, () => {
      const args = ['check', 'examples', 'test/fixtures/project-files', '--format', format, '--fail-on', 'never'];
      const one = runCli([...args, '--jobs', '1'], REPO_ROOT);
      const three = runCli([...args, '--jobs', '3'], REPO_ROOT);
      assert.equal(one.status, 0, one.stderr);
      assert.equal(three.status, 0, three.stderr);
      assert.ok(one.stdout.length > 1000, 'a real report');
      assert.equal(three.stdout, one.stdout);
      assert.equal(three.stderr, one.stderr);
    });
  }

  it('stops with the same usage error when a worker meets a broken configuration', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netadvisor-jobs-'));
    try {
      fs.writeFileSync(path.join(dir, '.netadvisor.json'), '{ "rules": { "mpc-framework-use": "loud" } }');
      for (let i = 0; i < 6; i++) fs.writeFileSync(path.join(dir, `F${i}.swift`), 'import MultipeerConnectivity\n');
      const one = runCli(['check', '.', '--jobs', '1'], dir);
      const two = runCli(['check', '.', '--jobs', '2'], dir);
      assert.equal(one.status, 2);
      assert.equal(two.status, 2);
      assert.match(two.stderr, /^netadvisor: configuration error: .*\.netadvisor\.json: rules\.mpc-framework-use: must be one of/);
      assert.equal(two.stderr, one.stderr);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rejects a number of threads it cannot use', () => {
    const run = runCli(['check', '.', '--jobs', '0'], REPO_ROOT);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--jobs takes a number of threads from 1 to 64/);
  });
});
