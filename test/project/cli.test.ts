// `netadvisor check` on project files (spawned, as users run it): cross-file findings, plist findings, binary and
// malformed plists, and the project-file rules in `rules`, `--rule` and SARIF.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeBinaryPlist } from '../helpers/bplist-writer';
import { FIXTURES, runCli } from '../helpers/cli';
import { tempProject } from '../helpers/temp-project';

const ROOT = path.join(FIXTURES, 'project-files');

describe('netadvisor check with project files', function () {
  this.timeout(60000);

  it('reports the misconfigured target of two, at the code', () => {
    const run = runCli(['check', '.', '--format', 'json'], path.join(ROOT, 'two-targets'));
    assert.equal(run.status, 1, run.stderr);
    const report = JSON.parse(run.stdout) as { findings: { path: string; ruleId: string; line: number }[] };
    assert.deepEqual(report.findings.map((f) => `${f.path}:${f.line} ${f.ruleId}`), [
      'Finder/Discovery.swift:5 plist-local-network-usage-missing',
      'Finder/Discovery.swift:5 plist-bonjour-services-missing',
      'Finder/Discovery.swift:11 entitlement-multicast-missing',
    ]);
  });

  it('lints entitlements and Info.plist files, binary ones included, and skips malformed ones with the reason', () => {
    const root = tempProject({
      'App/Info.plist': '<plist version="1.0">\n<dict>\n\t<key>NSAppTransportSecurity</key>\n\t<dict>\n\t\t<key>NSAllowsArbitraryLoads</key>\n\t\t<true/>\n\t</dict>\n</dict>\n</plist>\n',
      'App/Broken.plist': '<plist version="1.0">\n<dict>\n\t<key>A</key>\n</dict>\n</plist>\n',
      'App/Assets.xcassets/Contents.json': '{}',
    });
    fs.writeFileSync(path.join(root, 'App', 'App.entitlements'), writeBinaryPlist({ 'com.apple.developer.network-extension.packet-tunnel': true }));
    const run = runCli(['check', '.'], root);
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /^App\/App\.entitlements:1:1: error This is not the Network Extension entitlement.*\[entitlement-ne-invalid-key\]$/m);
    assert.match(run.stdout, /^App\/Info\.plist:5:3: warning NSAllowsArbitraryLoads turns App Transport Security off.*\[ats-arbitrary-loads\]$/m);
    assert.match(run.stdout, /^skipped App\/Broken\.plist: not a valid XML property list: <key>A<\/key> has no value at line 3, column 2$/m);
    assert.match(run.stdout, /2 findings \(1 error, 1 warning\) in 2 of 2 files checked/);
  });

  it('knows the project-file rules in rules, --rule and SARIF', () => {
    const rules = runCli(['rules'], ROOT);
    assert.match(rules.stdout, /^ats-arbitrary-loads\s+warning\s+high\s+info-plist\s+App Transport Security/m);
    assert.match(rules.stdout, /^entitlement-ne-invalid-key\s+error\s+high\s+entitlements,info-plist/m);
    assert.match(rules.stdout, /^plist-local-network-usage-missing\s+warning\s+medium\s+swift,objc,c/m);
    const off = runCli(['check', 'ne-filter', '--rule', 'entitlement-ne-systemextension-variant=off'], ROOT);
    assert.equal(off.status, 0, off.stdout + off.stderr);
    const sarif = JSON.parse(runCli(['check', 'two-targets', '--format', 'sarif'], ROOT).stdout);
    const run = sarif.runs[0];
    assert.ok(run.tool.driver.rules.some((r: { id: string }) => r.id === 'entitlement-ne-invalid-key'));
    const result = run.results.find((r: { ruleId: string }) => r.ruleId === 'plist-local-network-usage-missing');
    assert.match(JSON.stringify(result.relatedLocations), /Finder\/Info\.plist/);
  });
});
