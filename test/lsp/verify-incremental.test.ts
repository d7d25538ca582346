// The editor's safety net: when an incremental lint misses a cross-item effect, the full lint after typing corrects it.
import * as assert from 'node:assert/strict';
import type { Connection, PublishDiagnosticsParams } from 'vscode-languageserver';
import { Linter } from '../../server/src/engine/linter';
import { AnalysisScheduler } from '../../server/src/lsp/analysis';
import { DocumentManager } from '../../server/src/lsp/documents';
import { ProjectConfig } from '../../server/src/lsp/project-config';
import { SettingsCache } from '../../server/src/lsp/settings';
import { RuleRegistry } from '../../server/src/rules/registry';
import { defineRule } from '../../server/src/rules/rule';
import { loadedGrammars } from '../helpers/grammars';

/**
 * A rule that breaks its own contract on purpose: it says `scope: 'item'` but reports every type once the word
 * `Enabled` appears anywhere in the file, so an edit in one type changes findings in the others.
 */
const crossItemRule = defineRule({
  id: 'test-cross-item', title: 'test', languages: ['swift'], defaultSeverity: 'warning', confidence: 'high',
  article: 'test', sources: [], messages: { found: 'found' }, triggers: ['Beacon'], scope: 'item',
  create(context) {
    return {
      class_declaration(node) {
        if (context.text.includes('Enabled')) context.report({ node: node.childForFieldName('name') ?? node });
      },
    };
  },
  examples: {},
});

describe('analysis: full lint after typing stops', () => {
  it('republishes what the incremental lint missed, and logs which rule', async () => {
    const grammars = await loadedGrammars();
    const published: PublishDiagnosticsParams[] = [];
    const logs: string[] = [];
    const connection = { sendDiagnostics: (p: PublishDiagnosticsParams) => { published.push(p); return Promise.resolve(); } } as unknown as Connection;
    const documents = new DocumentManager(grammars);
    const linter = new Linter(grammars, new RuleRegistry([crossItemRule]));
    const scheduler = new AnalysisScheduler(connection, documents, linter, new SettingsCache(connection, false), undefined,
      new ProjectConfig(), { debounceMs: 0, verifyDelayMs: 50, log: (m) => logs.push(m) });
    const uri = 'untitled:Test.swift';
    const text = 'class Beacon {}\n\nclass Other {}\n';
    documents.open(uri, 'swift', 1, text);
    await scheduler.run(uri);
    assert.deepEqual(published.at(-1)!.diagnostics, []);

    // Edit only the second type: the incremental lint re-runs the rule there alone.
    const at = text.indexOf('{}', text.indexOf('Other'));
    documents.change(uri, 2, [{ range: { start: { line: 2, character: at - text.lastIndexOf('\n', at) - 1 }, end: { line: 2, character: at - text.lastIndexOf('\n', at) + 1 } }, text: '{ let Enabled = 1 }' }]);
    await scheduler.run(uri);
    const names = (p: PublishDiagnosticsParams) => p.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character}`);
    assert.deepEqual(names(published.at(-1)!), ['2:6'], 'incremental: only the edited type');

    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(published.at(-1)!.version, 2);
    assert.deepEqual(names(published.at(-1)!), ['0:6', '2:6'], 'corrected by the full lint');
    assert.deepEqual(logs.filter((l) => l.includes('differed')), [`incremental analysis of ${uri} differed from a full one for test-cross-item; corrected`]);
    scheduler.dispose();
  });
});
