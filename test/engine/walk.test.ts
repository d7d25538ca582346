// The single walk: each wanted node once, in document order, `:exit` after its descendants, from any root.
import * as assert from 'node:assert/strict';
import { walkTree, type WalkVisitors } from '../../server/src/engine/walk';
import { parseText } from '../../server/src/parse/parse';
import { loadedGrammars } from '../helpers/grammars';

describe('walkTree', () => {
  it('visits a wanted root once, nested nodes in order, and exits inner before outer', async () => {
    const grammars = await loadedGrammars();
    const parsed = parseText(grammars, 'swift', 'class Outer { class Inner {} }\nclass Next {}\n');
    try {
      const seen: string[] = [];
      const name = (n: { childForFieldName(f: string): { text: string } | null }) => n.childForFieldName('name')?.text;
      const visitors: WalkVisitors = {
        enter: new Map([['class_declaration', [(n) => seen.push(`enter ${name(n)}`)]]]),
        exit: new Map([['class_declaration', [(n) => seen.push(`exit ${name(n)}`)]]]),
      };
      walkTree(parsed.tree.rootNode.namedChildren[0]!, visitors);
      assert.deepEqual(seen, ['enter Outer', 'enter Inner', 'exit Inner', 'exit Outer']);
      seen.length = 0;
      walkTree(parsed.tree.rootNode, visitors);
      assert.deepEqual(seen, ['enter Outer', 'enter Inner', 'exit Inner', 'exit Outer', 'enter Next', 'exit Next']);
    } finally {
      parsed.tree.delete();
    }
  });
});
