#!/usr/bin/env node
// `npm run bench`: editor latency and whole-workspace throughput, ours against ast-grep and ripgrep, medians of runs.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateTree } from './generate-tree.mjs';
import { timeServerReady } from './server-ready.mjs';
import { generateSwift } from '../scripts/lib/generate-swift.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const quick = process.argv.includes('--quick');
const RUNS = quick ? 1 : 3;
const TREE_FILES = quick ? 500 : 5000;
const treeDir = join(root, '.cache', `bench-tree-v2-${TREE_FILES}`);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const percentile = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const ms = (x) => (x === undefined ? '–' : `${x.toFixed(x < 10 ? 2 : 0)} ms`);

/** Runs a command, returns wall time in ms and peak RSS (KB) read through /proc while it runs. */
function timeCommand(cmd, args, options = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'], ...options });
    let peakKb = 0;
    const sample = setInterval(() => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const hwm = /VmHWM:\s+(\d+)/.exec(status);
        if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
      } catch { /* exited */ }
    }, 20);
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(sample);
      if (code !== 0 && code !== 1) reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${stderr.slice(0, 500)}`));
      else resolve({ wallMs: performance.now() - started, peakKb });
    });
  });
}

async function repeat(n, fn) {
  const results = [];
  for (let i = 0; i < n; i++) results.push(await fn());
  return results;
}

/** In-process editor scenarios on a 5,000-line Swift file, with the compiled engine in out/. */
async function editorScenarios() {
  const { Linter } = require('./out/server/src/engine/linter.js');
  const { IncrementalDocument } = require('./out/server/src/parse/incremental.js');
  const linter = new Linter();
  await linter.prepare('swift');
  const text = generateSwift(5000);

  const open = await repeat(quick ? 3 : 10, async () => {
    const started = performance.now();
    const doc = new IncrementalDocument(linter.grammars, 'swift', text);
    linter.lint(doc.tree, doc.text, 'swift');
    doc.dispose();
    return performance.now() - started;
  });

  const { LintMemo } = require('./out/server/src/engine/lint-memo.js');
  /**
   * Keystrokes at seeded random places: type one character, then delete it (both timed), so every measured
   * keystroke lands on a file with at most one fresh typo, as in real typing (hundreds of accumulated random typos
   * would measure error recovery on garbage instead). `memo` as the editor keeps one per open document, or none.
   */
  const typeRandomly = (withMemo) => {
    const doc = new IncrementalDocument(linter.grammars, 'swift', text);
    const memo = withMemo ? new LintMemo() : undefined;
    linter.lint(doc.tree, doc.text, 'swift', {}, memo);
    const lines = text.split('\n');
    const edits = [];
    let seed = 7;
    const random = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
    const keystroke = (range, insert) => {
      const started = performance.now();
      doc.applyChanges([{ range, text: insert }]);
      linter.lint(doc.tree, doc.text, 'swift', {}, memo);
      edits.push(performance.now() - started);
    };
    for (let i = 0; i < (quick ? 50 : 300); i++) {
      const line = Math.floor(random() * (lines.length - 1));
      const character = Math.floor(random() * Math.max(1, lines[line].length));
      keystroke({ start: { line, character }, end: { line, character } }, 'x');
      keystroke({ start: { line, character }, end: { line, character: character + 1 } }, '');
    }
    doc.dispose();
    return edits;
  };
  const edits = typeRandomly(true);
  const fullEdits = typeRandomly(false);
  return {
    openMedianMs: median(open), editP50Ms: percentile(edits, 0.5), editP95Ms: percentile(edits, 0.95),
    fullRelintP95Ms: percentile(fullEdits, 0.95),
  };
}

/** Extension activation with a stub vscode API (bench/activation.cjs), medians of runs. */
function activation() {
  const runs = Array.from({ length: quick ? 3 : 7 }, () =>
    JSON.parse(spawnSync(process.execPath, [join(root, 'bench', 'activation.cjs')], { encoding: 'utf8' }).stdout));
  return { activationMs: median(runs.map((r) => r.loadMs + r.activateMs)), clientLibraryMs: median(runs.map((r) => r.backgroundMs)) };
}

/** Time from spawning the server to its initialize response. */
async function serverReady() {
  return median(await repeat(quick ? 3 : 7, () => timeServerReady(join(root, 'dist', 'server.js'))));
}

/** ast-grep rules equivalent to the headline rules where a pattern can express them (Swift and C; no ObjC built in). */
function writeAstGrepProject(dir) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'rules'), { recursive: true });
  writeFileSync(join(dir, 'sgconfig.yml'), 'ruleDirs:\n  - rules\n');
  const rules = {
    'mpc-import': 'language: swift\nrule:\n  pattern: import MultipeerConnectivity\n',
    'mpc-session': 'language: swift\nrule:\n  pattern: MCSession($$$)\n',
    'mpc-optional': 'language: swift\nrule:\n  pattern: "MCSession(peer: $P, securityIdentity: $I, encryptionPreference: .optional)"\n',
    'res9-state': 'language: swift\nrule:\n  pattern: __res_9_state()\n',
    'res9-c': 'language: c\nrule:\n  any:\n    - pattern: res_query($$$)\n    - pattern: res_search($$$)\n    - pattern: res_9_nquery($$$)\n',
    'signal': 'language: swift\nrule:\n  pattern: $N.signalStrength\n',
    'statusbar': 'language: swift\nrule:\n  pattern: \'$O.value(forKey: "statusBar")\'\n',
    'nw-send-swift': 'language: swift\nrule:\n  pattern: "$C.send(content: $D, completion: $X)"\n  inside:\n    kind: while_statement\n    stopBy: end\n',
    'nw-send-c': 'language: c\nrule:\n  pattern: nw_connection_send($$$)\n  inside:\n    kind: for_statement\n    stopBy: end\n',
  };
  for (const [id, body] of Object.entries(rules)) writeFileSync(join(dir, 'rules', `${id}.yml`), `id: ${id}\nseverity: warning\nmessage: ${id}\n${body}`);
}

const TRIGGER_WORDS = ['MultipeerConnectivity', 'MCSession', '__res_9_state', 'res_query', 'res_search', 'res_9_', 'signalStrength', 'statusBar', 'contentProcessed', 'nw_connection_send'];

async function workspaceScenarios() {
  if (!existsSync(join(treeDir, '.complete'))) {
    rmSync(treeDir, { recursive: true, force: true });
    const info = generateTree(treeDir, { files: TREE_FILES, bytesPerFile: 8200 });
    writeFileSync(join(treeDir, '.complete'), JSON.stringify(info));
  }
  const info = JSON.parse(readFileSync(join(treeDir, '.complete'), 'utf8'));
  const ours = await repeat(RUNS, () => timeCommand(process.execPath, [join(root, 'dist', 'cli.js'), 'check', treeDir, '--format', 'json', '--fail-on', 'never']));

  const sgDir = join(root, '.cache', 'bench-ast-grep');
  writeAstGrepProject(sgDir);
  const sgBin = join(root, 'node_modules', '.bin', 'ast-grep');
  const astGrep = existsSync(sgBin)
    ? await repeat(RUNS, () => timeCommand(sgBin, ['scan', '--config', join(sgDir, 'sgconfig.yml'), '--json=compact', treeDir]))
    : undefined;

  const hasRg = spawnSync('sh', ['-c', 'command -v rg'], { stdio: 'ignore' }).status === 0;
  const rg = hasRg
    ? await repeat(RUNS, () => timeCommand('rg', ['-l', ...TRIGGER_WORDS.flatMap((w) => ['-e', w]), treeDir]))
    : undefined;
  return { info, ours, astGrep, rg };
}

const editor = await editorScenarios();
const ready = await serverReady();
const activated = activation();
const workspace = await workspaceScenarios();

const oursMs = median(workspace.ours.map((r) => r.wallMs));
const sgMs = workspace.astGrep && median(workspace.astGrep.map((r) => r.wallMs));
const rgMs = workspace.rg && median(workspace.rg.map((r) => r.wallMs));
const rows = [
  ['edit 1 char in 5,000-line Swift: reparse + rules, p50', ms(editor.editP50Ms), '', '', 'target < 10 ms p95'],
  ['edit 1 char in 5,000-line Swift: reparse + rules, p95', ms(editor.editP95Ms), '', '', editor.editP95Ms < 10 ? 'ok' : 'over target'],
  ['  same edits re-linting the whole file (no memo), p95', ms(editor.fullRelintP95Ms), '', '', 'what incremental linting saves'],
  ['open a 5,000-line Swift file: parse + rules (median)', ms(editor.openMedianMs), '', '', editor.openMedianMs < 150 ? 'ok (< 150 ms)' : 'over 150 ms'],
  ['server start to initialize response (median)', ms(ready), '', '', ready < 300 ? 'ok (< 300 ms)' : 'over 300 ms'],
  ['extension activation: load + activate() (median)', ms(activated.activationMs), '', '', activated.activationMs < 50 ? 'ok (< 50 ms)' : 'over 50 ms'],
  ['  then, in the background: the client library loads', ms(activated.clientLibraryMs), '', '', 'after activation returned'],
  [`check ${workspace.info.files} files, ${(workspace.info.bytes / 1e6).toFixed(1)} MB (median of ${RUNS})`, ms(oursMs), sgMs ? ms(sgMs) : 'n/a', rgMs ? ms(rgMs) : 'n/a',
    `ours/ast-grep ${sgMs ? (oursMs / sgMs).toFixed(2) : '–'}, ours/rg ${rgMs ? (oursMs / rgMs).toFixed(2) : '–'}`],
  ['peak RSS of that check', `${Math.round(Math.max(...workspace.ours.map((r) => r.peakKb)) / 1024)} MB`,
    workspace.astGrep ? `${Math.round(Math.max(...workspace.astGrep.map((r) => r.peakKb)) / 1024)} MB` : 'n/a', '', 'target < 500 MB'],
];
const header = ['scenario', 'ours', 'ast-grep', 'rg', 'note'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ');
console.log(line(header));
console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
for (const row of rows) console.log(line(row));

const result = {
  date: new Date().toISOString(),
  machine: { cpus: (await import('node:os')).cpus().length, node: process.version },
  quick,
  editor: { ...editor, serverReadyMs: ready, ...activated },
  workspace: {
    files: workspace.info.files, bytes: workspace.info.bytes, filesWithTriggers: workspace.info.triggered,
    oursMs, astGrepMs: sgMs ?? null, rgMs: rgMs ?? null,
    ratioToAstGrep: sgMs ? oursMs / sgMs : null, ratioToRg: rgMs ? oursMs / rgMs : null,
    oursPeakRssKb: Math.max(...workspace.ours.map((r) => r.peakKb)),
  },
};
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(join(root, 'bench', 'results', 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
console.log('\nwritten to bench/results/latest.json');
