#!/usr/bin/env node
// `npm run test:electron`: the same mocha suite (out/test/editor/) in desktop VS Code through @vscode/test-electron,
// for machines that can download VS Code (this project's build machine cannot; it uses code-server instead:
// `npm run test:editor`). The package script builds dist/netadvisor.vsix and the suite first.
//   NETADVISOR_VSCODE_VERSION  VS Code to download (default 1.100.3, the version code-server runs and @types/vscode
//                              targets; `stable` works too)
// On a Linux machine without a display it re-runs itself under `xvfb-run -a` when that is installed.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { downloadAndUnzipVSCode, resolveCliArgsFromVSCodeExecutablePath, runTests } from '@vscode/test-electron';
import { CACHE_DIR, TESTS_ENTRY, VSIX, killDescendants, log, prepareRunDir, privateEnv } from './lib.mjs';

const VERSION = process.env.NETADVISOR_VSCODE_VERSION || '1.100.3';
const TIMEOUT_MS = 10 * 60_000;

if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY && !process.env.NETADVISOR_UNDER_XVFB) {
  if (spawnSync('sh', ['-c', 'command -v xvfb-run']).status !== 0) {
    console.error('[electron] no display: install xvfb (apt-get install -y xvfb) or set DISPLAY');
    process.exit(1);
  }
  const r = spawnSync('xvfb-run', ['-a', process.execPath, fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: 'inherit', env: { ...process.env, NETADVISOR_UNDER_XVFB: '1' },
  });
  process.exit(r.status ?? 1);
}

const timer = setTimeout(async () => {
  console.error(`[electron] timed out after ${TIMEOUT_MS / 60_000} minutes: stopping VS Code`);
  await killDescendants();
  process.exit(1);
}, TIMEOUT_MS);

async function main() {
  for (const needed of [VSIX, TESTS_ENTRY]) {
    if (!existsSync(needed)) throw new Error(`${needed} is missing: run \`npm run package && tsc -p test/editor\``);
  }
  const dirs = prepareRunDir();
  // Downloaded builds are cached next to code-server's, not in .vscode-test/ of the working directory.
  const vscodeExecutablePath = await downloadAndUnzipVSCode({ version: VERSION, cachePath: join(CACHE_DIR, 'vscode-test'), timeout: 120_000 });
  const profile = [`--extensions-dir=${dirs.extensions}`, `--user-data-dir=${dirs.userData}`];

  // Install the VSIX with the CLI of the downloaded build into the private extensions folder (the README's recipe).
  const [cli, ...cliArgs] = resolveCliArgsFromVSCodeExecutablePath(vscodeExecutablePath, { reuseMachineInstall: true });
  const install = spawnSync(cli, [...cliArgs, ...profile, '--install-extension', VSIX], {
    encoding: 'utf8', stdio: 'inherit', shell: process.platform === 'win32', timeout: 120_000,
    env: privateEnv(dirs.home),
  });
  if (install.status !== 0) throw new Error(`--install-extension failed (${install.status ?? install.error?.message})`);

  // The harness is the "extension under development" (it only hosts the suite); the extension under test is the
  // installed VSIX. VS Code refuses to run as root without --no-sandbox.
  Object.assign(process.env, privateEnv(dirs.home));
  const launchArgs = [dirs.workspace, ...profile, '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes',
    '--disable-telemetry', '--disable-updates', '--disable-gpu', ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])];
  let runError;
  try {
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath: dirs.harness,
      extensionTestsPath: TESTS_ENTRY,
      extensionTestsEnv: { NETADVISOR_EDITOR_RESULTS: dirs.results },
      launchArgs,
    });
  } catch (err) {
    runError = err;
  }
  if (!existsSync(dirs.results)) throw new Error(`VS Code exited without writing results${runError ? `: ${runError.message}` : ''}`);
  const results = JSON.parse(readFileSync(dirs.results, 'utf8'));
  console.log(`VS Code ${results.vscodeVersion} (${results.appName}): ${results.stats.passes} passing, ${results.stats.failures} failing, ${results.stats.pending} pending`);
  for (const t of results.tests) {
    console.log(`  ${t.state === 'passed' ? '✓' : t.state === 'pending' ? '-' : '✗'} ${t.fullTitle}`);
    if (t.error) console.log(`      ${t.error.split('\n').slice(0, 6).join('\n      ')}`);
  }
  if (results.error) console.log(`  suite error: ${results.error}`);
  if (runError || results.stats.failures > 0 || results.error || results.stats.tests < 8) {
    throw new Error('editor tests failed under @vscode/test-electron');
  }
}

main().then(() => {
  clearTimeout(timer);
  log('@vscode/test-electron run passed');
}, async (err) => {
  clearTimeout(timer);
  console.error(`[electron] ${err.message}`);
  await killDescendants();
  process.exit(1);
});
