// Shared helpers for the editor tests: paths, bounded child processes, process-group cleanup, Debian packages.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CODE_SERVER_VERSION = '4.100.3';
/** User-wide cache (like the Swift grammar's): fresh clones on the same machine reuse the code-server install. */
export const CACHE_DIR = process.env.NETADVISOR_CACHE_DIR
  || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'netadvisor');
export const CODE_SERVER_DIR = join(CACHE_DIR, `code-server-${CODE_SERVER_VERSION}`);
export const CODE_SERVER_ENTRY = join(CODE_SERVER_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const CODE_SERVER_STAMP = join(CODE_SERVER_DIR, '.netadvisor-install-complete');
/** Per-run state (user data, extensions, workspace copy, a private HOME): wiped at the start of every run. */
export const RUN_DIR = join(ROOT, '.cache', 'editor-run');
export const ARTIFACTS = join(ROOT, 'test-artifacts', 'editor');
export const FIXTURE_WORKSPACE = join(ROOT, 'test', 'fixtures', 'editor-workspace');
export const VSIX = join(ROOT, 'dist', 'netadvisor.vsix');
export const TESTS_ENTRY = join(ROOT, 'out', 'test', 'editor', 'index.js');

export const log = (...args) => console.error('[editor]', ...args);

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `probe` (sync or async) until it returns a truthy value; throws after `timeoutMs`. */
export async function waitFor(what, probe, timeoutMs, intervalMs = 200) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (err) {
      lastError = err;
    }
    await sleep(intervalMs);
  }
  throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}${lastError ? ` (last error: ${lastError.message})` : ''}`);
}

// ---- processes ---------------------------------------------------------------------------------------------------

const started = new Set();

/** Every live descendant of `pid` (from /proc), so cleanup also reaches children that left the process group. */
function descendants(pid) {
  const children = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(entry));
    } catch { /* the process exited meanwhile */ }
  }
  const out = [];
  const stack = [pid];
  while (stack.length) {
    for (const child of children.get(stack.pop()) ?? []) { out.push(child); stack.push(child); }
  }
  return out;
}

function alive(pid) {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

/** SIGTERM to the process group and every descendant, then SIGKILL whatever is left after `graceMs`. */
export async function killTree(pid, graceMs = 3000) {
  if (!pid) return;
  const signalAll = (signal) => {
    const pids = [pid, ...descendants(pid)];
    try { process.kill(-pid, signal); } catch { /* group gone */ }
    for (const p of pids) { try { process.kill(p, signal); } catch { /* gone */ } }
    return pids;
  };
  const pids = signalAll('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && pids.some(alive)) await sleep(100);
  if (pids.some(alive)) signalAll('SIGKILL');
  for (const p of pids) { try { process.kill(p, 'SIGKILL'); } catch { /* gone */ } }
  started.delete(pid);
}

/** Starts a long-running process in its own process group; it is killed on exit if the caller forgets. */
export function startProcess(command, args, options = {}) {
  const child = spawn(command, args, { ...options, detached: true, stdio: options.stdio ?? ['ignore', 'pipe', 'pipe'] });
  started.add(child.pid);
  child.on('exit', () => started.delete(child.pid));
  return child;
}

export function trackPid(pid) { if (pid) started.add(pid); }
export function untrackPid(pid) { started.delete(pid); }

/** Stops every descendant of this process (for runners that do not expose their child's PID). */
export async function killDescendants(graceMs = 3000) {
  const pids = descendants(process.pid);
  for (const p of pids) { try { process.kill(p, 'SIGTERM'); } catch { /* gone */ } }
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline && pids.some(alive)) await sleep(100);
  for (const p of pids) { try { process.kill(p, 'SIGKILL'); } catch { /* gone */ } }
}

/** Kills every process this run started that is still registered (for error paths and signals). */
export async function killAll() {
  await Promise.all([...started].map((pid) => killTree(pid, 1500)));
}

let exitHandlersInstalled = false;
export function installExitHandlers() {
  if (exitHandlersInstalled) return;
  exitHandlersInstalled = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, async () => {
      log(`${signal}: stopping every process this run started`);
      await killAll();
      process.exit(130);
    });
  }
  process.on('exit', () => {
    for (const pid of started) {
      try { process.kill(-pid, 'SIGKILL'); } catch { /* gone */ }
      try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
    }
  });
}

/**
 * Runs a command to completion in its own process group with a time limit; output is inherited unless `capture`.
 * Rejects on a non-zero exit or the time limit (after killing the group).
 */
export function run(command, args, { timeoutMs, cwd = ROOT, env = process.env, capture = false, label } = {}) {
  if (!timeoutMs) throw new Error('run() needs a timeoutMs');
  const name = label ?? [command, ...args].join(' ');
  return new Promise((resolve, reject) => {
    const child = startProcess(command, args, { cwd, env, stdio: capture ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (d) => { stdout += d; });
    child.stderr?.on('data', (d) => { stderr += d; });
    let timedOut = false;
    const timer = setTimeout(() => { timedOut = true; void killTree(child.pid); }, timeoutMs);
    child.on('error', (err) => { clearTimeout(timer); reject(new Error(`${name}: ${err.message}`)); });
    child.on('close', async (code, signal) => {
      clearTimeout(timer);
      // Children it left behind in its process group (e.g. nvim's language server) are stopped too.
      let groupAlive = false;
      try { process.kill(-child.pid, 0); groupAlive = true; } catch { /* group gone */ }
      if (groupAlive) await killTree(child.pid, 2000);
      started.delete(child.pid);
      if (timedOut) reject(new Error(`${name}: timed out after ${Math.round(timeoutMs / 1000)} s\n${stderr.slice(-4000)}`));
      else if (code !== 0) reject(new Error(`${name}: exit ${code ?? signal}\n${stdout.slice(-2000)}${stderr.slice(-4000)}`));
      else resolve({ stdout, stderr });
    });
  });
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

// ---- Debian packages ---------------------------------------------------------------------------------------------

function installed(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.includes('install ok installed');
}

/** `apt-get install -y` for the packages that are missing (as root, or through passwordless sudo). */
export async function ensureDebianPackages(packages) {
  const missing = packages.filter((p) => !installed(p));
  if (missing.length === 0) return;
  const sudo = process.getuid?.() === 0 ? [] : ['sudo', '-n'];
  if (sudo.length && spawnSync('sudo', ['-n', 'true']).status !== 0) {
    throw new Error(`missing Debian packages: ${missing.join(' ')} (install them: sudo apt-get install -y ${missing.join(' ')})`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args, timeoutMs) => sudo.length
    ? run(sudo[0], [...sudo.slice(1), 'apt-get', ...args], { timeoutMs, env })
    : run('apt-get', args, { timeoutMs, env });
  log(`apt-get install -y ${missing.join(' ')}`);
  await apt(['update', '-qq'], 5 * 60_000);
  await apt(['install', '-y', '-qq', '--no-install-recommends', ...missing], 10 * 60_000);
}

// ---- test workspace and harness ----------------------------------------------------------------------------------

/**
 * A fresh copy of the fixture workspace (the suite edits settings and documents), a private HOME/XDG tree so
 * nothing is written to the real $HOME, and the stub "extension under development" that only hosts the suite:
 * the extension being tested is the VSIX installed into the private extensions folder.
 */
export function prepareRunDir() {
  rmSync(RUN_DIR, { recursive: true, force: true });
  const dirs = {
    workspace: join(RUN_DIR, 'workspace'),
    userData: join(RUN_DIR, 'user-data'),
    extensions: join(RUN_DIR, 'extensions'),
    home: join(RUN_DIR, 'home'),
    harness: join(RUN_DIR, 'harness'),
    results: join(RUN_DIR, 'results.json'),
    config: join(RUN_DIR, 'code-server.yaml'),
  };
  for (const d of [dirs.userData, dirs.extensions, dirs.home, dirs.harness, join(dirs.userData, 'User')]) mkdirSync(d, { recursive: true });
  cpSync(FIXTURE_WORKSPACE, dirs.workspace, { recursive: true });
  writeFileSync(join(dirs.userData, 'User', 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'git.enabled': false,
    'chat.commandCenter.enabled': false,
    'files.autoSave': 'off',
    'editor.hover.delay': 200,
  }, null, 2));
  writeFileSync(join(dirs.harness, 'package.json'), JSON.stringify({
    name: 'netadvisor-editor-tests',
    displayName: 'NetAdvisor editor test harness',
    description: 'Hosts the editor suite; the extension under test is the installed VSIX.',
    publisher: 'netadvisor-tests',
    version: '0.0.0',
    engines: { vscode: '^1.100.0' },
  }, null, 2));
  mkdirSync(ARTIFACTS, { recursive: true });
  return dirs;
}

/** Environment for child processes whose config/cache writes must stay out of the real $HOME. */
export function privateEnv(home, extra = {}) {
  return {
    ...process.env,
    HOME: home,
    XDG_CONFIG_HOME: join(home, '.config'),
    XDG_CACHE_HOME: join(home, '.cache'),
    XDG_DATA_HOME: join(home, '.local', 'share'),
    XDG_STATE_HOME: join(home, '.local', 'state'),
    ...extra,
  };
}

export function exists(path) { return existsSync(path); }
