// Entry point of the editor suite inside VS Code's extension host (code-server or @vscode/test-electron): runs the
// mocha files next to this one and writes the results as JSON, because code-server's web host never exits by itself.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

type MochaModule = typeof import('mocha');

interface TestResult {
  title: string;
  fullTitle: string;
  state: 'passed' | 'failed' | 'pending';
  durationMs?: number;
  error?: string;
}

/** Where the results go: $NETADVISOR_EDITOR_RESULTS, or `results.json` next to the workspace folder. */
function resultsPath(): string {
  const fromEnv = process.env.NETADVISOR_EDITOR_RESULTS;
  if (fromEnv) return fromEnv;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  if (!folder) throw new Error('NETADVISOR_EDITOR_RESULTS is not set and no workspace folder is open');
  return path.join(path.dirname(folder), 'results.json');
}

async function loadMocha(): Promise<MochaModule> {
  // mocha 12 is an ES module whose CommonJS build is lib/mocha.cjs; require it directly so this works on
  // extension hosts whose Node cannot require() ES modules, and fall back to import() otherwise.
  try {
    return require('mocha/lib/mocha.cjs') as MochaModule;
  } catch {
    const imported = (await import('mocha')) as unknown as { default: MochaModule };
    return imported.default;
  }
}

function writeResults(file: string, body: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Write then rename, so the harness polling for the file never reads half of it.
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(body, null, 2));
  fs.renameSync(`${file}.tmp`, file);
}

export async function run(): Promise<void> {
  const file = resultsPath();
  const startedAt = Date.now();
  const tests: TestResult[] = [];
  let failures = 0;
  try {
    const Mocha = await loadMocha();
    const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
    const grep = process.env.NETADVISOR_EDITOR_GREP;
    if (grep) mocha.grep(grep);
    for (const name of fs.readdirSync(__dirname).filter((n) => n.endsWith('.test.js')).sort()) {
      mocha.addFile(path.join(__dirname, name));
    }
    failures = await new Promise<number>((resolve) => {
      const runner = mocha.run((count) => resolve(count));
      runner.on('pass', (t) => tests.push({ title: t.title, fullTitle: t.fullTitle(), state: 'passed', durationMs: t.duration }));
      runner.on('pending', (t) => tests.push({ title: t.title, fullTitle: t.fullTitle(), state: 'pending' }));
      runner.on('fail', (t, err: Error) => {
        tests.push({ title: t.title, fullTitle: t.fullTitle(), state: 'failed', durationMs: t.duration, error: err?.stack ?? String(err) });
      });
    });
  } catch (err) {
    writeResults(file, {
      vscodeVersion: vscode.version, appName: vscode.env.appName, durationMs: Date.now() - startedAt,
      stats: { tests: tests.length, passes: 0, failures: 1, pending: 0 }, tests,
      error: err instanceof Error ? err.stack : String(err),
    });
    throw err;
  }
  const count = (state: TestResult['state']) => tests.filter((t) => t.state === state).length;
  writeResults(file, {
    vscodeVersion: vscode.version,
    appName: vscode.env.appName,
    durationMs: Date.now() - startedAt,
    stats: { tests: tests.length, passes: count('passed'), failures: count('failed'), pending: count('pending') },
    tests,
  });
  if (failures > 0) throw new Error(`${failures} editor test(s) failed`);
}
