#!/usr/bin/env node
// Bundles the extension client, the language server and the CLI into dist/, and copies the grammars beside them.
import { build } from 'esbuild';
import { chmodSync, cpSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const dist = join(root, 'dist');
const production = process.argv.includes('--production');

// web-tree-sitter's ESM build reads import.meta.url, which a CommonJS bundle does not have.
const importMetaShim = {
  banner: { js: "const __import_meta_url = require('url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__import_meta_url' },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // jsonc-parser's "main" is a UMD build with dynamic requires esbuild cannot follow; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
};

await Promise.all([
  build({ ...common, entryPoints: [join(root, 'client/src/extension.ts')], outfile: join(dist, 'extension.js'), external: ['vscode'] }),
  build({ ...common, ...importMetaShim, entryPoints: [join(root, 'server/src/lsp/main.ts')], outfile: join(dist, 'server.js'),
    banner: importMetaShim.banner }),
  build({ ...common, ...importMetaShim, entryPoints: [join(root, 'server/src/cli/main.ts')], outfile: join(dist, 'cli.js'),
    banner: importMetaShim.banner }),
  // The CLI's worker threads (netadvisor check on many files) load this file next to cli.js.
  build({ ...common, ...importMetaShim, entryPoints: [join(root, 'server/src/cli/check-worker.ts')], outfile: join(dist, 'check-worker.js'),
    banner: importMetaShim.banner }),
]);
chmodSync(join(dist, 'server.js'), 0o755);
chmodSync(join(dist, 'cli.js'), 0o755);

const grammars = join(root, 'grammars');
if (!existsSync(join(grammars, 'tree-sitter-swift.wasm'))) {
  console.error('[esbuild] grammars/ is incomplete: run `npm run grammars` first');
  process.exit(1);
}
mkdirSync(join(dist, 'grammars'), { recursive: true });
cpSync(grammars, join(dist, 'grammars'), { recursive: true, filter: (src) => !src.endsWith('.stamp') });
console.error('[esbuild] dist/extension.js, dist/server.js, dist/cli.js, dist/check-worker.js and dist/grammars/ are ready');
