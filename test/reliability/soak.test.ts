// Soak: many random edits across many open documents; memory stays bounded and every publication belongs to the
// latest version of its document (versions never go backwards, the last one is the final version).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { LspSession } from '../helpers/lsp-session';

/** `npm run soak` runs the full 50 × 200; `npm test` a bounded 20 × 50. */
const DOCUMENTS = Number(process.env.NETADVISOR_SOAK_DOCUMENTS ?? 20);
const EDITS_PER_DOCUMENT = Number(process.env.NETADVISOR_SOAK_EDITS ?? 50);

const TEMPLATE = [
  'import MultipeerConnectivity',
  'import Network',
  '',
  'final class Peer {',
  '    let session = MCSession(peer: MCPeerID(displayName: "x"), securityIdentity: nil, encryptionPreference: .optional)',
  '    func flood(_ c: NWConnection, _ chunks: [Data]) {',
  '        while true { c.send(content: chunks[0], completion: .contentProcessed { _ in }) }',
  '    }',
  '}',
  '',
].join('\n');

function rssKb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

describe('soak: random edits across open documents', function () {
  this.timeout(600000);

  it(`${DOCUMENTS} documents × ${EDITS_PER_DOCUMENT} edits: bounded memory, only latest versions published`, async () => {
    const session = await LspSession.start({ debounceMs: 5 });
    try {
      const texts = new Map<string, string>();
      const versions = new Map<string, number>();
      for (let d = 0; d < DOCUMENTS; d++) {
        const uri = `file:///soak/Doc${d}.swift`;
        texts.set(uri, TEMPLATE);
        versions.set(uri, 1);
        await session.open(uri, 'swift', TEMPLATE);
      }
      await Promise.all([...texts.keys()].map((uri) => session.diagnostics(uri)));
      const before = rssKb(session.process.pid!);

      let seed = 42;
      const random = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
      const alphabet = ['x', ' ', '\n', '{', '}', '(', ')', '"', 'send', '.optional', 'MCSession'];
      for (let i = 0; i < EDITS_PER_DOCUMENT; i++) {
        for (const [uri, text] of texts) {
          const lines = text.split('\n');
          const line = Math.floor(random() * lines.length);
          const character = Math.floor(random() * (lines[line].length + 1));
          const deleting = random() < 0.3 && character < lines[line].length;
          const insert = deleting ? '' : alphabet[Math.floor(random() * alphabet.length)];
          const end = { line, character: deleting ? character + 1 : character };
          lines[line] = lines[line].slice(0, character) + insert + lines[line].slice(end.character);
          const version = versions.get(uri)! + 1;
          versions.set(uri, version);
          texts.set(uri, lines.join('\n'));
          await session.connection.sendNotification('textDocument/didChange', {
            textDocument: { uri, version },
            contentChanges: [{ range: { start: { line, character }, end }, text: insert }],
          });
        }
      }
      // Every document settles on its final version.
      await Promise.all([...versions].map(([uri, version]) => session.diagnostics(uri, (p) => p.version === version, 60000)));
      const after = rssKb(session.process.pid!);

      const byUri = new Map<string, PublishDiagnosticsParams[]>();
      for (const p of session.published) byUri.set(p.uri, [...(byUri.get(p.uri) ?? []), p]);
      for (const [uri, list] of byUri) {
        const seen = list.map((p) => p.version ?? 0);
        assert.deepEqual(seen, [...seen].sort((a, b) => a - b), `${uri}: a publication went back to an older version`);
        assert.equal(seen[seen.length - 1], versions.get(uri));
        const text = texts.get(uri)!;
        const lines = text.split('\n');
        for (const d of list[list.length - 1].diagnostics) {
          assert.ok(d.range.end.line < lines.length, `${uri}: diagnostic past the end of the document`);
        }
      }
      // Trees are freed and caches bounded: growth stays far below one tree per edit.
      assert.ok(after - before < 150 * 1024, `RSS grew from ${before} KB to ${after} KB`);
    } finally {
      await session.stop();
    }
  });
});
