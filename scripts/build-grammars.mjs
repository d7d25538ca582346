#!/usr/bin/env node
// Puts the three tree-sitter grammars in grammars/: C and ObjC copied from their npm packages, Swift
// compiled to wasm from tree-sitter-swift's src/ with our scanner patch (cached by input hash).
import { createHash } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { homedir, platform, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyUnifiedPatch } from './lib/apply-patch.mjs';
import { checkSwiftGrammar } from './lib/check-swift-grammar.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'grammars');
const pkgDir = (name) => join(root, 'node_modules', name);
const patchFile = join(root, 'scripts', 'patches', 'tree-sitter-swift-scanner-calloc.patch');
// The flags measured in the toolchain notes; -Os keeps the wasm at ~3.3 MB.
const EMCC_FLAGS = ['-Os', '-fno-exceptions', '-fvisibility=hidden', '-s', 'WASM=1', '-s', 'SIDE_MODULE=2',
  '-s', 'EXPORTED_FUNCTIONS=["_tree_sitter_swift"]'];

function log(msg) { process.stderr.write(`[grammars] ${msg}\n`); }

function fail(msg) {
  log(`error: ${msg}`);
  process.exit(1);
}

function copyPrebuilt() {
  copyFileSync(join(pkgDir('tree-sitter-c'), 'tree-sitter-c.wasm'), join(outDir, 'tree-sitter-c.wasm'));
  copyFileSync(join(pkgDir('tree-sitter-objc'), 'tree-sitter-objc.wasm'), join(outDir, 'tree-sitter-objc.wasm'));
  copyFileSync(join(pkgDir('web-tree-sitter'), 'web-tree-sitter.wasm'), join(outDir, 'web-tree-sitter.wasm'));
}

function hasCommand(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/** Installs Emscripten from the system package manager when emcc is missing. */
function ensureEmcc() {
  if (hasCommand('emcc')) return;
  if (platform() === 'linux' && hasCommand('apt-get')) {
    log('emcc not found: installing Debian/Ubuntu package "emscripten" (about 1 GB on disk, once)');
    const sudo = process.getuid && process.getuid() === 0 ? [] : ['sudo'];
    const run = (args) => execFileSync(sudo.length ? 'sudo' : args[0], sudo.length ? args : args.slice(1),
      { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    run(['apt-get', 'update', '-qq']);
    run(['apt-get', 'install', '-y', '-qq', 'emscripten']);
  } else if (platform() === 'darwin' && hasCommand('brew')) {
    log('emcc not found: installing it with Homebrew (brew install emscripten)');
    execFileSync('brew', ['install', 'emscripten'], { stdio: 'inherit' });
  } else {
    fail('emcc (Emscripten) is needed to build the Swift grammar and was not found. Install Emscripten '
      + '(https://emscripten.org/docs/getting_started/) so that `emcc` is on PATH, then run `npm run grammars` again.');
  }
  if (!hasCommand('emcc')) fail('emcc is still not on PATH after installing Emscripten.');
}

function swiftInputsHash(emccVersion) {
  const h = createHash('sha256');
  const src = join(pkgDir('tree-sitter-swift'), 'src');
  for (const f of ['parser.c', 'scanner.c']) h.update(readFileSync(join(src, f)));
  h.update(readFileSync(patchFile));
  h.update(EMCC_FLAGS.join(' '));
  h.update(emccVersion);
  return h.digest('hex').slice(0, 16);
}

function buildSwift(target) {
  ensureEmcc();
  const emccVersion = execFileSync('emcc', ['--version'], { encoding: 'utf8' }).split('\n')[0];
  const key = swiftInputsHash(emccVersion);
  const stamp = `${target}.stamp`;
  // A user-wide cache lets fresh clones on the same machine (CI) skip the ~2 minute compile.
  const sharedCache = join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'netadvisor', 'grammars');
  const cached = join(sharedCache, `tree-sitter-swift-${key}.wasm`);
  if (existsSync(target) && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === key) {
    log(`tree-sitter-swift.wasm is up to date (${key})`);
    return false;
  }
  if (existsSync(cached)) {
    copyFileSync(cached, target);
    writeFileSync(stamp, `${key}\n`);
    log(`tree-sitter-swift.wasm restored from ${cached}`);
    return true;
  }
  const work = mkdtempSync(join(tmpdir(), 'netadvisor-swift-'));
  try {
    cpSync(join(pkgDir('tree-sitter-swift'), 'src'), join(work, 'src'), { recursive: true });
    applyUnifiedPatch(work, readFileSync(patchFile, 'utf8'));
    log(`compiling tree-sitter-swift.wasm with ${emccVersion} (takes about 2 minutes on 2 cores)`);
    const started = Date.now();
    execFileSync('emcc', ['-o', join(work, 'out.wasm'), ...EMCC_FLAGS, '-I', join(work, 'src'),
      join(work, 'src', 'parser.c'), join(work, 'src', 'scanner.c')], { stdio: ['ignore', 'inherit', 'pipe'], cwd: work });
    log(`compiled in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    copyFileSync(join(work, 'out.wasm'), target);
    mkdirSync(sharedCache, { recursive: true });
    copyFileSync(target, cached);
    writeFileSync(stamp, `${key}\n`);
    return true;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function main() {
  mkdirSync(outDir, { recursive: true });
  copyPrebuilt();
  const target = join(outDir, 'tree-sitter-swift.wasm');
  const fresh = buildSwift(target);
  if (fresh || process.argv.includes('--check')) {
    const report = await checkSwiftGrammar(root, target);
    log(`check: ${report.lines}-line Swift file parsed in ${report.bestMs.toFixed(1)} ms at best (limit ${report.limitMs} ms), `
      + `scaling linear (5x the lines: ${report.ratio.toFixed(1)}x the time); fixture tree identical to the native parser (${report.nodes} nodes)`);
    if (report.slowMachine) {
      log(`warning: over the ${report.limitMs} ms budget although scaling is linear: this machine is busy or slow, the grammar is fine`);
    }
  }
}

main().catch((err) => fail(err instanceof Error ? err.message : String(err)));
