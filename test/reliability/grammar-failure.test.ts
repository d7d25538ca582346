// A grammar that cannot be loaded (corrupt wasm): its files are skipped with the reason, everything else is analysed.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runCli } from '../helpers/cli';
import { LspSession, REPO_ROOT } from '../helpers/lsp-session';

/** A copy of the bundled grammars with the Swift one replaced by bytes that are not wasm. */
function brokenGrammars(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netadvisor-grammars-'));
  fs.cpSync(path.join(REPO_ROOT, 'dist', 'grammars'), dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'tree-sitter-swift.wasm'), 'this is not a WebAssembly module');
  return dir;
}

describe('a grammar that fails to load', function () {
  this.timeout(60000);
  let grammars: string;
  let project: string;

  before(() => {
    grammars = brokenGrammars();
    project = fs.mkdtempSync(path.join(os.tmpdir(), 'netadvisor-project-'));
    fs.writeFileSync(path.join(project, 'Chat.swift'), 'import MultipeerConnectivity\n');
    fs.writeFileSync(path.join(project, 'mx.c'), 'int mx(const char *d) { unsigned char a[512]; return res_query(d, 1, 15, a, sizeof a); }\n');
  });
  after(() => {
    fs.rmSync(grammars, { recursive: true, force: true });
    fs.rmSync(project, { recursive: true, force: true });
  });

  it('netadvisor check skips the Swift files with the reason and still checks C', () => {
    const run = runCli(['check', '.', '--format', 'json'], project, { NETADVISOR_GRAMMARS: grammars });
    // The C finding is informational, below the default --fail-on.
    assert.equal(run.status, 0, run.stderr);
    const json = JSON.parse(run.stdout) as { findings: { path: string; ruleId: string }[]; skipped: { path: string; reason: string }[] };
    assert.deepEqual(json.findings.map((f) => `${f.path} ${f.ruleId}`), ['mx.c res9-resolver-use']);
    assert.deepEqual(json.skipped.map((s) => s.path), ['Chat.swift']);
    assert.match(json.skipped[0].reason, /^cannot load grammar .*tree-sitter-swift\.wasm/);
    assert.match(run.stderr, /skipped Chat\.swift: cannot load grammar/);
  });

  it('the language server says so once, keeps analysing C and keeps answering', async () => {
    const session = await LspSession.start({}, { env: { NETADVISOR_GRAMMARS: grammars } });
    try {
      const swift = pathToFileURL(path.join(project, 'Chat.swift')).href;
      const c = pathToFileURL(path.join(project, 'mx.c')).href;
      await session.open(swift, 'swift', 'import MultipeerConnectivity\n');
      await session.open(`${swift}2`, 'swift', 'import MultipeerConnectivity\n');
      await session.open(c, 'c', fs.readFileSync(path.join(project, 'mx.c'), 'utf8'));
      const published = await session.diagnostics(c, (p) => p.diagnostics.length > 0);
      assert.deepEqual(published.diagnostics.map((d) => d.code), ['res9-resolver-use']);
      const hover = await session.connection.sendRequest('textDocument/hover', { textDocument: { uri: c }, position: { line: 0, character: 60 } });
      assert.ok(hover, 'the server still answers');
      const errors = session.messages.filter((m) => m.type === 1);
      assert.equal(errors.length, 1, JSON.stringify(session.messages));
      assert.match(errors[0].message, /^NetAdvisor cannot analyse swift files: cannot load grammar/);
    } finally {
      if (session.stderr.length) console.log(session.stderr.join(''));
      await session.stop();
    }
  });
});
