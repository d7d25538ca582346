#!/usr/bin/env node
// The Neovim half of `npm run test:editor` (also `npm run test:nvim`): Debian's nvim 0.7.2, headless, attaches
// `node dist/server.js --stdio` with vim.lsp.start_client to a copy of the fixture ChatRoom.swift and must get
// NetAdvisor's diagnostics back at the expected lines.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ARTIFACTS, FIXTURE_WORKSPACE, ROOT, ensureDebianPackages, installExitHandlers, log, privateEnv, run,
} from './lib.mjs';

const SERVER = join(ROOT, 'dist', 'server.js');
/** What the probe must print: `line:col message [rule] [source]`, lines and columns 1-based. */
const EXPECTED = [
  /^2:1 Multipeer Connectivity is deprecated.* \[mpc-framework-use\] \[netadvisor\]$/,
  /^6:97 Optional encryption .* \[mpc-encryption-optional\] \[netadvisor\]$/,
];

export async function runNvimProbe() {
  const startedAt = Date.now();
  if (!existsSync(SERVER)) throw new Error('dist/server.js is missing: run `npm run build` first');
  await ensureDebianPackages(['neovim']);
  const dir = join(ROOT, '.cache', 'nvim-run');
  rmSync(dir, { recursive: true, force: true });
  const home = join(dir, 'home');
  mkdirSync(home, { recursive: true });
  mkdirSync(ARTIFACTS, { recursive: true });
  const testFile = join(dir, 'ChatRoom.swift');
  copyFileSync(join(FIXTURE_WORKSPACE, 'ChatRoom.swift'), testFile);
  const outFile = join(ARTIFACTS, 'nvim-diagnostics.txt');
  rmSync(outFile, { force: true });
  // A private HOME/XDG tree: nvim's lsp.log, shada and swap files stay out of the real $HOME.
  const env = privateEnv(home, { LSP_SERVER: SERVER, TEST_FILE: testFile, OUT_FILE: outFile, WAIT_MS: '20000' });
  await run('nvim', ['--headless', '--clean', '-i', 'NONE', '-n', '-c', `luafile ${join(ROOT, 'scripts', 'editor', 'nvim-probe.lua')}`], {
    env, cwd: dir, timeoutMs: 60_000, capture: true, label: 'nvim --headless (LSP probe)',
  });
  if (!existsSync(outFile)) throw new Error('the nvim probe wrote no output');
  const lines = readFileSync(outFile, 'utf8').trim().split('\n');
  const problems = [];
  if (!lines.includes('got_diagnostics=true')) problems.push('no NetAdvisor diagnostics arrived within 20 s');
  for (const pattern of EXPECTED) {
    if (!lines.some((l) => pattern.test(l))) problems.push(`no diagnostic line matches ${pattern}`);
  }
  const error = lines.find((l) => l.startsWith('error='));
  if (error) problems.push(error);
  return { lines, problems, durationMs: Date.now() - startedAt };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  installExitHandlers();
  runNvimProbe().then(({ lines, problems }) => {
    for (const line of lines) console.log(`  ${line}`);
    if (problems.length) {
      for (const p of problems) console.error(`[nvim] FAIL: ${p}`);
      process.exit(1);
    }
    log('nvim probe passed');
  }, (err) => {
    console.error(`[nvim] ${err.message}`);
    process.exit(1);
  });
}
