// Search: error strings a developer would paste find their forum thread or article in the top three results.
import * as assert from 'node:assert/strict';
import { KnowledgeSearch, tokenize } from '../../server/src/knowledge/search';
import { builtKnowledge } from '../helpers/knowledge';

/** Real error strings and symptoms from the forum threads, and the thread or article that must rank in the top 3. */
const CASES: [query: string, expectedId: string][] = [
  ['Symbol not found: ___res_9_state', 'symbol-not-found-res-9-state'],
  ['NoAuth(-65555)', 'nwbrowser-fails-with-noauth-65555-inside-an-app-intent'],
  ['ECONNABORTED', 'urlsessionwebsockettask-closecode-stays-invalid-after'],
  ['errno 13 Permission denied', 'neurlfilter-simpleurlfilter-neagent-fails-to-open-url'],
  ['-1200', 'urlsession-on-watchos-never-fails-over-to-watchs-own-wi-fi'],
  ['-9816', 'urlsession-on-watchos-never-fails-over-to-watchs-own-wi-fi'],
  ['sendto ENETDOWN', 'sendto-system-call-doesnt-return-an-error-even-when-there-is'],
  ['signal strength', 'wifi-signal-strength-not-general'],
  ['MCSession encryptionPreference optional', 'mpc-encryption-optional'],
];

describe('knowledge search', () => {
  let search: KnowledgeSearch;
  before(() => { search = new KnowledgeSearch(builtKnowledge()); });

  for (const [query, expected] of CASES) {
    it(`"${query}" finds ${expected} in the top three`, () => {
      const ids = search.search(query, 3).map((r) => r.id);
      assert.ok(ids.includes(expected), `top three were: ${ids.join(', ')}`);
    });
  }

  it('returns nothing for an empty query and ranks by score', () => {
    assert.deepEqual(search.search('   '), []);
    const scores = search.search('NWConnection send flow control').map((r) => r.score);
    assert.deepEqual(scores, [...scores].sort((a, b) => b - a));
  });

  it('keeps identifiers whole and also indexes their parts', () => {
    assert.deepEqual(tokenize('Symbol not found: ___res_9_state'), ['Symbol', 'not', 'found', '___res_9_state', 'res', '9', 'state']);
    assert.ok(tokenize('NEHotspotNetwork.signalStrength').includes('signalStrength'));
  });
});
