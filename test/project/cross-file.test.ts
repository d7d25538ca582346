// The cross-file rules on fixture projects: a finding at the code with `related` pointing into the plist, quick
// fixes that edit the Info.plist or project.pbxproj; the project-file rules on files, binary and malformed plists.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Linter } from '../../server/src/engine/linter';
import { lintProjectFile } from '../../server/src/engine/project/lint-project-file';
import { ProjectModel } from '../../server/src/engine/project/project-model';
import { defaultRegistry } from '../../server/src/rules/index';
import { applyEdits } from '../../server/src/rules/syntax/plist';
import { writeBinaryPlist } from '../helpers/bplist-writer';
import { FIXTURES } from '../helpers/cli';
import { testLinter } from '../helpers/linter';
import { tempProject } from '../helpers/temp-project';

const ROOT = path.join(FIXTURES, 'project-files');
const CROSS_FILE = ['plist-local-network-usage-missing', 'plist-bonjour-services-missing', 'entitlement-multicast-missing'];

function copyFixture(name: string): string {
  const target = tempProject({});
  fs.cpSync(path.join(ROOT, name), target, { recursive: true });
  return target;
}

describe('cross-file rules on Xcode projects', () => {
  let linter: Linter;
  before(async () => { linter = await testLinter(); });

  const lint = (model: ProjectModel, file: string) => {
    const result = linter.lintText(fs.readFileSync(file, 'utf8'), 'swift', { project: model.factsFor(file) });
    assert.deepEqual(result.failures, []);
    return result.findings.filter((f) => CROSS_FILE.includes(f.ruleId));
  };

  it('flags the misconfigured target and not the correct one in the same folder tree', () => {
    const model = new ProjectModel();
    const finder = lint(model, path.join(ROOT, 'two-targets', 'Finder', 'Discovery.swift'));
    assert.deepEqual(finder.map((f) => `${f.ruleId}@${f.range.start.line + 1}`), [
      'plist-local-network-usage-missing@5', 'plist-bonjour-services-missing@5', 'entitlement-multicast-missing@11',
    ]);
    assert.deepEqual(lint(model, path.join(ROOT, 'two-targets', 'Beacon', 'Discovery.swift')), []);
  });

  it('reports at the code, with related locations in the Info.plist and the entitlements file', () => {
    const model = new ProjectModel();
    const [usage, bonjour, multicast] = lint(model, path.join(ROOT, 'two-targets', 'Finder', 'Discovery.swift'));
    assert.equal(usage.related![0].file, path.join(ROOT, 'two-targets', 'Finder', 'Info.plist'));
    assert.equal(bonjour.message, 'The Bonjour service type "_printer._tcp" is not in NSBonjourServices of the target\'s Info.plist: add it there, or browsing and advertising it fail on iOS 14 and later.');
    assert.equal(bonjour.related![0].range.start.line, 6, 'at the existing NSBonjourServices entry');
    assert.equal(multicast.related![0].file, path.join(ROOT, 'two-targets', 'Finder', 'Finder.entitlements'));
    assert.match(multicast.related![0].message, /have no com\.apple\.developer\.networking\.multicast/);
  });

  it('offers quick fixes that edit the Info.plist (not the source), which then satisfy the rules', () => {
    const root = copyFixture('two-targets');
    const source = path.join(root, 'Finder', 'Discovery.swift');
    const info = path.join(root, 'Finder', 'Info.plist');
    const model = new ProjectModel();
    const [usage, bonjour] = lint(model, source);
    const edits = [...usage.suggestions![0].edits, ...bonjour.suggestions![0].edits];
    assert.ok(edits.every((e) => e.file === info), 'the edits name the Info.plist');
    assert.equal(usage.suggestions![0].title, 'Add NSLocalNetworkUsageDescription to the Info.plist (then edit the text)');
    assert.equal(bonjour.suggestions![0].title, 'Add _printer._tcp to NSBonjourServices');
    fs.writeFileSync(info, applyEdits(fs.readFileSync(info, 'utf8'), edits));
    assert.match(fs.readFileSync(info, 'utf8'), /<string>_scanner\._tcp<\/string>\n\t\t<string>_printer\._tcp<\/string>\n\t<\/array>\n\t<key>NSLocalNetworkUsageDescription<\/key>\n\t<string>Explain why/);
    model.clear();
    assert.deepEqual(lint(model, source).map((f) => f.ruleId), ['entitlement-multicast-missing'], 'no quick fix for an entitlement Apple must grant');
  });

  it('adds the usage description as INFOPLIST_KEY_ build settings in a project without an Info.plist file', () => {
    const root = copyFixture('xcode13');
    const source = path.join(root, 'Legacy', 'Browser.swift');
    const pbxproj = path.join(root, 'Xcode13.xcodeproj', 'project.pbxproj');
    const model = new ProjectModel();
    const findings = lint(model, source);
    assert.deepEqual(findings.map((f) => f.ruleId), ['plist-local-network-usage-missing', 'plist-bonjour-services-missing']);
    const [usage, bonjour] = findings;
    assert.equal(usage.related![0].file, pbxproj);
    assert.equal(bonjour.suggestions, undefined, 'arrays cannot be build settings: no fix');
    fs.writeFileSync(pbxproj, applyEdits(fs.readFileSync(pbxproj, 'utf8'), usage.suggestions![0].edits));
    model.clear();
    assert.deepEqual(lint(model, source).map((f) => f.ruleId), ['plist-bonjour-services-missing']);
    assert.deepEqual(lint(model, path.join(root, 'Configured', 'Browser.swift')).map((f) => f.ruleId), ['plist-bonjour-services-missing']);
  });

  it('stays silent without project facts, and for macOS-only targets', () => {
    const root = tempProject({
      'Mac/Info.plist': '<plist version="1.0"><dict><key>LSMinimumSystemVersion</key><string>14.0</string></dict></plist>',
      'Mac/Browser.swift': 'let b = NWBrowser(for: .bonjour(type: "_a._tcp", domain: nil), using: .tcp)',
      'Loose/Browser.swift': 'let b = NWBrowser(for: .bonjour(type: "_a._tcp", domain: nil), using: .tcp)',
      '.git/HEAD': 'ref: refs/heads/main\n',
    });
    const model = new ProjectModel();
    assert.deepEqual(lint(model, path.join(root, 'Mac', 'Browser.swift')), []);
    assert.deepEqual(lint(model, path.join(root, 'Loose', 'Browser.swift')), []);
  });
});

describe('project-file rules on files', () => {
  const FILTER = path.join(ROOT, 'ne-filter');

  it('compare an app and its system extension through the Xcode project', () => {
    const model = new ProjectModel();
    const file = path.join(FILTER, 'Filter', 'Filter.entitlements');
    const result = lintProjectFile(defaultRegistry, file, fs.readFileSync(file), { model });
    assert.deepEqual(result.findings.map((f) => `${f.ruleId}:${f.range.start.line + 1}`), ['entitlement-ne-systemextension-variant:7']);
    assert.equal(result.findings[0].related![0].file, path.join(FILTER, 'FilterHost', 'FilterHost.entitlements'));
    assert.deepEqual(result.findings[0].suggestions![0].edits.map((e) => e.text), ['<string>content-filter-provider</string>']);
  });

  it('read binary plists (findings at the start of the file, no text fixes)', () => {
    const bytes = writeBinaryPlist({ 'com.apple.developer.network-extension.content-filter': true, 'com.apple.security.app-sandbox': true });
    const result = lintProjectFile(defaultRegistry, '/tmp/App.entitlements', bytes);
    assert.equal(result.problem, undefined);
    assert.deepEqual(result.findings.map((f) => [f.ruleId, f.range.start.line, f.range.start.character, f.suggestions]), [['entitlement-ne-invalid-key', 0, 0, undefined]]);
    const info = lintProjectFile(defaultRegistry, '/tmp/Info.plist', writeBinaryPlist({ NSAppTransportSecurity: { NSAllowsArbitraryLoads: true } }));
    assert.deepEqual(info.findings.map((f) => f.ruleId), ['ats-arbitrary-loads']);
  });

  it('return a clear problem for a malformed plist and never throw', () => {
    const result = lintProjectFile(defaultRegistry, '/tmp/Info.plist', '<plist version="1.0">\n<dict>\n\t<key>NSAllowsArbitraryLoads</key>\n\t<true>\n</dict>\n</plist>\n');
    assert.deepEqual(result.findings, []);
    assert.equal(result.problem, 'not a valid XML property list: expected </true> but found </dict> at line 5, column 1');
    assert.equal(result.problemIndex, 72);
    for (const junk of ['', '\u0000\u0001', 'bplist00garbage', '<plist>'.repeat(3)]) {
      assert.ok(lintProjectFile(defaultRegistry, '/tmp/X.entitlements', junk).problem);
    }
  });

  it('honour XML suppression comments and report unused ones', () => {
    const text = '<plist version="1.0">\n<dict>\n\t<key>NSAppTransportSecurity</key>\n\t<dict>\n\t\t<!-- netadvisor-disable-next-line ats-arbitrary-loads - kiosk build on a closed network -->\n\t\t<key>NSAllowsArbitraryLoads</key>\n\t\t<true/>\n\t</dict>\n\t<!-- netadvisor-disable-next-line entitlement-ne-invalid-key -->\n\t<key>CFBundleName</key>\n\t<string>x</string>\n</dict>\n</plist>\n';
    const result = lintProjectFile(defaultRegistry, '/tmp/Info.plist', text);
    assert.deepEqual(result.findings.map((f) => `${f.ruleId}:${f.range.start.line + 1}`), ['netadvisor-unused-suppression:9']);
  });

  it('skip rules switched off and files that are not project files', () => {
    const text = '<plist version="1.0"><dict><key>NSAppTransportSecurity</key><dict><key>NSAllowsArbitraryLoads</key><true/></dict></dict></plist>';
    assert.equal(lintProjectFile(defaultRegistry, '/tmp/Info.plist', text).findings.length, 1);
    assert.equal(lintProjectFile(defaultRegistry, '/tmp/Info.plist', text, { severities: { 'ats-arbitrary-loads': 'off' } }).findings.length, 0);
    assert.equal(lintProjectFile(defaultRegistry, '/tmp/Info.plist', text, { severities: { 'ats-arbitrary-loads': 'error' } }).findings[0].severity, 'error');
    assert.deepEqual(lintProjectFile(defaultRegistry, '/tmp/Contents.json', text), { findings: [], failures: [] });
  });
});
