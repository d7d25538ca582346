#!/usr/bin/env node
// Installs what the editor tests need when it is missing: Debian's chromium, neovim, ripgrep and libkrb5-dev, and
// code-server 4.100.3 (VS Code 1.100.3, the last release for Node 20) from the npm registry into the user cache.
// code-server's own postinstall downloads ripgrep from GitHub, so the install is scripted step by step instead
// (see /work/shared/research/toolchain.md §4); an install is only used once its completion stamp is written.
import { existsSync, mkdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  CACHE_DIR, CODE_SERVER_DIR, CODE_SERVER_ENTRY, CODE_SERVER_STAMP, CODE_SERVER_VERSION, ensureDebianPackages, installExitHandlers,
  log, privateEnv, run,
} from './lib.mjs';

export const DEBIAN_PACKAGES = ['chromium', 'neovim', 'ripgrep', 'libkrb5-dev'];

function symlink(target, path) {
  rmSync(path, { force: true, recursive: true });
  symlinkSync(target, path);
}

export async function ensureCodeServer() {
  if (existsSync(CODE_SERVER_STAMP) && existsSync(CODE_SERVER_ENTRY)) return;
  const started = Date.now();
  const staging = `${CODE_SERVER_DIR}.partial`;
  log(`installing code-server ${CODE_SERVER_VERSION} into ${CODE_SERVER_DIR} (about 35 s with a warm npm cache)`);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  writeFileSync(join(staging, 'package.json'), JSON.stringify({ name: 'netadvisor-code-server-host', private: true }));
  const env = {
    ...process.env,
    npm_config_yes: 'true', // node-pty's rebuild runs `npx node-gyp`
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };
  const npm = (args, cwd, minutes = 5) => run('npm', args, { cwd, env, timeoutMs: minutes * 60_000, label: `npm ${args.join(' ')} (in ${cwd})` });
  const quiet = ['--no-audit', '--no-fund', '--loglevel=error'];

  await npm(['install', `code-server@${CODE_SERVER_VERSION}`, '--ignore-scripts', '--save-exact', ...quiet], staging);
  await npm(['rebuild', 'argon2'], staging); // its prebuilt download fails offline; it builds from source instead
  const vscode = join(staging, 'node_modules', 'code-server', 'lib', 'vscode');
  await npm(['install', '--omit=dev', '--ignore-scripts', ...quiet], vscode);
  // @vscode/ripgrep downloads rg from GitHub in its postinstall: use Debian's.
  const rgBin = join(vscode, 'node_modules', '@vscode', 'ripgrep', 'bin');
  mkdirSync(rgBin, { recursive: true });
  symlink('/usr/bin/rg', join(rgBin, 'rg'));
  await npm(['rebuild', '@parcel/watcher', '@vscode/spdlog', 'native-watchdog', 'kerberos', '@vscode/deviceid', 'node-pty'], vscode, 10);
  if (!existsSync(join(vscode, 'node_modules', 'node-pty', 'build', 'Release', 'pty.node'))) {
    throw new Error('node-pty did not build (pty.node is missing)');
  }
  symlink('node_modules', join(vscode, 'node_modules.asar'));
  symlink('code-linux.sh', join(vscode, 'bin', 'remote-cli', 'code-server'));
  symlink('browser-linux.sh', join(vscode, 'bin', 'helpers', 'browser.sh'));
  const extensions = join(vscode, 'extensions');
  await npm(['install', '--omit=dev', '--ignore-scripts', ...quiet], extensions);
  await run(process.execPath, ['./postinstall.mjs'], { cwd: extensions, timeoutMs: 2 * 60_000, capture: true });

  rmSync(CODE_SERVER_DIR, { recursive: true, force: true });
  renameSync(staging, CODE_SERVER_DIR);
  // --version without --config would write ~/.config/code-server/config.yaml; give it a throwaway one.
  const configFile = join(CODE_SERVER_DIR, 'version-check.yaml');
  writeFileSync(configFile, 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
  // code-server also logs under $XDG_DATA_HOME/code-server: keep that inside a throwaway folder too.
  const scratch = join(CODE_SERVER_DIR, '.version-check-home');
  const { stdout } = await run(process.execPath, [CODE_SERVER_ENTRY, '--config', configFile, '--version'], {
    timeoutMs: 60_000, capture: true, cwd: CODE_SERVER_DIR, env: privateEnv(scratch),
  });
  rmSync(scratch, { recursive: true, force: true });
  if (!stdout.includes(CODE_SERVER_VERSION)) throw new Error(`unexpected code-server --version output: ${stdout}`);
  writeFileSync(CODE_SERVER_STAMP, `${stdout.trim()}\n`);
  log(`code-server ready: ${stdout.trim().split('\n')[0]} (${Math.round((Date.now() - started) / 1000)} s)`);
}

export async function ensureEditorTools({ debian = DEBIAN_PACKAGES } = {}) {
  mkdirSync(CACHE_DIR, { recursive: true });
  await ensureDebianPackages(debian);
  await ensureCodeServer();
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  installExitHandlers();
  ensureEditorTools().catch((err) => {
    console.error(`[editor] install failed: ${err.message}`);
    process.exit(1);
  });
}
