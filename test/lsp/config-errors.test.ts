// A broken .netadvisor.json in the editor: the user is told once, analysis goes on with the defaults.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspSession } from '../helpers/lsp-session';

describe('language server with a broken .netadvisor.json', function () {
  this.timeout(30000);
  let project: string;
  let session: LspSession;

  before(async () => {
    project = fs.mkdtempSync(path.join(os.tmpdir(), 'netadvisor-config-'));
    fs.writeFileSync(path.join(project, '.netadvisor.json'), '{ "rules": { "mpc-framework-use": "loud" } }');
    session = await LspSession.start({}, {}, { workspaceFolders: [project] });
  });
  after(async () => {
    await session?.stop();
    fs.rmSync(project, { recursive: true, force: true });
  });

  it('says what is wrong once, however many files are analysed, and lints with the defaults', async () => {
    for (const name of ['A.swift', 'B.swift']) {
      const uri = pathToFileURL(path.join(project, name)).href;
      await session.open(uri, 'swift', 'import MultipeerConnectivity\n');
      const published = await session.diagnostics(uri, (p) => p.diagnostics.length > 0);
      assert.deepEqual(published.diagnostics.map((d) => d.code), ['mpc-framework-use']);
    }
    const errors = session.messages.filter((m) => m.type === 1);
    assert.equal(errors.length, 1, JSON.stringify(session.messages));
    assert.match(errors[0].message, /^NetAdvisor configuration error \(using defaults\): .*\.netadvisor\.json: rules\.mpc-framework-use: must be one of/);
  });
});
