// Project files in the language server (stdio, the bundled server): cross-file diagnostics with related
// information, quick fixes that edit the Info.plist, plist and entitlements documents, unsaved plist edits,
// watched-file changes and malformed plists.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CodeAction, Diagnostic, Hover, MarkupContent, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { FIXTURES } from '../helpers/cli';
import { LspSession } from '../helpers/lsp-session';
import { tempProject } from '../helpers/temp-project';

const uri = (file: string) => pathToFileURL(file).href;
const codes = (p: PublishDiagnosticsParams) => p.diagnostics.map((d) => d.code).sort();

describe('language server with project files', function () {
  this.timeout(30000);
  let session: LspSession;
  let root: string;
  let swift: string;
  let info: string;

  before(async () => {
    root = tempProject({});
    fs.cpSync(path.join(FIXTURES, 'project-files', 'two-targets'), root, { recursive: true });
    swift = path.join(root, 'Finder', 'Discovery.swift');
    info = path.join(root, 'Finder', 'Info.plist');
    session = await LspSession.start({ debounceMs: 20 });
    await session.open(uri(swift), 'swift', fs.readFileSync(swift, 'utf8'));
  });
  after(async () => { await session?.stop(); });

  it('publishes cross-file findings with related information in the Info.plist and entitlements', async () => {
    const published = await session.diagnostics(uri(swift), (p) => p.diagnostics.length >= 3);
    assert.deepEqual(codes(published), ['entitlement-multicast-missing', 'plist-bonjour-services-missing', 'plist-local-network-usage-missing']);
    const usage = published.diagnostics.find((d) => d.code === 'plist-local-network-usage-missing')!;
    assert.equal(usage.relatedInformation![0].location.uri, uri(info));
    assert.match(usage.relatedInformation![0].message, /has no NSLocalNetworkUsageDescription/);
  });

  it('offers a quick fix whose edit goes to the Info.plist URI', async () => {
    const published = await session.diagnostics(uri(swift), (p) => p.diagnostics.length >= 3);
    const usage = published.diagnostics.find((d) => d.code === 'plist-local-network-usage-missing')!;
    const actions = await session.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: uri(swift) }, range: usage.range, context: { diagnostics: [usage] },
    });
    const fix = actions.find((a) => a.title.startsWith('Add NSLocalNetworkUsageDescription'))!;
    assert.ok(fix, actions.map((a) => a.title).join(', '));
    assert.deepEqual(Object.keys(fix.edit!.changes!), [uri(info)]);
    const [edit] = fix.edit!.changes![uri(info)];
    assert.deepEqual(edit.range.start, { line: 9, character: 9 });
    assert.match(edit.newText, /^\n\t<key>NSLocalNetworkUsageDescription<\/key>\n\t<string>/);
  });

  it('re-checks source documents when an open Info.plist is edited (unsaved)', async () => {
    const text = fs.readFileSync(info, 'utf8');
    await session.open(uri(info), 'xml', text);
    await session.diagnostics(uri(info), () => true);
    const fixed = text.replace('<dict>\n', '<dict>\n\t<key>NSLocalNetworkUsageDescription</key>\n\t<string>Finds printers.</string>\n');
    await session.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: uri(info), version: 2 }, contentChanges: [{ text: fixed }],
    });
    const published = await session.diagnostics(uri(swift), (p) => !codes(p).includes('plist-local-network-usage-missing'));
    assert.deepEqual(codes(published), ['entitlement-multicast-missing', 'plist-bonjour-services-missing']);
    await session.connection.sendNotification('textDocument/didClose', { textDocument: { uri: uri(info) } });
    await session.diagnostics(uri(swift), (p) => codes(p).includes('plist-local-network-usage-missing'));
  });

  it('re-checks when a watched entitlements file changes on disk', async () => {
    const entitlements = path.join(root, 'Finder', 'Finder.entitlements');
    fs.writeFileSync(entitlements, fs.readFileSync(entitlements, 'utf8').replace('<dict>\n', '<dict>\n\t<key>com.apple.developer.networking.multicast</key>\n\t<true/>\n'));
    await session.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri(entitlements), type: 2 }] });
    await session.diagnostics(uri(swift), (p) => !codes(p).includes('entitlement-multicast-missing'));
  });

  it('lints an entitlements document, with a rename fix and XML suppression comments', async () => {
    const dir = tempProject({});
    const file = path.join(dir, 'App.entitlements');
    const text = '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0">\n<dict>\n\t<key>com.apple.developer.network-extension.content-filter</key>\n\t<true/>\n</dict>\n</plist>\n';
    await session.open(uri(file), 'xml', text);
    const published = await session.diagnostics(uri(file), (p) => p.diagnostics.length > 0);
    const [diagnostic] = published.diagnostics as Diagnostic[];
    assert.equal(diagnostic.code, 'entitlement-ne-invalid-key');
    assert.deepEqual(diagnostic.range, { start: { line: 3, character: 1 }, end: { line: 3, character: 64 } });
    const actions = await session.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: uri(file) }, range: diagnostic.range, context: { diagnostics: [diagnostic] },
    });
    const rename = actions.find((a) => a.title.startsWith('Use com.apple.developer.networking.networkextension'))!;
    assert.deepEqual(rename.edit!.changes![uri(file)].map((e) => e.newText), ['<key>com.apple.developer.networking.networkextension</key>', '<array>\n\t\t<string>content-filter-provider</string>\n\t</array>']);
    const disable = actions.find((a) => a.title === 'Disable entitlement-ne-invalid-key for this line')!;
    assert.equal(disable.edit!.changes![uri(file)][0].newText, '\t<!-- netadvisor-disable-next-line entitlement-ne-invalid-key -->\n');
    const disableFile = actions.find((a) => a.title === 'Disable entitlement-ne-invalid-key for this file')!;
    assert.deepEqual(disableFile.edit!.changes![uri(file)][0].range.start, { line: 1, character: 21 });
  });

  it('says why a malformed plist is not checked, and recovers', async () => {
    const dir = tempProject({});
    const file = path.join(dir, 'Info.plist');
    await session.open(uri(file), 'xml', '<plist version="1.0">\n<dict>\n\t<key>A</key>\n</dict>\n</plist>\n');
    const published = await session.diagnostics(uri(file), (p) => p.diagnostics.length > 0);
    assert.equal(published.diagnostics[0].severity, 3);
    assert.match(published.diagnostics[0].message as string, /^NetAdvisor cannot check this file: not a valid XML property list: <key>A<\/key> has no value at line 3, column 2$/);
    await session.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri: uri(file), version: 2 },
      contentChanges: [{ text: '<plist version="1.0">\n<dict>\n\t<key>NSAppTransportSecurity</key>\n\t<dict>\n\t\t<key>NSAllowsArbitraryLoads</key>\n\t\t<true/>\n\t</dict>\n</dict>\n</plist>\n' }],
    });
    const fixed = await session.diagnostics(uri(file), (p) => p.version === 2);
    assert.deepEqual(codes(fixed), ['ats-arbitrary-loads']);
  });

  it('shows hover cards for plist keys', async () => {
    const dir = tempProject({});
    const file = path.join(dir, 'Info.plist');
    await session.open(uri(file), 'xml', '<plist version="1.0">\n<dict>\n\t<key>NSBonjourServices</key>\n\t<array/>\n</dict>\n</plist>\n');
    await session.diagnostics(uri(file), () => true);
    const hover = await session.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri: uri(file) }, position: { line: 2, character: 10 } });
    assert.ok(hover);
    assert.match((hover.contents as MarkupContent).value, /NSBonjourServices/);
    assert.deepEqual(hover.range, { start: { line: 2, character: 6 }, end: { line: 2, character: 23 } });
  });
});
