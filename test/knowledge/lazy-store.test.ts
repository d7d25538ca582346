// The server's lazy knowledge store: the bundle is read on first use, answers as the eager one, and a missing one is reported once.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { KnowledgeStore } from '../../server/src/knowledge/store';
import { builtKnowledge } from '../helpers/knowledge';

const BUNDLE = path.resolve(__dirname, '..', '..', '..', 'dist', 'knowledge.json');

describe('lazy knowledge store', () => {
  it('reads the bundle only on first use, then answers exactly as the eager store', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netadvisor-lazy-'));
    const file = path.join(dir, 'knowledge.json');
    const errors: string[] = [];
    const lazy = KnowledgeStore.lazy((m) => errors.push(m), file);
    // Created before the file exists: nothing has been read yet.
    fs.copyFileSync(BUNDLE, file);
    fs.symlinkSync(path.resolve(path.dirname(BUNDLE), '..', 'knowledge'), path.join(dir, 'knowledge'));
    const eager = builtKnowledge();
    assert.equal(lazy.available, true);
    assert.deepEqual(errors, []);
    assert.equal(lazy.articles.length, eager.articles.length);
    assert.deepEqual(lazy.symbol('MCSession'), eager.symbol('MCSession'));
    assert.equal(lazy.articleMarkdown('mpc-framework-use'), eager.articleMarkdown('mpc-framework-use'));
    assert.equal(lazy.articleUri('mpc-framework-use'), `file://${dir}/knowledge/articles/mpc-framework-use.md`);
    assert.equal(lazy.articleUri('no-such-article'), undefined);
  });

  it('reports an unreadable bundle once and behaves as empty (available false)', () => {
    const errors: string[] = [];
    const file = path.join(os.tmpdir(), 'netadvisor-no-such-dir', 'knowledge.json');
    const lazy = KnowledgeStore.lazy((m) => errors.push(m), file);
    assert.deepEqual(errors, [], 'nothing is read before first use');
    assert.equal(lazy.available, false);
    assert.equal(lazy.article('mpc-framework-use'), undefined);
    assert.equal(lazy.articleUri('mpc-framework-use'), undefined);
    assert.deepEqual([lazy.articles.length, lazy.symbols.length, lazy.digests.length], [0, 0, 0]);
    assert.equal(errors.length, 1);
    assert.match(errors[0], /^cannot read the knowledge bundle .*netadvisor-no-such-dir\/knowledge\.json \(run `npm run knowledge`\): ENOENT/);
  });
});
