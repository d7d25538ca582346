// A real LSP session over stdio with the bundled server: diagnostics, incremental edits, hover, code actions, settings.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { CodeAction, Diagnostic, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { LspSession, REPO_ROOT } from '../helpers/lsp-session';

const URI = 'file:///work/example/Chat.swift';
const SOURCE = [
  'import MultipeerConnectivity',
  '',
  'final class Chat {',
  '    let session = MCSession(peer: MCPeerID(displayName: "pad"), securityIdentity: nil, encryptionPreference: .optional)',
  '}',
  '',
].join('\n');

const byRule = (diagnostics: Diagnostic[], id: string) => diagnostics.filter((d) => d.code === id);

describe('language server over stdio', function () {
  this.timeout(30000);
  let session: LspSession;

  before(async () => {
    session = await LspSession.start();
    await session.open(URI, 'swift', SOURCE);
  });
  after(async () => { await session?.stop(); });

  it('publishes linked diagnostics with rule code, source, version and Deprecated tag', async () => {
    const published = await session.diagnostics(URI, (p) => p.diagnostics.length > 0);
    assert.equal(published.version, 1);
    const [mpc] = byRule(published.diagnostics, 'mpc-framework-use');
    assert.deepEqual(mpc.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 28 } });
    assert.equal(mpc.source, 'netadvisor');
    assert.equal(mpc.severity, 3);
    assert.deepEqual(mpc.tags, [2]);
    assert.match(mpc.message as string, /Network framework/);
    const href = mpc.codeDescription?.href;
    assert.ok(href?.startsWith('file://') && href.endsWith('/knowledge/articles/mpc-framework-use.md'), href);
    assert.ok(fs.existsSync(fileURLToPath(href!)), 'the article link resolves to a file');

    const [optional] = byRule(published.diagnostics, 'mpc-encryption-optional');
    assert.equal(optional.severity, 2);
    assert.equal(SOURCE.split('\n')[3].slice(optional.range.start.character, optional.range.end.character), '.optional');
  });

  it('answers a hover on MCSession with its card and the finding explanation', async () => {
    const hover = await session.connection.sendRequest<Hover | null>('textDocument/hover', {
      textDocument: { uri: URI }, position: { line: 3, character: 20 },
    });
    assert.ok(hover, 'a hover');
    const value = (hover.contents as MarkupContent).value;
    assert.equal((hover.contents as MarkupContent).kind, 'markdown');
    assert.match(value, /MCSession/);
    assert.match(value, /NWConnection|Network framework/);
    assert.deepEqual(hover.range, { start: { line: 3, character: 18 }, end: { line: 3, character: 27 } });
  });

  it('returns no hover on plain code', async () => {
    const hover = await session.connection.sendRequest<Hover | null>('textDocument/hover', {
      textDocument: { uri: URI }, position: { line: 2, character: 2 },
    });
    assert.equal(hover, null);
  });

  it('offers open-article and suppression quick fixes with exact edits', async () => {
    const published = await session.diagnostics(URI, (p) => p.diagnostics.length > 0);
    const [optional] = byRule(published.diagnostics, 'mpc-encryption-optional');
    const actions = await session.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: URI }, range: optional.range, context: { diagnostics: [optional] },
    });
    const articleTitle = /^title:\s*(.+)$/m.exec(fs.readFileSync(`${REPO_ROOT}/knowledge/articles/mpc-encryption-optional.md`, 'utf8'))![1];
    assert.deepEqual(actions.map((a) => a.title), [
      `Open article: ${articleTitle}`,
      'Disable mpc-encryption-optional for this line',
      'Disable mpc-encryption-optional for this file',
    ]);
    assert.equal(actions[0].command?.command, 'netadvisor.server.showArticle');
    assert.deepEqual(actions[0].command?.arguments, ['mpc-encryption-optional']);
    assert.deepEqual(actions[1].edit?.changes?.[URI], [{
      range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } },
      newText: '    // netadvisor-disable-next-line mpc-encryption-optional -- \n',
    }]);
    assert.deepEqual(actions[2].edit?.changes?.[URI], [{
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      newText: '/* netadvisor-disable-file mpc-encryption-optional */\n',
    }]);
  });

  it('re-analyses after an incremental edit and publishes for the new version', async () => {
    // Replace `.optional` with `.required` (line 3) and delete the import line.
    const line3 = SOURCE.split('\n')[3];
    const at = line3.indexOf('.optional');
    await session.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: URI, version: 2 },
      contentChanges: [
        { range: { start: { line: 3, character: at }, end: { line: 3, character: at + '.optional'.length } }, text: '.required' },
        { range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, text: '' },
      ],
    });
    const published = await session.diagnostics(URI, (p) => p.version === 2);
    assert.deepEqual(byRule(published.diagnostics, 'mpc-encryption-optional'), []);
    // Without the import, the first Multipeer type use carries the framework finding.
    const [mpc] = byRule(published.diagnostics, 'mpc-framework-use');
    assert.deepEqual(mpc.range, { start: { line: 2, character: 18 }, end: { line: 2, character: 27 } });
  });

  it('applies per-document settings: a rule turned off disappears', async () => {
    session.settings = { enable: true, rules: { 'mpc-framework-use': 'off' } };
    await session.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    const published = await session.diagnostics(URI, (p) => byRule(p.diagnostics, 'mpc-framework-use').length === 0);
    assert.equal(published.diagnostics.length, 0);
    session.settings = { enable: true, rules: {} };
  });

  it('clears diagnostics when the document closes', async () => {
    await session.connection.sendNotification('textDocument/didClose', { textDocument: { uri: URI } });
    const published = await session.diagnostics(URI, (p) => p.diagnostics.length === 0 && p.version === undefined);
    assert.deepEqual(published.diagnostics, []);
  });
});

describe('language server for Objective-C and C documents', function () {
  this.timeout(30000);
  let session: LspSession;
  before(async () => { session = await LspSession.start({ openArticleCommand: 'netadvisor.openArticle' }); });
  after(async () => { await session?.stop(); });

  it('analyses Objective-C and gives VS Code command links in hovers', async () => {
    const uri = 'file:///work/example/Peer.m';
    await session.open(uri, 'objective-c', '@import MultipeerConnectivity;\n');
    const published = await session.diagnostics(uri, (p) => p.diagnostics.length > 0);
    assert.deepEqual(published.diagnostics.map((d) => d.code), ['mpc-framework-use']);
    const hover = await session.connection.sendRequest<Hover | null>('textDocument/hover', {
      textDocument: { uri }, position: { line: 0, character: 3 },
    });
    assert.match((hover!.contents as MarkupContent).value, /command:netadvisor\.openArticle\?/);
  });

  it('ignores documents in languages it does not analyse', async () => {
    const uri = 'file:///work/example/readme.md';
    await session.open(uri, 'markdown', '# MCSession\n');
    await session.open('file:///work/example/empty.c', 'c', '');
    await session.diagnostics('file:///work/example/empty.c');
    assert.equal(session.published.filter((p) => p.uri === uri).length, 0);
  });
});
