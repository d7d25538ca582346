// Baseline fingerprints: stable under unrelated edits and moved lines, distinct per occurrence, gone when fixed.
import * as assert from 'node:assert/strict';
import { fingerprintFindings } from '../../server/src/engine/baseline';
import type { Linter } from '../../server/src/engine/linter';
import { testLinter } from '../helpers/linter';

describe('baseline fingerprints', () => {
  let linter: Linter;
  before(async () => { linter = await testLinter(); });

  const prints = (code: string, file = 'Sources/Chat.swift') => {
    const { findings } = linter.lintText(code, 'swift');
    return fingerprintFindings(findings, code, file);
  };

  const original = 'import MultipeerConnectivity\nlet s = MCSession(peer: p, securityIdentity: nil, encryptionPreference: .optional)\n';

  it('survives unrelated edits and moved lines', () => {
    const moved = `// a new header comment\n\nimport Foundation\n${original.replace('let s', '\n\nlet    s')}`;
    assert.deepEqual(prints(moved), prints(original));
  });

  it('differs by file, and by occurrence of the same code', () => {
    assert.notDeepEqual(prints(original, 'Other.swift'), prints(original));
    const twice = `${original}let t = MCSession(peer: p, securityIdentity: nil, encryptionPreference: .optional)\n`;
    const [, first, second] = prints(twice);
    assert.notEqual(first, second);
  });

  it('a fixed finding no longer produces its fingerprint', () => {
    const fixed = original.replace('.optional', '.required');
    assert.equal(prints(fixed).length, prints(original).length - 1);
    assert.ok(prints(fixed).every((p) => prints(original).includes(p)));
  });
});
