// Knowledge integrity: every rule has an article that explains it at length; every cross-reference resolves.
import * as assert from 'node:assert/strict';
import { main } from '../../server/src/cli/main';
import type { Io } from '../../server/src/cli/commands';
import { defaultRegistry } from '../../server/src/rules/index';
import { builtKnowledge } from '../helpers/knowledge';

async function explain(id: string): Promise<{ code: number; out: string }> {
  let out = '';
  const io: Io = { cwd: process.cwd(), stdout: (s) => { out += s; }, stderr: () => undefined, isTTY: false, env: {}, knowledge: builtKnowledge };
  const code = await main(['explain', id], io);
  return { code, out };
}

describe('knowledge integrity', () => {
  const store = builtKnowledge();
  const ruleIds = new Set(defaultRegistry.knownIds());

  for (const rule of defaultRegistry.rules) {
    it(`${rule.id}: its article exists and \`netadvisor explain\` prints at least a screen`, async () => {
      assert.ok(store.article(rule.article), `no article ${rule.article}`);
      const result = await explain(rule.id);
      assert.equal(result.code, 0);
      assert.ok(result.out.split('\n').length >= 40, `${rule.id}: only ${result.out.split('\n').length} lines`);
    });
  }

  it('articles name only real rules', () => {
    for (const article of store.articles) {
      for (const id of article.rules) assert.ok(ruleIds.has(id), `${article.id} names unknown rule ${id}`);
    }
  });

  it('rule articles name the rules that link to them', () => {
    for (const rule of defaultRegistry.rules) {
      const article = store.article(rule.article)!;
      assert.ok(article.rules.includes(rule.id), `${article.id} does not list ${rule.id} in its rules`);
    }
  });

  it('digests name only real rules and existing articles', () => {
    for (const digest of store.digests) {
      for (const id of digest.articles) assert.ok(store.article(id), `${digest.id} names missing article ${id}`);
    }
  });

  it('every symbol card points at an existing article', () => {
    for (const card of store.symbols) assert.ok(store.article(card.article), `${card.names[0]} → ${card.article}`);
  });
});
