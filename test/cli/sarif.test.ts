// SARIF output validated against the SARIF 2.1.0 JSON schema (from the npm registry), plus its key fields.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { FIXTURES, runCli } from '../helpers/cli';

const PROJECT = path.join(FIXTURES, 'cli', 'project');
const SCHEMA = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

interface SarifLog {
  runs: {
    tool: { driver: { name: string; rules: { id: string; helpUri?: string; shortDescription: { text: string }; defaultConfiguration: { level: string; enabled?: boolean } }[] } };
    results: { ruleId: string; ruleIndex: number; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: Record<string, number> } }[] }[];
    invocations: { toolExecutionNotifications: { message: { text: string } }[] }[];
  }[];
}

describe('netadvisor check --format sarif', function () {
  this.timeout(180000);
  let log: SarifLog;
  let raw: unknown;

  before(() => {
    const run = runCli(['check', '.', '--format', 'sarif'], PROJECT);
    assert.equal(run.status, 1, run.stderr);
    raw = JSON.parse(run.stdout);
    log = raw as SarifLog;
  });

  it('is valid against the SARIF 2.1.0 schema', () => {
    // The official schema's patterns are not valid under the `u` flag, hence unicodeRegExp: false.
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(fs.readFileSync(SCHEMA, 'utf8')));
    const ok = validate(raw);
    assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 2));
    // The validator is live: a result without a message is rejected.
    assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ ruleId: 'r' }] }] }), false);
  });

  it('describes every rule with help link and default level', () => {
    const rules = log.runs[0].tool.driver.rules;
    const mpc = rules.find((r) => r.id === 'mpc-framework-use')!;
    assert.equal(mpc.defaultConfiguration.level, 'note');
    assert.match(mpc.helpUri ?? '', /knowledge\/articles\/mpc-framework-use\.md$/);
    assert.equal(rules.find((r) => r.id === 'mpc-encryption-optional')!.defaultConfiguration.level, 'warning');
  });

  it('reports results with rule index, level and 1-based regions relative to the working directory', () => {
    const run = log.runs[0];
    const result = run.results.find((r) => r.ruleId === 'mpc-encryption-optional')!;
    assert.equal(run.tool.driver.rules[result.ruleIndex].id, 'mpc-encryption-optional');
    assert.equal(result.level, 'warning');
    assert.deepEqual(result.locations[0].physicalLocation.artifactLocation, { uri: 'Sources/Chat.swift', uriBaseId: '%SRCROOT%' });
    assert.deepEqual(result.locations[0].physicalLocation.region, { startLine: 4, startColumn: 110, endLine: 4, endColumn: 119 });
  });

  it('accepts a public help URI base for code scanning', () => {
    const run = runCli(['check', 'Sources/Peer.m', '--format', 'sarif', '--help-uri-base', 'https://example.org/netadvisor/articles'], PROJECT);
    const parsed = JSON.parse(run.stdout) as SarifLog;
    assert.equal(parsed.runs[0].tool.driver.rules.find((r) => r.id === 'mpc-framework-use')!.helpUri, 'https://example.org/netadvisor/articles/mpc-framework-use.md');
  });
});
