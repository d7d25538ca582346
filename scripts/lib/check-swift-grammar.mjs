// Checks a built Swift wasm: linear-time parsing of a 5,000-line file, and a tree identical to the native parser's.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { generateSwift } from './generate-swift.mjs';

const PARSE_LIMIT_MS = 300;

/** Best time of several parses: the fastest run is the one least disturbed by other work on the machine. */
function bestParseMs(parser, text, runs) {
  let best = Infinity;
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    parser.parse(text).delete();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

export async function checkSwiftGrammar(root, wasmPath) {
  // Same wasm compiler settings as the server and CLI (see server/src/parse/grammars.ts).
  (await import('node:v8')).setFlagsFromString('--liftoff-only');
  const require = createRequire(join(root, 'package.json'));
  const { Parser, Language } = require('web-tree-sitter');
  await Parser.init();
  const parser = new Parser();
  parser.setLanguage(await Language.load(wasmPath));

  const big = generateSwift(5000);
  const small = generateSwift(1000);
  bestParseMs(parser, small, 2);
  const smallMs = bestParseMs(parser, small, 9);
  const bestMs = bestParseMs(parser, big, 9);
  // The scanner bug makes parsing superlinear (5x the text took ~30x the time); a healthy grammar scales ~5x.
  const ratio = bestMs / smallMs;
  if (ratio > 12) {
    throw new Error(`Swift grammar check: parsing is superlinear (5,000 lines ${bestMs.toFixed(0)} ms vs 1,000 lines `
      + `${smallMs.toFixed(0)} ms, ratio ${ratio.toFixed(1)}). Is the scanner patch applied?`);
  }
  const slowMachine = bestMs > PARSE_LIMIT_MS;
  // The native binding is the reference implementation of the same grammar version.
  const NativeParser = require('tree-sitter');
  const nativeSwift = require('tree-sitter-swift');
  const native = new NativeParser();
  native.setLanguage(nativeSwift);
  const fixture = readFileSync(join(root, 'test', 'fixtures', 'parse', 'native-compare.swift'), 'utf8') + big;
  const wasmTree = parser.parse(fixture);
  const nativeTree = native.parse(fixture);
  const a = wasmTree.rootNode.toString();
  const b = nativeTree.rootNode.toString();
  const nodes = wasmTree.rootNode.descendantCount;
  wasmTree.delete();
  if (a !== b) {
    let i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    throw new Error(`Swift grammar check: wasm tree differs from the native tree near: ${a.slice(Math.max(0, i - 80), i + 80)}`);
  }
  return { lines: big.split('\n').length, bestMs, limitMs: PARSE_LIMIT_MS, nodes, ratio, slowMachine };
}
