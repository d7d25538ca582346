// Parsing: language detection, the C-with-blocks fallback to the Objective-C grammar, incremental edits.
import * as assert from 'node:assert/strict';
import type { Grammars } from '../../server/src/parse/grammars';
import { IncrementalDocument } from '../../server/src/parse/incremental';
import { languageForDocument, languageForPath } from '../../server/src/parse/languages';
import { parseText } from '../../server/src/parse/parse';
import { loadedGrammars } from '../helpers/grammars';

const C_WITH_BLOCKS = `#include <Network/Network.h>

void start(nw_connection_t connection, dispatch_queue_t queue) {
    nw_connection_set_state_changed_handler(connection, ^(nw_connection_state_t state, nw_error_t error) {
        if (state == nw_connection_state_ready) {
            dispatch_async(queue, ^{ puts("ready"); });
        }
    });
    nw_connection_start(connection);
}
`;

describe('parsing', () => {
  let grammars: Grammars;
  before(async () => { grammars = await loadedGrammars(); });

  it('detects languages from paths and editor ids', () => {
    assert.equal(languageForPath('A.swift'), 'swift');
    assert.equal(languageForPath('A.mm'), 'objc');
    assert.equal(languageForPath('a.c'), 'c');
    assert.equal(languageForPath('a.h', '#include <stdio.h>\nint f(void);'), 'c');
    assert.equal(languageForPath('a.h', '#import <Foundation/Foundation.h>\n@interface A : NSObject\n@end'), 'objc');
    assert.equal(languageForPath('notes.txt'), undefined);
    assert.equal(languageForDocument('objective-cpp', '/x/A.mm'), 'objc');
    assert.equal(languageForDocument('c', '/x/A.h', '@interface A\n@end'), 'objc');
  });

  it('parses C that uses blocks with the Objective-C grammar, without errors', () => {
    const c = parseText(grammars, 'c', 'int main(void) { return 0; }');
    assert.equal(c.grammar, 'c');
    c.tree.delete();
    const blocks = parseText(grammars, 'c', C_WITH_BLOCKS);
    assert.equal(blocks.grammar, 'objc');
    assert.equal(blocks.tree.rootNode.hasError, false);
    blocks.tree.delete();
  });

  it('keeps the incremental tree identical to a fresh parse across edits', () => {
    const original = 'import Network\n\nfunc go(c: NWConnection) {\n    c.start(queue: .main)\n}\n';
    const doc = new IncrementalDocument(grammars, 'swift', original);
    assert.equal(doc.tree.tree.rootNode.hasError, false);
    doc.applyChanges([{ range: { start: { line: 3, character: 4 }, end: { line: 3, character: 5 } }, text: 'connection' }]);
    doc.applyChanges([{ range: { start: { line: 2, character: 8 }, end: { line: 2, character: 9 } }, text: 'connection' }]);
    doc.applyChanges([{ range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, text: 'let x = 1\r\nlet y = "é"\n' }]);
    const expectedText = 'import Network\n\nfunc go(connection: NWConnection) {\n    connection.start(queue: .main)\n}\nlet x = 1\r\nlet y = "é"\n';
    assert.equal(doc.text, expectedText);
    const fresh = parseText(grammars, 'swift', expectedText);
    assert.equal(doc.tree.tree.rootNode.toString(), fresh.tree.rootNode.toString());
    fresh.tree.delete();
    doc.dispose();
  });

  it('replaces the whole text when a change has no range', () => {
    const doc = new IncrementalDocument(grammars, 'c', 'int a;');
    void doc.tree;
    doc.applyChanges([{ text: 'int b;' }]);
    assert.equal(doc.tree.tree.rootNode.text, 'int b;');
    doc.dispose();
  });

  it('never throws on broken code; the tree carries ERROR nodes', () => {
    const parsed = parseText(grammars, 'swift', 'func (((( { let = }}} #Preview {');
    assert.equal(parsed.tree.rootNode.hasError, true);
    parsed.tree.delete();
  });
});
