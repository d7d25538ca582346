// The trigger prefilter and the token multiset the incremental linter keeps up to date.
import * as assert from 'node:assert/strict';
import { TokenCounts, TriggerMatcher } from '../../server/src/engine/token-counts';

describe('trigger prefilter', () => {
  const matcher = new TriggerMatcher(['MCSession', 'Apple80211*', 'res_9_*']);

  it('matches whole identifiers and prefixes only', () => {
    assert.equal(matcher.matches('let s = MCSession(peer: p)'), true);
    assert.equal(matcher.matches('Apple80211Open(&ref)'), true);
    assert.equal(matcher.matches('res_9_ninit(&state)'), true);
    assert.equal(matcher.matches('MCSessionDelegate'), false, 'a longer identifier');
    assert.equal(matcher.matches('myMCSession'), false, 'inside an identifier');
    assert.equal(matcher.matches('xApple80211Open'), false, 'prefix inside an identifier');
    assert.equal(matcher.matches('MCSessio'), false);
  });

  it('never matches with no triggers', () => {
    assert.equal(new TriggerMatcher([]).matches('MCSession'), false);
  });
});

describe('token multiset', () => {
  it('follows an edit by swapping the span tokens', () => {
    const before = 'let a = MCSession()\nlet b = MCSession()\n';
    const counts = TokenCounts.of(before);
    const after = 'let a = MCSession()\nlet b = NWConnection()\n';
    const start = before.indexOf('MCSession', 10);
    counts.add(before, start, start + 'MCSession'.length, -1);
    counts.add(after, start, start + 'NWConnection'.length, 1);
    assert.equal(counts.has('MCSession'), true, 'one occurrence is left');
    assert.equal(counts.has('NWConnection'), true);
    counts.add(after, 0, 'let a = MCSession()'.length, -1);
    assert.equal(counts.has('MCSession'), false, 'the last occurrence is gone');
    assert.equal(counts.hasPrefix('NWConn'), true);
  });
});
