// Runs every rule's own examples: invalid ones must flag exactly the ⟦marked⟧ ranges with the stated messages,
// valid ones (near-misses) must stay silent.
import * as assert from 'node:assert/strict';
import type { Linter } from '../../server/src/engine/linter';
import { mentionsAnyToken } from '../../server/src/engine/token-counts';
import { factsFromTexts } from '../../server/src/engine/project/project-model';
import { defaultRegistry } from '../../server/src/rules/index';
import { renderMessage, triggersOf, type RuleDefinition, type RuleExample } from '../../server/src/rules/rule';
import { stripMarkers } from '../helpers/markers';
import { testLinter } from '../helpers/linter';

const MIN_EXAMPLES = 3;

function exampleCode(example: RuleExample): string {
  return typeof example === 'string' ? example : example.code;
}

function title(example: RuleExample, index: number): string {
  const firstLine = exampleCode(example).split('\n').map((l) => l.trim()).find((l) => l && !l.startsWith('//')) ?? '';
  return `#${index + 1} ${typeof example !== 'string' && example.note ? `(${example.note}) ` : ''}${firstLine.slice(0, 60)}`;
}

/** Expected message for a marker: a message id of the rule, or the literal message text. */
function expectedMessage(rule: RuleDefinition, entry: string | undefined): string {
  const id = entry ?? Object.keys(rule.messages)[0];
  const template = rule.messages[id];
  if (template === undefined) return id;
  assert.ok(!template.includes('{{'), `message "${id}" of ${rule.id} has placeholders: give the literal message in the example`);
  return renderMessage(template);
}

/** Applies the first suggestion of each finding, back to front so offsets stay valid (edits of other files are left out). */
function applySuggestions(code: string, findings: ReturnType<typeof findingsOf>): string {
  const edits = findings.flatMap((f) => f.suggestions?.[0]?.edits ?? []).filter((e) => !e.file).sort((a, b) => b.startIndex - a.startIndex);
  return edits.reduce((text, e) => text.slice(0, e.startIndex) + e.text + text.slice(e.endIndex), code);
}

function findingsOf(linter: Linter, rule: RuleDefinition, code: string, language: RuleDefinition['languages'][number], example?: RuleExample) {
  // Cross-file rules: the example's made-up target supplies the project facts.
  const project = typeof example === 'object' && example.project ? factsFromTexts(example.project) : undefined;
  const result = linter.lintText(code, language, { severities: { [rule.id]: 'warning' }, project });
  assert.deepEqual(result.failures, [], 'the rule threw');
  return result.findings.filter((f) => f.ruleId === rule.id);
}

for (const rule of defaultRegistry.rules) {
  describe(`rule ${rule.id}`, () => {
    let linter: Linter;
    before(async () => { linter = await testLinter(); });

    it('declares triggers that every invalid example mentions (the prefilter never hides a finding)', () => {
      for (const language of rule.languages) {
        const triggers = new Set(triggersOf(rule, language));
        assert.ok(triggers.size > 0, `no ${language} triggers: every file would have to be parsed for this rule`);
        for (const example of rule.examples[language]?.invalid ?? []) {
          const { code } = stripMarkers(exampleCode(example));
          assert.ok(mentionsAnyToken(code, triggers), `no trigger in: ${code.slice(0, 120)}`);
        }
      }
    });

    for (const language of rule.languages) {
      const examples = rule.examples[language];
      it(`has at least ${MIN_EXAMPLES} invalid and ${MIN_EXAMPLES} valid ${language} examples`, () => {
        assert.ok(examples, `no ${language} examples`);
        assert.ok(examples.invalid.length >= MIN_EXAMPLES, `${examples.invalid.length} invalid ${language} examples`);
        assert.ok(examples.valid.length >= MIN_EXAMPLES, `${examples.valid.length} valid ${language} examples`);
      });
      if (!examples) continue;

      examples.invalid.forEach((example, index) => {
        it(`${language} invalid ${title(example, index)}`, () => {
          const { code, spans } = stripMarkers(exampleCode(example));
          assert.ok(spans.length > 0, 'an invalid example must mark at least one ⟦finding⟧');
          const messages = typeof example === 'string' ? undefined : example.messages;
          const expected = spans.map((span, k) => ({
            text: code.slice(span.start, span.end), start: span.start, end: span.end,
            message: expectedMessage(rule, messages?.[k]),
          }));
          const findings = findingsOf(linter, rule, code, language, example);
          const actual = findings.map((f) => ({
            text: code.slice(f.startIndex, f.endIndex), start: f.startIndex, end: f.endIndex, message: f.message,
          }));
          assert.deepEqual(actual, expected);
          if (typeof example !== 'string' && example.output !== undefined) {
            assert.equal(applySuggestions(code, findings), example.output, 'code after applying the suggestions');
          }
        });
      });

      examples.valid.forEach((example, index) => {
        it(`${language} valid ${title(example, index)}`, () => {
          const { code, spans } = stripMarkers(exampleCode(example));
          assert.equal(spans.length, 0, 'valid examples carry no markers');
          const actual = findingsOf(linter, rule, code, language, example).map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${code.slice(f.startIndex, f.endIndex)}`);
          assert.deepEqual(actual, [], 'a near-miss was flagged');
        });
      });
    }
  });
}
