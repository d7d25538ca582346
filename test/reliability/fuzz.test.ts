// Property test: random mutations of rule examples and real-looking files never make the engine throw, every
// range lies inside the document, and the same input always gives the same findings.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Linter } from '../../server/src/engine/linter';
import type { LanguageId } from '../../server/src/parse/languages';
import { defaultRegistry } from '../../server/src/rules/index';
import type { RuleExample } from '../../server/src/rules/rule';
import { stripMarkers } from '../helpers/markers';
import { testLinter } from '../helpers/linter';

/** `npm run fuzz` raises the budget; `npm test` runs a bounded one. */
const RUNS = Number(process.env.NETADVISOR_FUZZ_RUNS ?? 150);

const corpus: { language: LanguageId; code: string }[] = [];
for (const rule of defaultRegistry.rules) {
  for (const language of rule.languages) {
    const examples = rule.examples[language];
    for (const example of [...(examples?.invalid ?? []), ...(examples?.valid ?? [])] as RuleExample[]) {
      corpus.push({ language, code: stripMarkers(typeof example === 'string' ? example : example.code).code });
    }
  }
}

/** Mutations that produce the broken code editors see mid-typing: cuts, splices, duplicated and swapped slices. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat(), length: fc.nat({ max: 40 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('{', '}', '(', ')', '^{', '"', '/*', '*/', '\n', '\r\n', '#if false\n', '\u0000', '😀', '\uFFFD')) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.nat({ max: 80 }) }),
);

function mutate(code: string, steps: { kind: 'cut' | 'insert' | 'duplicate'; at: number; length?: number; text?: string }[]): string {
  let text = code;
  for (const step of steps) {
    const at = text.length === 0 ? 0 : step.at % (text.length + 1);
    if (step.kind === 'cut') text = text.slice(0, at) + text.slice(at + (step.length ?? 0));
    else if (step.kind === 'insert') text = text.slice(0, at) + (step.text ?? '') + text.slice(at);
    else text = text.slice(0, at) + text.slice(at, at + (step.length ?? 0)) + text.slice(at);
  }
  return text;
}

describe('fuzzing the engine', function () {
  this.timeout(600000);
  let linter: Linter;
  before(async () => { linter = await testLinter(); });

  it(`never throws, keeps ranges inside the document and is deterministic (${RUNS} runs)`, () => {
    // Every rule on, opt-in ones included: the point is to exercise all of them.
    const severities = Object.fromEntries(defaultRegistry.rules.map((r) => [r.id, 'warning']));
    fc.assert(fc.property(fc.nat({ max: corpus.length - 1 }), fc.array(mutation, { maxLength: 6 }), (index, steps) => {
      const { language, code } = corpus[index];
      const text = mutate(code, steps);
      const first = linter.lintText(text, language, { severities });
      assert.deepEqual(first.failures, [], `a rule threw on:\n${text}`);
      for (const f of first.findings) {
        assert.ok(f.startIndex >= 0 && f.startIndex <= f.endIndex && f.endIndex <= text.length, `range ${f.startIndex}-${f.endIndex} outside ${text.length}`);
      }
      const second = linter.lintText(text, language, { severities });
      assert.deepEqual(second.findings, first.findings);
    }), { numRuns: RUNS, seed: Number(process.env.NETADVISOR_FUZZ_SEED ?? 20261122) });
  });
});
