#!/usr/bin/env node
// Developer aid: prints the tree-sitter tree of a file or snippet, as rules see it.
// usage: node scripts/dump-tree.mjs swift|objc|c (FILE | -e 'code')
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const { Parser, Language } = require('web-tree-sitter');
const [grammar, fileOrFlag, code] = process.argv.slice(2);
if (!['swift', 'objc', 'c'].includes(grammar) || !fileOrFlag) {
  console.error("usage: node scripts/dump-tree.mjs swift|objc|c (FILE | -e 'code')");
  process.exit(2);
}
const text = fileOrFlag === '-e' ? code : readFileSync(fileOrFlag, 'utf8');
await Parser.init();
const parser = new Parser();
parser.setLanguage(await Language.load(join(root, 'grammars', `tree-sitter-${grammar}.wasm`)));
const tree = parser.parse(text);
const print = (node, depth, field) => {
  const label = `${field ? `${field}: ` : ''}${node.type}`;
  const leaf = node.childCount === 0 ? ` ${JSON.stringify(node.text)}` : '';
  console.log(`${'  '.repeat(depth)}${label} [${node.startPosition.row}:${node.startPosition.column}]${leaf}`);
  for (let i = 0; i < node.childCount; i++) print(node.child(i), depth + 1, node.fieldNameForChild(i));
};
print(tree.rootNode, 0);
