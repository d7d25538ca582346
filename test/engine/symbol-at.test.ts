// The spellings a hover looks up for the symbol under the cursor.
import * as assert from 'node:assert/strict';
import { symbolAt } from '../../server/src/engine/symbol-at';
import type { Grammars } from '../../server/src/parse/grammars';
import { parseText } from '../../server/src/parse/parse';
import { loadedGrammars } from '../helpers/grammars';

describe('symbol under the cursor', () => {
  let grammars: Grammars;
  before(async () => { grammars = await loadedGrammars(); });

  const namesAt = (language: 'swift' | 'objc' | 'c', code: string, marker: string) => {
    const parsed = parseText(grammars, language, code);
    try {
      return symbolAt(parsed.tree, code.indexOf(marker))?.names;
    } finally {
      parsed.tree.delete();
    }
  };

  it('Swift member call: signature, then bare name', () => {
    assert.deepEqual(namesAt('swift', 'session.send(data, toPeers: peers, with: .reliable)', 'send'), ['send(_:toPeers:with:)', 'send']);
  });

  it('Swift type name', () => {
    assert.deepEqual(namesAt('swift', 'let s = MCSession(peer: p)', 'MCSession'), ['MCSession(peer:)', 'MCSession']);
  });

  it('Swift delegate method declaration', () => {
    assert.deepEqual(namesAt('swift', 'func session(_ session: MCSession, didReceive data: Data, fromPeer peerID: MCPeerID) {}', 'session('),
      ['session(_:didReceive:fromPeer:)', 'session']);
  });

  it('Objective-C message: full selector from any keyword', () => {
    const code = '@implementation A\n- (void)f { [s sendData:d toPeers:p withMode:MCSessionSendDataReliable error:&e]; }\n@end';
    assert.deepEqual(namesAt('objc', code, 'toPeers'), ['sendData:toPeers:withMode:error:', 'toPeers']);
  });

  it('C function call', () => {
    assert.deepEqual(namesAt('c', 'void f(void) { res_9_nquery(&st, "x", 1, 1, buf, 10); }', 'res_9_nquery'), ['res_9_nquery']);
  });

  it('nothing on keywords, literals and punctuation', () => {
    assert.equal(namesAt('swift', 'let s = "MCSession"', 'MCSession'), undefined);
    assert.equal(namesAt('swift', 'let s = 1', 'let'), undefined);
  });
});
