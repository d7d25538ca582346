// Scan Workspace over stdio: diagnostics for unopened files only, progress, cancellation, typing during a scan, scan on startup.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource } from 'vscode-jsonrpc/node';
import type { ProgressToken, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { LspSession } from '../helpers/lsp-session';
import { tempProject } from '../helpers/temp-project';

interface ScanSummary { files: number; analysed: number; skipped: number; findings: number; cancelled: boolean }

const MPC = 'import MultipeerConnectivity\n';
const uriOf = (file: string) => pathToFileURL(file).href;
/** What a publication says, in a form assert.deepEqual can compare exactly. */
const brief = (p: PublishDiagnosticsParams) => ({
  version: p.version ?? null,
  diagnostics: p.diagnostics.map((d) => ({ code: d.code, severity: d.severity, source: d.source, range: d.range })),
});
const publishedFor = (session: LspSession, uri: string) => session.published.filter((p) => p.uri === uri);
const publishedUnder = (session: LspSession, folder: string) => session.published.filter((p) => p.uri.startsWith(`${uriOf(folder)}/`));

async function until(condition: () => boolean, what: string, timeoutMs = 20000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Resolves when the server ends its progress: every notification sent before the end has been handled by then. */
const progressEnded = (session: LspSession, token: () => ProgressToken | undefined) =>
  until(() => session.progress.some((p) => p.token === token() && p.value.kind === 'end'), 'the end of the scan progress');

/** A folder of `count` Swift files that each have one finding (f0000.swift, f0001.swift, …). */
function manyFiles(count: number): string {
  const files: Record<string, string> = {};
  const body = Array.from({ length: 30 }, (_, i) => `func work${i}(_ value: Int) -> Int { return value * ${i} + 1 }`).join('\n');
  for (let i = 0; i < count; i++) files[`f${String(i).padStart(4, '0')}.swift`] = `${MPC}${body}\n`;
  return tempProject(files);
}

describe('Scan Workspace (netadvisor/scanWorkspace)', function () {
  this.timeout(60000);
  let session: LspSession;
  let root: string;
  let summary: ScanSummary;
  let token: ProgressToken | undefined;
  const file = (relative: string) => path.join(root, relative);

  before(async () => {
    root = tempProject({
      '.netadvisor.json': '{ "exclude": ["Vendor/**"] }',
      'Sources/Chat.swift': MPC,
      'Sources/Plain.swift': 'let answer = 42\n',
      'Sources/Open.swift': MPC,
      'Vendor/Lib.swift': MPC,
    });
    session = await LspSession.start({}, {}, { workspaceFolders: [root], workDoneProgress: true });
    // The open document's text differs from the disk: its finding is on line 3, the disk's on line 1.
    await session.open(uriOf(file('Sources/Open.swift')), 'swift', `let x = 1\n\n${MPC}`);
    await session.diagnostics(uriOf(file('Sources/Open.swift')), (p) => p.diagnostics.length === 1);
    summary = await session.connection.sendRequest<ScanSummary>('netadvisor/scanWorkspace', {});
    token = session.progressTokens.at(-1);
    await progressEnded(session, () => token);
  });
  after(async () => {
    await session?.stop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('returns the summary: open and excluded files are skipped', () => {
    assert.deepEqual(summary, { files: 4, analysed: 2, skipped: 2, findings: 1, cancelled: false });
  });

  it('publishes exactly the finding of the unopened file, and nothing for clean or excluded files', () => {
    assert.deepEqual(publishedFor(session, uriOf(file('Sources/Chat.swift'))).map(brief), [{
      version: null,
      diagnostics: [{ code: 'mpc-framework-use', severity: 3, source: 'netadvisor', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 28 } } }],
    }]);
    assert.deepEqual(publishedFor(session, uriOf(file('Sources/Plain.swift'))), []);
    assert.deepEqual(publishedFor(session, uriOf(file('Vendor/Lib.swift'))), []);
  });

  it('leaves the open document to the editor analysis: its diagnostics are for the open text', () => {
    assert.deepEqual(publishedFor(session, uriOf(file('Sources/Open.swift'))).map(brief), [{
      version: 1,
      diagnostics: [{ code: 'mpc-framework-use', severity: 3, source: 'netadvisor', range: { start: { line: 2, character: 0 }, end: { line: 2, character: 28 } } }],
    }]);
  });

  it('reports work done progress: begin, "n / total files" reports, end', () => {
    assert.equal(session.progressTokens.length, 1);
    const values = session.progress.filter((p) => p.token === token).map((p) => p.value);
    assert.deepEqual(values[0], { kind: 'begin', title: 'NetAdvisor: Scan Workspace', cancellable: true, message: '0 / 4 files', percentage: 0 });
    assert.deepEqual(values.at(-2), { kind: 'report', percentage: 100, message: '4 / 4 files' });
    assert.deepEqual(values.at(-1), { kind: 'end' });
    for (const value of values.slice(1, -1)) {
      assert.equal(value.kind, 'report');
      assert.match((value as { message: string }).message, /^[0-4] \/ 4 files$/);
    }
  });

  it('clears diagnostics of a file that became clean when the workspace is scanned again', async () => {
    fs.writeFileSync(file('Sources/Chat.swift'), 'let chat = 1\n');
    const again = await session.connection.sendRequest<ScanSummary>('netadvisor/scanWorkspace', { folders: [uriOf(root)] });
    assert.deepEqual(again, { files: 4, analysed: 2, skipped: 2, findings: 0, cancelled: false });
    const last = await session.diagnostics(uriOf(file('Sources/Chat.swift')), (p) => p.diagnostics.length === 0);
    assert.deepEqual(brief(last), { version: null, diagnostics: [] });
  });
});

describe('Scan Workspace: cancellation and responsiveness', function () {
  this.timeout(120000);
  let session: LspSession;
  const folders: string[] = [];
  const big = () => {
    const folder = manyFiles(1000);
    folders.push(folder);
    return folder;
  };
  const firstFile = (folder: string) => uriOf(path.join(folder, 'f0000.swift'));

  beforeEach(async () => {
    session = await LspSession.start({ debounceMs: 0 }, {}, { workDoneProgress: true });
  });
  afterEach(async () => { await session?.stop(); });
  after(() => { for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true }); });

  /** Every publication the cancelled scan sent is for a file it analysed, one finding each. */
  async function assertPartial(folder: string, result: ScanSummary): Promise<void> {
    await progressEnded(session, () => session.progressTokens.at(-1));
    assert.equal(result.cancelled, true);
    assert.equal(result.files, 1000);
    assert.ok(result.analysed >= 1 && result.analysed < 1000, `analysed ${result.analysed}`);
    assert.equal(result.findings, result.analysed);
    assert.equal(publishedUnder(session, folder).length, result.analysed);
  }

  it('stops at $/cancelRequest and says cancelled', async () => {
    const folder = big();
    const source = new CancellationTokenSource();
    const pending = session.connection.sendRequest<ScanSummary>('netadvisor/scanWorkspace', { folders: [folder] }, source.token);
    await session.diagnostics(firstFile(folder));
    source.cancel();
    await assertPartial(folder, await pending);
  });

  it('stops when the user cancels the progress (window/workDoneProgress/cancel)', async () => {
    const folder = big();
    const pending = session.connection.sendRequest<ScanSummary>('netadvisor/scanWorkspace', { folders: [folder] });
    await session.diagnostics(firstFile(folder));
    await session.connection.sendNotification('window/workDoneProgress/cancel', { token: session.progressTokens.at(-1) });
    await assertPartial(folder, await pending);
  });

  it('a later scan cancels the earlier one', async () => {
    const folder = big();
    const first = session.connection.sendRequest<ScanSummary>('netadvisor/scanWorkspace', { folders: [folder] });
    await session.diagnostics(firstFile(folder));
    const second = await session.connection.sendRequest<ScanSummary>('netadvisor/scanWorkspace', { folders: [path.join(folder, 'f0001.swift')] });
    const earlier = await first;
    assert.equal(earlier.cancelled, true);
    assert.ok(earlier.analysed < 1000, `the earlier scan stopped (analysed ${earlier.analysed})`);
    assert.deepEqual(second, { files: 1, analysed: 1, skipped: 0, findings: 1, cancelled: false });
  });

  it('analyses an edit of an open document while a scan is running', async () => {
    const folder = big();
    const edited = 'file:///work/typing/Edited.swift';
    await session.open(edited, 'swift', 'let a = 1\n');
    await session.diagnostics(edited, (p) => p.version === 1);
    let scanDone = false;
    const pending = session.connection.sendRequest<ScanSummary>('netadvisor/scanWorkspace', { folders: [folder] })
      .then((result) => { scanDone = true; return result; });
    await session.diagnostics(firstFile(folder));
    await session.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: edited, version: 2 }, contentChanges: [{ text: MPC }],
    });
    const after = await session.diagnostics(edited, (p) => p.version === 2);
    assert.equal(scanDone, false, 'the edit was analysed before the scan finished');
    assert.deepEqual(after.diagnostics.map((d) => d.code), ['mpc-framework-use']);
    assert.equal((await pending).cancelled, false);
  });
});

describe('netadvisor.scanWorkspaceOnStartup', function () {
  this.timeout(60000);

  it('scans the workspace folders after initialized when the setting is true', async () => {
    const root = tempProject({ 'Chat.swift': MPC, 'Plain.swift': 'let answer = 42\n' });
    const session = await LspSession.start({}, {}, { workspaceFolders: [root], settings: { enable: true, rules: {}, scanWorkspaceOnStartup: true } });
    try {
      const published = await session.diagnostics(uriOf(path.join(root, 'Chat.swift')));
      assert.deepEqual(published.diagnostics.map((d) => d.code), ['mpc-framework-use']);
    } finally {
      await session.stop();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
