// Files that change under a running check: deleted or replaced by a folder after listing, before reading.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCheck } from '../../server/src/cli/check';
import { ConfigResolver } from '../../server/src/engine/config/resolve';
import { testLinter } from '../helpers/linter';

describe('netadvisor check when files vanish mid-scan', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netadvisor-vanish-'));
    for (const name of ['A.swift', 'B.swift', 'C.swift', 'D.swift']) fs.writeFileSync(path.join(dir, name), 'import MultipeerConnectivity\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('skips what disappeared with the reason and finishes the rest', async () => {
    const linter = await testLinter();
    const report = await runCheck(linter, {
      paths: ['.'], cwd: dir, configs: new ConfigResolver(), severities: {}, requireReason: false,
      onProgress: (done) => {
        // After the listing, while A is being checked: B is deleted, C becomes a folder.
        if (done !== 0) return;
        fs.rmSync(path.join(dir, 'B.swift'));
        fs.rmSync(path.join(dir, 'C.swift'));
        fs.mkdirSync(path.join(dir, 'C.swift'));
      },
    });
    assert.deepEqual(report.skipped, [
      { path: 'B.swift', reason: 'cannot read: ENOENT' },
      { path: 'C.swift', reason: 'cannot read: EISDIR' },
    ]);
    assert.equal(report.filesChecked, 2);
    assert.deepEqual(report.files.map((f) => `${f.path} ${f.findings.map((x) => x.ruleId).join(',')}`), ['A.swift mpc-framework-use', 'D.swift mpc-framework-use']);
  });
});
