// The editor suite: the installed NetAdvisor VSIX inside a real VS Code (code-server 1.100.3 here, or Electron
// through @vscode/test-electron), driven through the `vscode` API against test/fixtures/editor-workspace.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  EXTENSION_ID, REPO_ROOT, findDiagnostic, fixtureUri, markdownText, openFixture, positionOf, revertAll,
  ruleOf, sleep, waitFor, waitForDiagnostic, waitForNoDiagnostic,
} from './helpers';

let extension: vscode.Extension<unknown>;

/** Pids of this extension's language server processes (read from /proc: no tool needed). */
function serverProcesses(): number[] {
  const server = path.join(extension.extensionPath, 'dist', 'server.js');
  return fs.readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).filter((pid) => {
    try {
      return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(server);
    } catch {
      return false; // exited meanwhile
    }
  }).map(Number);
}

/** Checks one finding: rule id as code, a link to the bundled article, severity, and where it starts. */
async function expectFinding(file: string, rule: string, severity: vscode.DiagnosticSeverity, startsAt: string): Promise<vscode.Diagnostic> {
  const { document } = await openFixture(file);
  const diagnostic = await waitForDiagnostic(document.uri, rule);
  assert.equal(ruleOf(diagnostic), rule);
  assert.equal(diagnostic.source, 'netadvisor');
  assert.equal(diagnostic.severity, severity, `${rule} severity`);
  assert.deepEqual(diagnostic.range.start, positionOf(document, startsAt), `${rule} starts at "${startsAt}"`);
  assert.ok(diagnostic.message.length > 20, 'a one-sentence message');
  // codeDescription.href → code.target: the article Markdown shipped inside the installed extension.
  const code = diagnostic.code;
  assert.ok(typeof code === 'object' && code.target, `${rule} has a codeDescription link`);
  assert.equal(code.target.scheme, 'file');
  assert.equal(path.normalize(code.target.fsPath), path.join(extension.extensionPath, 'knowledge', 'articles', `${rule}.md`));
  assert.ok(fs.existsSync(code.target.fsPath), `${code.target.fsPath} exists`);
  return diagnostic;
}

describe('NetAdvisor in VS Code (installed VSIX)', function () {
  this.timeout(60_000);

  before(async function () {
    this.timeout(120_000);
    const found = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(found, `${EXTENSION_ID} is installed`);
    extension = found;
    // Opening a Swift file is what activates it in real use.
    await openFixture('ChatRoom.swift');
    await waitFor('the extension to activate', () => extension.isActive, 60_000);
    // The language server starts in the background: wait for its first diagnostics before the tests begin.
    await waitForDiagnostic(fixtureUri('ChatRoom.swift'), 'mpc-framework-use', () => true, 60_000);
  });

  afterEach(async () => {
    await revertAll();
  });

  after(async () => {
    await revertAll();
    await vscode.workspace.getConfiguration('netadvisor').update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('runs the packaged VSIX from the extensions folder, not the repository', () => {
    const where = extension.extensionPath;
    assert.notEqual(path.resolve(where), REPO_ROOT, 'the extension under test must be the installed VSIX');
    assert.ok(fs.existsSync(path.join(where, 'dist', 'server.js')), 'the VSIX bundles the server');
    assert.ok(fs.existsSync(path.join(where, 'dist', 'grammars', 'tree-sitter-swift.wasm')), 'the VSIX bundles the Swift grammar');
    assert.ok(!fs.existsSync(path.join(where, 'server', 'src')), 'the VSIX has no TypeScript sources');
    assert.equal((extension.packageJSON as { publisher: string }).publisher, 'netadvisor');
    console.log(`      VS Code ${vscode.version} (${vscode.env.appName}), extension at ${where}`);
  });

  it('reports Swift findings with rule id, article link and severity', async () => {
    const framework = await expectFinding('ChatRoom.swift', 'mpc-framework-use', vscode.DiagnosticSeverity.Information, 'import MultipeerConnectivity');
    assert.ok(framework.tags?.includes(vscode.DiagnosticTag.Deprecated), 'Multipeer Connectivity is marked Deprecated (struck through)');
    await expectFinding('ChatRoom.swift', 'mpc-encryption-optional', vscode.DiagnosticSeverity.Warning, '.optional');
    await expectFinding('Uploader.swift', 'nw-send-without-flow-control', vscode.DiagnosticSeverity.Warning, 'send(content');
  });

  it('reports Objective-C findings', async () => {
    const { document } = await openFixture('Lobby.m');
    assert.equal(document.languageId, 'objective-c');
    await expectFinding('Lobby.m', 'mpc-encryption-optional', vscode.DiagnosticSeverity.Warning, 'MCEncryptionOptional');
    await expectFinding('Lobby.m', 'mpc-framework-use', vscode.DiagnosticSeverity.Information, '@import MultipeerConnectivity');
  });

  it('reports C findings', async () => {
    const { document } = await openFixture('resolver.c');
    assert.equal(document.languageId, 'c');
    await expectFinding('resolver.c', 'res9-resolver-use', vscode.DiagnosticSeverity.Information, 'res_query');
    await expectFinding('telemetry.c', 'nw-send-without-flow-control', vscode.DiagnosticSeverity.Warning, 'nw_connection_send');
  });

  it('explains MCSession on hover, with a link that opens the article', async () => {
    const { document } = await openFixture('ChatRoom.swift');
    const at = positionOf(document, 'MCSession(').translate(0, 3);
    const hovers = await waitFor('a hover on MCSession', async () => {
      const result = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, at);
      return result?.some((h) => markdownText(h).includes('MCSession')) ? result : undefined;
    });
    const text = hovers.map(markdownText).join('\n');
    // The most specific card wins (`MCSession(peer:securityIdentity:encryptionPreference:)` here, or plain `MCSession`).
    assert.match(text, /^\*\*MCSession\b/m, 'a card titled with MCSession');
    assert.match(text, /\(command:netadvisor\.openArticle\?/, 'the article link runs our (trusted) command');
  });

  it('offers quick fixes, and "Disable … for this line" inserts the suppression and silences the finding', async () => {
    const { document } = await openFixture('ChatRoom.swift');
    const diagnostic = await waitForDiagnostic(document.uri, 'mpc-encryption-optional');
    const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider', document.uri, diagnostic.range, undefined, 50);
    const titles = actions.map((a) => a.title);
    const open = actions.find((a): a is vscode.CodeAction => a.title.startsWith('Open article: '));
    assert.ok(open, `an "Open article" action among ${JSON.stringify(titles)}`);
    assert.equal(open.command?.command, 'netadvisor.openArticle');
    assert.deepEqual(open.command?.arguments, ['mpc-encryption-optional']);
    assert.ok(titles.includes('Disable mpc-encryption-optional for this file'), JSON.stringify(titles));
    const disableLine = actions.find((a): a is vscode.CodeAction => a.title === 'Disable mpc-encryption-optional for this line');
    assert.ok(disableLine?.edit, `a "Disable … for this line" edit among ${JSON.stringify(titles)}`);

    const line = diagnostic.range.start.line;
    assert.ok(await vscode.workspace.applyEdit(disableLine.edit));
    assert.match(document.lineAt(line).text, /^\s*\/\/ netadvisor-disable-next-line mpc-encryption-optional\b/);
    assert.match(document.lineAt(line + 1).text, /encryptionPreference: \.optional/);
    await waitForNoDiagnostic(document.uri, 'mpc-encryption-optional');
    assert.ok(findDiagnostic(document.uri, 'mpc-framework-use'), 'the other finding stays');
  });

  it('"Disable … for this file" suppresses the rule in an Objective-C file', async () => {
    const { document } = await openFixture('Lobby.m');
    const diagnostic = await waitForDiagnostic(document.uri, 'mpc-encryption-optional');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider', document.uri, diagnostic.range, undefined, 50);
    const disableFile = actions.find((a) => a.title === 'Disable mpc-encryption-optional for this file');
    assert.ok(disableFile?.edit);
    assert.ok(await vscode.workspace.applyEdit(disableFile.edit));
    assert.equal(document.lineAt(0).text, '/* netadvisor-disable-file mpc-encryption-optional */');
    await waitForNoDiagnostic(document.uri, 'mpc-encryption-optional');
  });

  it('clears a finding when an edit fixes the code', async () => {
    const { document } = await openFixture('ChatRoom.swift');
    await waitForDiagnostic(document.uri, 'mpc-encryption-optional');
    const start = positionOf(document, '.optional');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(start, start.translate(0, '.optional'.length)), '.required');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitForNoDiagnostic(document.uri, 'mpc-encryption-optional');
    assert.ok(findDiagnostic(document.uri, 'mpc-framework-use'), 'the framework finding stays');
    // And back: undoing the fix brings the finding back.
    await revertAll();
    await waitForDiagnostic(document.uri, 'mpc-encryption-optional');
  });

  it('changes a rule\'s severity live from the netadvisor.rules setting', async () => {
    const { document } = await openFixture('ChatRoom.swift');
    const config = () => vscode.workspace.getConfiguration('netadvisor', document.uri);
    await waitForDiagnostic(document.uri, 'mpc-framework-use', (d) => d.severity === vscode.DiagnosticSeverity.Information);
    try {
      await config().update('rules', { 'mpc-framework-use': 'error' }, vscode.ConfigurationTarget.Workspace);
      await waitForDiagnostic(document.uri, 'mpc-framework-use', (d) => d.severity === vscode.DiagnosticSeverity.Error);
      await config().update('rules', { 'mpc-framework-use': 'off' }, vscode.ConfigurationTarget.Workspace);
      await waitForNoDiagnostic(document.uri, 'mpc-framework-use');
      assert.ok(findDiagnostic(document.uri, 'mpc-encryption-optional'), 'other rules keep reporting');
    } finally {
      await config().update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitForDiagnostic(document.uri, 'mpc-framework-use', (d) => d.severity === vscode.DiagnosticSeverity.Information);
  });

  it('opens an article in the Markdown preview (netadvisor.openArticle)', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('netadvisor.openArticle', 'mpc-framework-use');
    const tab = await waitFor('a Markdown preview tab for the article', () => vscode.window.tabGroups.all
      .flatMap((group) => group.tabs)
      .find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('markdown.preview')
        && t.label.includes('mpc-framework-use')));
    assert.ok(tab.isActive, `the preview "${tab.label}" is the active tab`);
  });

  it('registers Show Rules, which lists the rules from the server', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['netadvisor.showRules', 'netadvisor.openArticle', 'netadvisor.restartServer']) {
      assert.ok(commands.includes(id), `${id} is registered`);
    }
    // It asks the server for netadvisor/rules, then shows a quick pick: dismiss it until the command settles.
    let settled = false;
    let failure: unknown;
    const running = Promise.resolve(vscode.commands.executeCommand('netadvisor.showRules'))
      .catch((err: unknown) => { failure = err; })
      .finally(() => { settled = true; });
    await waitFor('Show Rules to open its quick pick and be dismissed', async () => {
      if (!settled) {
        await sleep(300);
        await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      }
      return settled;
    }, 20_000);
    await running;
    assert.equal(failure, undefined, `Show Rules failed: ${String(failure)}`);
  });

  it('scans the workspace (NetAdvisor: Scan Workspace): a file that is not open gets its findings', async () => {
    const uri = fixtureUri('scan/NotOpened.swift');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'the file is not open');
    const summary = await vscode.commands.executeCommand<{ analysed: number; findings: number; cancelled: boolean }>('netadvisor.scanWorkspace');
    assert.equal(summary?.cancelled, false);
    assert.ok(summary.analysed >= 1 && summary.findings >= 1, JSON.stringify(summary));
    const diagnostic = await waitForDiagnostic(uri, 'nw-send-without-flow-control');
    assert.deepEqual(diagnostic.range.start, new vscode.Position(4, 19));
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'the scan did not open it');
  });

  it('restarts the server (NetAdvisor: Restart Server) and gets the findings back', async () => {
    const { document } = await openFixture('ChatRoom.swift');
    await vscode.commands.executeCommand('netadvisor.restartServer');
    await waitForDiagnostic(document.uri, 'mpc-framework-use', () => true, 30_000);
    await waitForDiagnostic(document.uri, 'mpc-encryption-optional');
  });

  it('restarts the server by itself when its process dies, and the new one analyses edits', async () => {
    const { document } = await openFixture('ChatRoom.swift');
    await waitForDiagnostic(document.uri, 'mpc-encryption-optional');
    const before = serverProcesses();
    assert.equal(before.length, 1, `one NetAdvisor server runs: ${before.join(', ')}`);
    process.kill(before[0], 'SIGKILL');
    const after = await waitFor('a new server process', () => {
      const now = serverProcesses();
      return now.length === 1 && now[0] !== before[0] && now;
    }, 30_000);
    assert.notEqual(after[0], before[0]);
    // The new server analyses the open document again; then only a live server can notice this edit.
    await waitForDiagnostic(document.uri, 'mpc-encryption-optional', () => true, 30_000);
    const start = positionOf(document, '.optional');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(start, start.translate(0, '.optional'.length)), '.required');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitForNoDiagnostic(document.uri, 'mpc-encryption-optional', 30_000);
  });

  it('flags NSAllowsArbitraryLoads on its line in an Info.plist', async () => {
    const { document } = await openFixture('Info.plist');
    const diagnostic = await waitForDiagnostic(document.uri, 'ats-arbitrary-loads');
    assert.equal(diagnostic.source, 'netadvisor');
    assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
    assert.deepEqual(diagnostic.range.start, positionOf(document, '<key>NSAllowsArbitraryLoads</key>'));
  });
});
