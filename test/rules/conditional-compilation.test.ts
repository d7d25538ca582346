// Compiled-out code: `#if false` / `#if 0` regions and the `#else` branches of always-true conditions.
import * as assert from 'node:assert/strict';
import type { LanguageId } from '../../server/src/parse/languages';
import { parseText } from '../../server/src/parse/parse';
import { inInactiveRegion } from '../../server/src/rules/syntax/conditional-compilation';
import { loadedGrammars } from '../helpers/grammars';

/** For each `probeN()` call in `code`: whether it is compiled out. */
async function inactiveProbes(language: LanguageId, code: string): Promise<Record<string, boolean>> {
  const parsed = parseText(await loadedGrammars(), language, code);
  try {
    const out: Record<string, boolean> = {};
    for (const call of parsed.tree.rootNode.descendantsOfType('call_expression')) {
      const name = call!.text.match(/^probe\d/)?.[0];
      if (name) out[name] = inInactiveRegion(call!, parsed.grammar);
    }
    return out;
  } finally {
    parsed.tree.delete();
  }
}

describe('compiled-out code', () => {
  it('Swift: #if false, the #else of #if true, nesting, and live branches', async () => {
    const code = [
      'func f() {',
      '  probe1()',
      '#if false',
      '  probe2()',
      '#else',
      '  probe3()',
      '#endif',
      '#if true',
      '  probe4()',
      '#else',
      '  probe5()',
      '  #if DEBUG',
      '  probe6()',
      '  #endif',
      '#endif',
      '#if os(iOS)',
      '  probe7()',
      '#else',
      '  probe8()',
      '#endif',
      '  probe9()',
      '}',
    ].join('\n');
    assert.deepEqual(await inactiveProbes('swift', code), {
      probe1: false, probe2: true, probe3: false, probe4: false, probe5: true, probe6: true, probe7: false, probe8: false, probe9: false,
    });
  });

  it('C: #if 0, the #else of #if 1, and conditions it cannot decide', async () => {
    const code = [
      'void f(void) {',
      '#if 0',
      '  probe1();',
      '#else',
      '  probe2();',
      '#endif',
      '#if 1',
      '  probe3();',
      '#else',
      '  probe4();',
      '#endif',
      '#ifdef DEBUG',
      '  probe5();',
      '#endif',
      '}',
    ].join('\n');
    assert.deepEqual(await inactiveProbes('c', code), { probe1: true, probe2: false, probe3: false, probe4: true, probe5: false });
  });
});
