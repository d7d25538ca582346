// Generates a large, deterministic, real-looking Swift/ObjC/C source tree for the workspace benchmarks.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSwift } from '../scripts/lib/generate-swift.mjs';

/** Networking snippets sprinkled into a few percent of the files (the things the headline rules look for). */
const SWIFT_TRIGGERS = [
  'import MultipeerConnectivity\nlet benchSession = MCSession(peer: MCPeerID(displayName: "bench"), securityIdentity: nil, encryptionPreference: .optional)\n',
  'func benchFlood(_ c: NWConnection, _ h: FileHandle) {\n    while true {\n        let d = h.readData(ofLength: 65_536)\n        if d.isEmpty { break }\n        c.send(content: d, completion: .contentProcessed { _ in })\n    }\n}\n',
  'func benchSignal() { NEHotspotNetwork.fetchCurrent { n in print(n?.signalStrength ?? 0) } }\n',
];
const C_TRIGGERS = [
  'int bench_mx(const char *d) { unsigned char a[512]; return res_query(d, 1, 15, a, sizeof a); }\n',
  'void bench_send(nw_connection_t c, dispatch_data_t d) {\n    for (;;) {\n        nw_connection_send(c, d, NW_CONNECTION_DEFAULT_MESSAGE_CONTEXT, false, ^(nw_error_t e) { (void)e; });\n    }\n}\n',
];

function objcFile(n, lines) {
  const parts = [`#import <Foundation/Foundation.h>\n\n@interface Store${n} : NSObject\n@property (nonatomic, copy) NSArray<NSString *> *items;\n@end\n\n@implementation Store${n}\n`];
  let count = 8;
  for (let i = 0; count < lines; i++) {
    parts.push(`- (NSString *)itemAt${i}:(NSUInteger)index {\n    if (index >= self.items.count) {\n        return @"";\n    }\n    NSString *value = self.items[index];\n    return [value stringByAppendingFormat:@"-%lu", (unsigned long)index];\n}\n\n`);
    count += 8;
  }
  parts.push('@end\n');
  return parts.join('');
}

function cFile(n, lines) {
  const parts = [`#include <stdio.h>\n#include <string.h>\n\nstruct record${n} { int id; char name[32]; double score; };\n\n`];
  let count = 5;
  for (let i = 0; count < lines; i++) {
    parts.push(`static int compare_${i}(const struct record${n} *a, const struct record${n} *b) {\n    if (a->score < b->score) return -1;\n    if (a->score > b->score) return 1;\n    return strcmp(a->name, b->name);\n}\n\n`);
    count += 7;
  }
  return parts.join('');
}

/**
 * Writes `files` files of about `bytesPerFile` bytes (60% Swift, 25% Objective-C, 15% C) under `root`;
 * every `triggerEvery`-th file gets a networking snippet. Returns counts for the report.
 */
export function generateTree(root, { files = 5000, bytesPerFile = 8000, triggerEvery = 33 } = {}) {
  // Filler code uses no networking API, so the trigger snippets are the only networking in the tree.
  let bytes = 0;
  let triggered = 0;
  const lines = Math.max(20, Math.round(bytesPerFile / 38));
  for (let n = 0; n < files; n++) {
    const dir = join(root, `Module${n % 50}`, `Feature${n % 7}`);
    mkdirSync(dir, { recursive: true });
    const kind = n % 20 < 12 ? 'swift' : n % 20 < 17 ? 'objc' : 'c';
    const trigger = n % triggerEvery === 0;
    let text;
    if (kind === 'swift') text = (trigger ? SWIFT_TRIGGERS[n % SWIFT_TRIGGERS.length] : '') + generateSwift(lines, { networking: false }).replace(/\b(\w+?)(\d+)\b/g, (m, w, d) => `${w}${d}_${n}`);
    else if (kind === 'objc') text = (trigger ? '@import MultipeerConnectivity;\n' : '') + objcFile(n, lines);
    else text = (trigger ? C_TRIGGERS[n % C_TRIGGERS.length] : '') + cFile(n, lines);
    if (trigger) triggered++;
    const name = kind === 'swift' ? `File${n}.swift` : kind === 'objc' ? `File${n}.m` : `file${n}.c`;
    writeFileSync(join(dir, name), text);
    bytes += Buffer.byteLength(text);
  }
  return { files, bytes, triggered };
}
