// Suppression comments in the three comment syntaxes, with lists, reasons, aliases and file scope.
import * as assert from 'node:assert/strict';
import type { Linter } from '../../server/src/engine/linter';
import { testLinter } from '../helpers/linter';

describe('suppression comments', () => {
  let linter: Linter;
  before(async () => { linter = await testLinter(); });
  const ids = (text: string, language: 'swift' | 'objc' | 'c' = 'swift') => linter.lintText(text, language).findings.map((f) => `${f.range.start.line}:${f.ruleId}`);

  it('next-line suppresses only the following line', () => {
    assert.deepEqual(ids('// netadvisor-disable-next-line mpc-framework-use -- legacy\nimport MultipeerConnectivity'), []);
    assert.deepEqual(ids('// netadvisor-disable-next-line mpc-framework-use\n\nimport MultipeerConnectivity'),
      ['0:netadvisor-unused-suppression', '2:mpc-framework-use']);
  });

  it('accepts a list of ids and a reason', () => {
    // Without an import, the framework finding sits on the first MCSession use: both rules fire on one line.
    const code = '// netadvisor-disable-next-line mpc-framework-use, mpc-encryption-optional -- old peers\nlet s = MCSession(peer: p, securityIdentity: nil, encryptionPreference: .optional)';
    assert.deepEqual(ids(code), []);
  });

  it('disable-line applies to its own line, in block comments too', () => {
    assert.deepEqual(ids('@import MultipeerConnectivity; /* netadvisor-disable-line mpc-framework-use */', 'objc'), []);
  });

  it('disable-file without ids silences every rule in the file', () => {
    assert.deepEqual(ids('/* netadvisor-disable-file */\nimport MultipeerConnectivity'), []);
  });

  it('a directive inside a string is not a directive', () => {
    assert.deepEqual(ids('let s = "// netadvisor-disable-next-line mpc-framework-use"\nimport MultipeerConnectivity'), ['1:mpc-framework-use']);
  });

  it('partly used directives report only the unused ids', () => {
    const { findings } = linter.lintText('// netadvisor-disable-next-line mpc-framework-use, mpc-encryption-none\nimport MultipeerConnectivity', 'swift');
    assert.deepEqual(findings.map((f) => [f.ruleId, f.message]), [[
      'netadvisor-unused-suppression',
      'This netadvisor-disable comment suppresses nothing for mpc-encryption-none; remove it so it cannot hide a future finding.',
    ]]);
  });

  it('unused-suppression reports can be turned off', () => {
    const { findings } = linter.lintText('// netadvisor-disable-next-line mpc-framework-use\nlet x = 1', 'swift', { reportUnusedSuppressions: false });
    assert.deepEqual(findings, []);
  });
});
