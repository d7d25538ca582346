// Memory bound: 200 open Swift/Objective-C/C documents of ~300 lines in one real server stay under 400 MB peak RSS, flat across edits.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspSession, REPO_ROOT } from '../helpers/lsp-session';

/** Knobs: documents opened, lines per document, the peak RSS bound. */
const DOCUMENTS = Number(process.env.NETADVISOR_MEMORY_DOCUMENTS ?? 200);
const LINES = Number(process.env.NETADVISOR_MEMORY_LINES ?? 300);
const LIMIT_MB = Number(process.env.NETADVISOR_MEMORY_LIMIT_MB ?? 400);
const EDIT_ROUNDS = Number(process.env.NETADVISOR_MEMORY_EDIT_ROUNDS ?? 4);
/** Allowed RSS growth from the first to the last edit round. */
const GROWTH_LIMIT_MB = Number(process.env.NETADVISOR_MEMORY_GROWTH_MB ?? 32);

type Language = 'swift' | 'objective-c' | 'c';

/** The finding each document's first lines trigger, with its exact range. */
const TRIGGERS: Record<Language, { text: string; rule: string; range: Diagnostic['range'] }> = {
  swift: { text: 'import MultipeerConnectivity\n', rule: 'mpc-framework-use', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 28 } } },
  'objective-c': { text: '@import MultipeerConnectivity;\n', rule: 'mpc-framework-use', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 30 } } },
  c: {
    text: '#include <resolv.h>\nint mx(const char *d) { unsigned char a[512]; return res_query(d, 1, 15, a, sizeof a); }\n',
    rule: 'res9-resolver-use', range: { start: { line: 1, character: 53 }, end: { line: 1, character: 62 } },
  },
};

/** Appends `unit(i)` to `head` until the text has at least `lines` lines. */
function repeatUntil(lines: number, head: string, unit: (i: number) => string, tail = ''): string {
  const parts = [head];
  let count = head.split('\n').length - 1 + (tail.split('\n').length - 1);
  for (let i = 0; count < lines; i++) {
    const text = unit(i);
    parts.push(text);
    count += text.split('\n').length - 1;
  }
  return parts.join('') + tail;
}

const objcText = (n: number, lines: number) => repeatUntil(lines,
  `#import <Foundation/Foundation.h>\n\n@interface Store${n} : NSObject\n@property (nonatomic, copy) NSArray<NSString *> *items;\n@end\n\n@implementation Store${n}\n`,
  (i) => `- (NSString *)item${n}At${i}:(NSUInteger)index {\n    if (index >= self.items.count) {\n        return @"";\n    }\n`
    + `    NSString *value = self.items[index];\n    return [value stringByAppendingFormat:@"-%lu", (unsigned long)index];\n}\n\n`,
  '@end\n');

const cText = (n: number, lines: number) => repeatUntil(lines,
  `#include <stdio.h>\n#include <string.h>\n\nstruct record${n} { int id; char name[32]; double score; };\n\n`,
  (i) => `static int compare_${n}_${i}(const struct record${n} *a, const struct record${n} *b) {\n    if (a->score < b->score) return -1;\n`
    + '    if (a->score > b->score) return 1;\n    return strcmp(a->name, b->name);\n}\n\n');

function vmKb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? Number.NaN);
}

describe('memory: many open documents in one server', function () {
  this.timeout(120000);

  it(`${DOCUMENTS} documents of ~${LINES} lines: all analysed, peak RSS under ${LIMIT_MB} MB, no growth over ${EDIT_ROUNDS} edit rounds, closed cleanly`, async function () {
    if (!fs.existsSync('/proc/self/status')) this.skip();
    const { generateSwift } = await import(pathToFileURL(path.join(REPO_ROOT, 'scripts', 'lib', 'generate-swift.mjs')).href) as
      { generateSwift: (lines: number) => string };
    const swift = generateSwift(LINES);
    const documents = Array.from({ length: DOCUMENTS }, (_, n) => {
      // 60% Swift, 25% Objective-C, 15% C, every text distinct (no two documents share a tree or a cache entry).
      const language: Language = n % 20 < 12 ? 'swift' : n % 20 < 17 ? 'objective-c' : 'c';
      const body = language === 'swift' ? swift.replace(/\b([A-Za-z_]+?)(\d+)\b/g, `$1$2_${n}`)
        : language === 'objective-c' ? objcText(n, LINES) : cText(n, LINES);
      const extension = language === 'swift' ? 'swift' : language === 'objective-c' ? 'm' : 'c';
      return { uri: `file:///memory/Doc${n}.${extension}`, language, text: TRIGGERS[language].text + body };
    });
    assert.ok(documents.every((d) => d.text.split('\n').length >= LINES), 'every document has the requested length');

    const session = await LspSession.start({ debounceMs: 5 });
    try {
      for (const d of documents) await session.open(d.uri, d.language, d.text);
      const published = await Promise.all(documents.map((d) => session.diagnostics(d.uri, (p) => p.version === 1, 60000)));
      published.forEach((p, i) => {
        const { rule, range } = TRIGGERS[documents[i].language];
        assert.deepEqual(p.diagnostics.filter((x) => x.code === rule).map((x) => x.range), [range], `${p.uri}: ${rule}`);
      });

      const peakMb = vmKb(session.pid, 'VmHWM') / 1024;
      console.log(`      ${DOCUMENTS} documents, ${documents.reduce((s, d) => s + d.text.length, 0)} characters: `
        + `server peak RSS ${peakMb.toFixed(0)} MB, RSS now ${(vmKb(session.pid, 'VmRSS') / 1024).toFixed(0)} MB`);
      assert.ok(peakMb < LIMIT_MB, `peak RSS ${peakMb.toFixed(0)} MB ≥ ${LIMIT_MB} MB`);

      // Edits: every document gets a line typed at its end, EDIT_ROUNDS times; RSS does not grow with the rounds.
      const rss: number[] = [];
      for (let round = 1; round <= EDIT_ROUNDS; round++) {
        for (const d of documents) {
          const line = d.text.split('\n').length - 1;
          await session.connection.sendNotification('textDocument/didChange', {
            textDocument: { uri: d.uri, version: round + 1 },
            contentChanges: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, text: `// edit ${round}\n` }],
          });
          d.text += `// edit ${round}\n`;
        }
        await Promise.all(documents.map((d) => session.diagnostics(d.uri, (p) => p.version === round + 1, 60000)));
        rss.push(vmKb(session.pid, 'VmRSS') / 1024);
      }
      console.log(`      RSS after each edit round: ${rss.map((x) => x.toFixed(0)).join(', ')} MB; peak ${(vmKb(session.pid, 'VmHWM') / 1024).toFixed(0)} MB`);
      // One leaked tree per edit would be ~200 trees (tens of MB) per round; old trees are freed, caches replaced.
      assert.ok(rss[rss.length - 1] - rss[0] < GROWTH_LIMIT_MB, `RSS grew ${(rss[rss.length - 1] - rss[0]).toFixed(0)} MB over ${EDIT_ROUNDS - 1} edit rounds`);
      assert.ok(vmKb(session.pid, 'VmHWM') / 1024 < LIMIT_MB, 'peak RSS after the edits');

      for (const d of documents) await session.connection.sendNotification('textDocument/didClose', { textDocument: { uri: d.uri } });
      // Closing clears each document's diagnostics (the last publication for it is empty) ...
      await Promise.all(documents.map((d) => session.diagnostics(d.uri, (p) => p.diagnostics.length === 0 && p.version === undefined, 30000)));
      // ... and the server still answers requests and analyses new documents.
      const rules = await session.connection.sendRequest<{ id: string }[]>('netadvisor/rules');
      assert.ok(rules.some((r) => r.id === 'mpc-framework-use'));
      await session.open('file:///memory/After.swift', 'swift', TRIGGERS.swift.text);
      const after = await session.diagnostics('file:///memory/After.swift');
      assert.deepEqual(after.diagnostics.map((x) => [x.code, x.range]), [['mpc-framework-use', TRIGGERS.swift.range]]);
      assert.equal(session.process.exitCode, null);
    } finally {
      await session.stop();
    }
  });
});
