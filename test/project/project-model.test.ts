// The project model: Xcode projects (Xcode 16 synchronized folders and older groups), INFOPLIST_KEY_* settings, the
// nearest-Info.plist fallback, silence when the configuration cannot be found, caching and clear().
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parsePbxproj, membership, addBuildSettingEdit } from '../../server/src/engine/project/pbxproj';
import { ProjectModel } from '../../server/src/engine/project/project-model';
import { applyEdits } from '../../server/src/rules/syntax/plist';
import { FIXTURES } from '../helpers/cli';
import { tempProject } from '../helpers/temp-project';

const ROOT = path.join(FIXTURES, 'project-files');
const TWO = path.join(ROOT, 'two-targets');
const XC13 = path.join(ROOT, 'xcode13');
const FILTER = path.join(ROOT, 'ne-filter');

function copyFixture(name: string): string {
  const target = tempProject({});
  fs.cpSync(path.join(ROOT, name), target, { recursive: true });
  return target;
}

describe('project.pbxproj', () => {
  it('reads targets, merged build settings and synchronized folders (Xcode 16)', () => {
    const file = path.join(TWO, 'TwoTargets.xcodeproj', 'project.pbxproj');
    const parsed = parsePbxproj(file, fs.readFileSync(file, 'utf8'));
    assert.ok(parsed.ok);
    const { project } = parsed;
    assert.equal(project.projectDir, TWO);
    assert.deepEqual(project.targets.map((t) => t.name), ['Finder', 'Beacon']);
    const [finder] = project.targets;
    assert.deepEqual(finder.configurations.map((c) => c.name), ['Debug', 'Release']);
    const debug = finder.configurations[0];
    assert.equal(debug.settings.get('INFOPLIST_FILE'), 'Finder/Info.plist');
    assert.equal(debug.settings.get('SDKROOT'), 'iphoneos', 'project-level settings are inherited');
    assert.equal(membership(finder, path.join(TWO, 'Finder', 'Discovery.swift')), 2);
    assert.equal(membership(finder, path.join(TWO, 'Finder', 'Info.plist')), 0, 'membership exceptions exclude the Info.plist');
    assert.equal(membership(finder, path.join(TWO, 'Beacon', 'Discovery.swift')), 0);
  });

  it('reads PBXGroup paths and sources build phases (older projects)', () => {
    const file = path.join(XC13, 'Xcode13.xcodeproj', 'project.pbxproj');
    const parsed = parsePbxproj(file, fs.readFileSync(file, 'utf8'));
    assert.ok(parsed.ok);
    const [legacy, configured] = parsed.project.targets;
    assert.deepEqual([...legacy.files], [path.join(XC13, 'Legacy', 'Browser.swift')]);
    assert.equal(membership(legacy, path.join(XC13, 'Legacy', 'Helper.swift')), 1, 'a new file beside a member: same target, weaker');
    assert.equal(membership(configured, path.join(XC13, 'Legacy', 'Browser.swift')), 0);
  });

  it('adds build settings in alphabetical order and keeps the file parseable', () => {
    const file = path.join(XC13, 'Xcode13.xcodeproj', 'project.pbxproj');
    const text = fs.readFileSync(file, 'utf8');
    const parsed = parsePbxproj(file, text);
    assert.ok(parsed.ok);
    const config = parsed.project.targets[0].configurations[0];
    const edit = addBuildSettingEdit(parsed.project, config.buildSettings!, 'INFOPLIST_KEY_NSLocalNetworkUsageDescription', 'Finds "printers".');
    const out = applyEdits(text, [edit]);
    assert.match(out, /INFOPLIST_KEY_CFBundleDisplayName = Legacy;\n\t\t\t\tINFOPLIST_KEY_NSLocalNetworkUsageDescription = "Finds \\"printers\\"\.";\n\t\t\t\tINFOPLIST_KEY_UILaunchScreen_Generation = YES;/);
    const again = parsePbxproj(file, out);
    assert.ok(again.ok);
    assert.equal(again.project.targets[0].configurations[0].settings.get('INFOPLIST_KEY_NSLocalNetworkUsageDescription'), 'Finds "printers".');
  });

  it('reports a malformed project file instead of throwing', () => {
    const parsed = parsePbxproj('/x/A.xcodeproj/project.pbxproj', '// !$*UTF8*$!\n{ objects = { A = { isa = PBXProject; ');
    assert.equal(parsed.ok, false);
  });
});

describe('project model', () => {
  it('gives each target of one folder tree its own facts (two targets, one misconfigured)', () => {
    const model = new ProjectModel();
    const finder = model.factsFor(path.join(TWO, 'Finder', 'Discovery.swift'))!;
    const beacon = model.factsFor(path.join(TWO, 'Beacon', 'Discovery.swift'))!;
    assert.equal(finder.target, 'Finder');
    assert.equal(beacon.target, 'Beacon');
    assert.deepEqual([...finder.platforms!], ['ios']);
    assert.equal(finder.infoKeys().has('NSLocalNetworkUsageDescription'), false);
    assert.equal(beacon.infoKeys().has('NSLocalNetworkUsageDescription'), true);
    assert.deepEqual(beacon.infoValue('NSBonjourServices'), ['_printer._tcp']);
    assert.equal(finder.entitlementKeys()!.has('com.apple.developer.networking.multicast'), false);
    assert.equal(beacon.entitlementValue('com.apple.developer.networking.multicast'), true);
    const location = finder.infoPlistLocation('NSLocalNetworkUsageDescription')!;
    assert.equal(location.file, path.join(TWO, 'Finder', 'Info.plist'));
    assert.deepEqual(location.range, { start: { line: 3, character: 0 }, end: { line: 3, character: 6 } });
    assert.match(location.message, /Info\.plist of target Finder has no NSLocalNetworkUsageDescription/);
    const present = beacon.infoPlistLocation('NSBonjourServices')!;
    assert.equal(present.range.start.line, 6);
  });

  it('reads INFOPLIST_KEY_* build settings when the target has no Info.plist file (Xcode 13 and later)', () => {
    const model = new ProjectModel();
    const legacy = model.factsFor(path.join(XC13, 'Legacy', 'Browser.swift'))!;
    const configured = model.factsFor(path.join(XC13, 'Configured', 'Browser.swift'))!;
    assert.equal(legacy.infoKeys().has('CFBundleDisplayName'), true);
    assert.equal(legacy.infoKeys().has('NSLocalNetworkUsageDescription'), false);
    assert.equal(configured.infoValue('NSLocalNetworkUsageDescription'), 'Finds printers on your network.');
    assert.equal(legacy.entitlementKeys(), undefined, 'no CODE_SIGN_ENTITLEMENTS');
    const where = legacy.infoPlistLocation('NSLocalNetworkUsageDescription')!;
    assert.equal(where.file, path.join(XC13, 'Xcode13.xcodeproj', 'project.pbxproj'));
    assert.match(where.message, /no Info\.plist file/);
    const set = configured.infoPlistLocation('NSLocalNetworkUsageDescription')!;
    assert.match(fs.readFileSync(set.file, 'utf8').split('\n')[set.range.start.line], /INFOPLIST_KEY_NSLocalNetworkUsageDescription/);
  });

  it('adds the key as an INFOPLIST_KEY_ setting to every configuration, and then knows it', () => {
    const root = copyFixture('xcode13');
    const model = new ProjectModel();
    const source = path.join(root, 'Legacy', 'Browser.swift');
    const edits = model.factsFor(source)!.addInfoStringEdits!('NSLocalNetworkUsageDescription', 'Finds printers.')!;
    assert.equal(edits.length, 2, 'Debug and Release');
    const pbxproj = path.join(root, 'Xcode13.xcodeproj', 'project.pbxproj');
    assert.ok(edits.every((e) => e.file === pbxproj));
    fs.writeFileSync(pbxproj, applyEdits(fs.readFileSync(pbxproj, 'utf8'), edits));
    assert.equal(model.factsFor(source)!.infoKeys().has('NSLocalNetworkUsageDescription'), false, 'cached until clear()');
    model.clear();
    assert.equal(model.factsFor(source)!.infoValue('NSLocalNetworkUsageDescription'), 'Finds printers.');
  });

  it('falls back to the nearest Info.plist up the folders without an Xcode project', () => {
    const root = tempProject({
      '.git/HEAD': 'ref: refs/heads/main\n',
      'App/Info.plist': '<plist version="1.0"><dict><key>LSRequiresIPhoneOS</key><true/></dict></plist>',
      'App/App.entitlements': '<plist version="1.0"><dict/></plist>',
      'App/Sources/Net/Browser.swift': 'let b = 1',
      'Tool/main.swift': 'print(1)',
    });
    const model = new ProjectModel();
    const facts = model.factsFor(path.join(root, 'App', 'Sources', 'Net', 'Browser.swift'))!;
    assert.equal(facts.source, 'info-plist');
    assert.deepEqual([...facts.platforms!], ['ios']);
    assert.deepEqual([...facts.entitlementKeys()!], []);
    assert.equal(model.factsFor(path.join(root, 'Tool', 'main.swift')), undefined, 'no Info.plist up to the repository root');
  });

  it('stays silent (no facts) when the configuration cannot be found or read', () => {
    const root = tempProject({
      'App/Info.plist': '<plist version="1.0"><dict><key>A</key></dict></plist>',
      'App/Browser.swift': 'let b = 1',
    });
    const model = new ProjectModel();
    assert.equal(model.factsFor(path.join(root, 'App', 'Browser.swift')), undefined, 'malformed Info.plist');
    const broken = copyFixture('two-targets');
    fs.writeFileSync(path.join(broken, 'Finder', 'Info.plist'), '<plist><dict><key>A</key>');
    assert.equal(new ProjectModel().factsFor(path.join(broken, 'Finder', 'Discovery.swift')), undefined, 'the target Info.plist is malformed');
    assert.ok(new ProjectModel().factsFor(path.join(broken, 'Beacon', 'Discovery.swift')), 'the other target is unaffected');
    assert.equal(new ProjectModel().factsFor(path.join(TWO, 'Scripts', 'tool.swift')), undefined, 'a project exists but no target builds the file');
  });

  it('uses an editor overlay instead of the file on disk', () => {
    const model = new ProjectModel();
    const source = path.join(TWO, 'Finder', 'Discovery.swift');
    const info = path.join(TWO, 'Finder', 'Info.plist');
    assert.equal(model.factsFor(source)!.infoKeys().has('NSLocalNetworkUsageDescription'), false);
    model.setOverlay(info, fs.readFileSync(info, 'utf8').replace('<dict>', '<dict>\n\t<key>NSLocalNetworkUsageDescription</key>\n\t<string>x</string>'));
    assert.equal(model.factsFor(source)!.infoKeys().has('NSLocalNetworkUsageDescription'), true);
    model.setOverlay(info, undefined);
    assert.equal(model.factsFor(source)!.infoKeys().has('NSLocalNetworkUsageDescription'), false);
  });

  it('tells which configurations use an entitlements file, with signing, platform and embedding partners', () => {
    const model = new ProjectModel();
    const { usages, inXcodeProject } = model.usagesOf(path.join(FILTER, 'Filter', 'Filter.entitlements'));
    assert.equal(inXcodeProject, true);
    assert.deepEqual(usages.map((u) => `${u.target}/${u.configuration}`), ['Filter/Debug', 'Filter/Release']);
    assert.deepEqual(usages[0].platforms, ['macos']);
    assert.equal(usages[0].signingIdentity, 'Apple Development');
    assert.equal(usages[0].productType, 'com.apple.product-type.system-extension');
    assert.deepEqual(usages[0].partners, [{ target: 'FilterHost', role: 'host-app', entitlementsFile: path.join(FILTER, 'FilterHost', 'FilterHost.entitlements') }]);
    const host = model.usagesOf(path.join(FILTER, 'FilterHost', 'FilterHost.entitlements')).usages[0];
    assert.deepEqual(host.partners.map((p) => `${p.target}:${p.role}`), ['Filter:system-extension']);
    assert.deepEqual(model.usagesOf(path.join(FILTER, 'Stray.entitlements')).usages, []);
  });
});
