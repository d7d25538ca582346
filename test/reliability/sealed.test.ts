// The sealed extension: the bundles never reach the network, neither in their code nor when they run.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI_BUNDLE, FIXTURES } from '../helpers/cli';
import { LspSession } from '../helpers/lsp-session';

const DIST = path.dirname(CLI_BUNDLE);
const HTTP_MODULES = /require\("(?:node:)?(?:http|https|http2|dns|dgram|undici)"\)/g;

describe('no network access', function () {
  this.timeout(180000);

  for (const bundle of ['cli.js', 'server.js', 'extension.js']) {
    it(`${bundle} imports no HTTP, DNS or UDP client`, () => {
      const code = fs.readFileSync(path.join(DIST, bundle), 'utf8');
      assert.deepEqual(code.match(HTTP_MODULES) ?? [], []);
    });
  }

  it('the CLI makes no network call while checking, searching and explaining', () => {
    const logFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'netadvisor-net-')), 'network.log');
    fs.writeFileSync(logFile, '');
    const preload = path.join(FIXTURES, 'no-network.cjs');
    for (const args of [['check', path.join(FIXTURES, 'cli', 'project'), '--format', 'sarif'], ['search', 'signal strength'], ['explain', 'MCSession']]) {
      const run = spawnSync(process.execPath, ['--require', preload, CLI_BUNDLE, ...args], {
        encoding: 'utf8', env: { ...process.env, NETADVISOR_NETWORK_LOG: logFile }, timeout: 120000,
      });
      assert.ok(run.status === 0 || run.status === 1, run.stderr);
    }
    assert.equal(fs.readFileSync(logFile, 'utf8'), '');
  });

  it('the language server makes no network call during a session', async () => {
    const logFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'netadvisor-net-')), 'network.log');
    fs.writeFileSync(logFile, '');
    const session = await LspSession.start({}, { execArgv: ['--require', path.join(FIXTURES, 'no-network.cjs')], env: { NETADVISOR_NETWORK_LOG: logFile } });
    try {
      const uri = 'file:///work/example/Chat.swift';
      await session.open(uri, 'swift', 'import MultipeerConnectivity\n');
      await session.diagnostics(uri, (p) => p.diagnostics.length > 0);
      await session.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 10 } });
      await session.connection.sendRequest('netadvisor/search', { query: 'NoAuth' });
    } finally {
      await session.stop();
    }
    assert.equal(fs.readFileSync(logFile, 'utf8'), '');
  });
});
