#!/usr/bin/env node
// `npm run test:editor`: installs what is missing (Debian chromium/neovim/ripgrep/libkrb5-dev, code-server 4.100.3
// from npm, cached), builds the VSIX and the editor suite, runs the suite inside code-server's extension host
// through Chromium + playwright-core, checks the workbench DOM with screenshots, then runs the Neovim LSP probe.
// Every process it starts is stopped by PID (process group); any failure exits non-zero.
//   --no-build   reuse dist/netadvisor.vsix and out/test/editor/ (for iterating on the scripts)
//   --no-nvim    skip the Neovim probe
// NETADVISOR_EDITOR_GREP=<text> runs only the mocha tests whose title matches.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCodeServerSuite } from './code-server.mjs';
import { ensureEditorTools } from './install.mjs';
import { ARTIFACTS, ROOT, TESTS_ENTRY, VSIX, exists, installExitHandlers, killAll, log, prepareRunDir, run } from './lib.mjs';
import { runNvimProbe } from './nvim.mjs';

const args = new Set(process.argv.slice(2));
const timings = {};

async function timed(name, fn) {
  const started = Date.now();
  try {
    return await fn();
  } finally {
    timings[name] = Math.round((Date.now() - started) / 100) / 10;
    log(`${name}: ${timings[name]} s`);
  }
}

async function main() {
  installExitHandlers();
  const started = Date.now();
  await timed('install', () => ensureEditorTools());
  if (!args.has('--no-build')) {
    // `npm run package` = `npm run build` (grammars cached, knowledge, esbuild) + vsce --no-dependencies.
    await timed('package', () => run('npm', ['run', '--silent', 'package'], { timeoutMs: 15 * 60_000, label: 'npm run package' }));
    await timed('compile suite', () => run(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'test', 'editor')], {
      timeoutMs: 5 * 60_000, label: 'tsc -p test/editor',
    }));
  }
  for (const needed of [VSIX, TESTS_ENTRY]) if (!exists(needed)) throw new Error(`${needed} is missing`);

  const dirs = prepareRunDir();
  const vscode = await timed('code-server', () => runCodeServerSuite(dirs));
  const nvim = args.has('--no-nvim') ? undefined : await timed('nvim', () => runNvimProbe().catch((err) => ({ lines: [], problems: [err.message] })));

  // Report.
  let failed = 0;
  const out = (line) => console.log(line);
  out('');
  if (vscode.suite) {
    const s = vscode.suite;
    out(`VS Code ${s.vscodeVersion} (${s.appName}), extension host suite: ${s.stats.passes} passing, ${s.stats.failures} failing, ${s.stats.pending} pending`);
    for (const t of s.tests) {
      out(`  ${t.state === 'passed' ? '✓' : t.state === 'pending' ? '-' : '✗'} ${t.fullTitle}${t.state === 'pending' ? ' (skipped)' : ''}`);
      if (t.error) out(`      ${t.error.split('\n').slice(0, 6).join('\n      ')}`);
    }
    if (s.error) out(`  suite error: ${s.error}`);
    if (s.stats.tests < 8 || s.stats.passes === 0) { out('  ✗ the suite ran too few tests'); failed++; }
    failed += s.stats.failures + (s.error ? 1 : 0);
  }
  if (vscode.workbench.length) {
    out('Workbench (Chromium, playwright-core):');
    for (const t of vscode.workbench) {
      out(`  ${t.state === 'passed' ? '✓' : '✗'} ${t.title}`);
      if (t.error) { out(`      ${t.error}`); failed++; }
    }
  }
  if (vscode.error) { out(`✗ code-server run: ${vscode.error}`); failed++; }
  if (nvim) {
    out(`Neovim LSP probe: ${nvim.problems.length ? 'FAILED' : 'ok'}`);
    for (const line of nvim.lines) out(`  ${line}`);
    for (const p of nvim.problems) { out(`  ✗ ${p}`); failed++; }
  }
  timings.total = Math.round((Date.now() - started) / 100) / 10;
  writeFileSync(join(ARTIFACTS, 'summary.json'), JSON.stringify({ failed, timings, vscode, nvim }, null, 2));
  out(`Screenshots and logs: ${ARTIFACTS}`);
  out(`Timings (s): ${Object.entries(timings).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  if (failed) {
    out(`✗ editor tests failed (${failed})`);
    process.exitCode = 1;
  } else {
    out('✓ editor tests passed');
  }
}

main().catch(async (err) => {
  console.error(`[editor] ${err.stack ?? err.message}`);
  await killAll();
  process.exit(1);
});
