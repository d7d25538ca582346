// Runs every project-file rule's own examples (plist snippets with ⟦markers⟧), as test/rules/examples.test.ts does
// for source rules: invalid ones must flag exactly the marked ranges with the stated messages, valid ones nothing.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { lintProjectFile } from '../../server/src/engine/project/lint-project-file';
import { readPlistText } from '../../server/src/engine/project/plist';
import { defaultRegistry } from '../../server/src/rules/index';
import type { ProjectFileExample, ProjectFileRuleDefinition } from '../../server/src/rules/project-file-rule';
import { renderMessage } from '../../server/src/rules/rule';
import { applyEdits } from '../../server/src/rules/syntax/plist';
import { stripMarkers } from '../helpers/markers';

const MIN_EXAMPLES = 3;
const FOLDER = '/example';

const codeOf = (example: ProjectFileExample) => (typeof example === 'string' ? example : example.code);
const title = (example: ProjectFileExample, index: number) => {
  const note = typeof example !== 'string' && example.note ? `(${example.note}) ` : '';
  const code = codeOf(example);
  const marked = /⟦([^⟧]*)⟧/.exec(code)?.[1];
  const key = (marked && /<(?:key|string)>([^<]+)</.exec(marked)?.[1]) ?? /<key>([^<]+)<\/key>/.exec(code)?.[1] ?? '';
  return `#${index + 1} ${note}${key}`;
};

function expectedMessage(rule: ProjectFileRuleDefinition, entry: string | undefined): string {
  const template = rule.messages[entry ?? Object.keys(rule.messages)[0]];
  return template === undefined ? entry! : renderMessage(template);
}

function lintExample(rule: ProjectFileRuleDefinition, example: ProjectFileExample, code: string) {
  const options: Exclude<ProjectFileExample, string> = typeof example === 'string' ? { code: example } : example;
  const kind = options.kind ?? rule.files[0];
  const file = path.posix.join(FOLDER, options.file ?? (kind === 'entitlements' ? 'App.entitlements' : 'Info.plist'));
  const files = options.files ?? {};
  const usages = (options.usages ?? []).map((u) => ({
    ...u, partners: u.partners.map((p) => ({ ...p, entitlementsFile: p.entitlementsFile && path.posix.join(FOLDER, p.entitlementsFile) })),
  }));
  const result = lintProjectFile(defaultRegistry, file, code, {
    severities: { [rule.id]: 'warning' },
    usages: { usages, inXcodeProject: options.inXcodeProject ?? usages.length > 0 },
    plist: (other) => {
      const text = files[path.posix.basename(other)];
      const read = text === undefined ? undefined : readPlistText(other, text);
      return read?.ok ? read.document : undefined;
    },
  });
  assert.equal(result.problem, undefined, 'the example is not a valid plist');
  assert.deepEqual(result.failures, [], 'the rule threw');
  return result.findings.filter((f) => f.ruleId === rule.id);
}

for (const rule of defaultRegistry.projectFileRules) {
  describe(`project-file rule ${rule.id}`, () => {
    it(`has at least ${MIN_EXAMPLES} invalid and ${MIN_EXAMPLES} valid examples`, () => {
      assert.ok(rule.examples.invalid.length >= MIN_EXAMPLES);
      assert.ok(rule.examples.valid.length >= MIN_EXAMPLES);
    });

    rule.examples.invalid.forEach((example, index) => {
      it(`invalid ${title(example, index)}`, () => {
        const { code, spans } = stripMarkers(codeOf(example));
        assert.ok(spans.length > 0, 'an invalid example must mark at least one ⟦finding⟧');
        const messages = typeof example === 'string' ? undefined : example.messages;
        const expected = spans.map((span, k) => ({ text: code.slice(span.start, span.end), message: expectedMessage(rule, messages?.[k]) }));
        const findings = lintExample(rule, example, code);
        assert.deepEqual(findings.map((f) => ({ text: code.slice(f.startIndex, f.endIndex), message: f.message })), expected);
        if (typeof example !== 'string' && example.output !== undefined) {
          const edits = findings.flatMap((f) => f.suggestions?.[0]?.edits ?? []);
          assert.ok(edits.every((e) => !e.file), "project-file fixes edit the linted file itself");
          assert.equal(applyEdits(code, edits), example.output, 'text after applying the suggestions');
        }
      });
    });

    rule.examples.valid.forEach((example, index) => {
      it(`valid ${title(example, index)}`, () => {
        const { code, spans } = stripMarkers(codeOf(example));
        assert.equal(spans.length, 0, 'valid examples carry no markers');
        assert.deepEqual(lintExample(rule, example, code).map((f) => `${f.range.start.line + 1}: ${code.slice(f.startIndex, f.endIndex)}`), []);
      });
    });
  });
}
