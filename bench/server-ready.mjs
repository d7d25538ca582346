#!/usr/bin/env node
// Spawn → initialize response of the language server, median of N spawns: `node bench/server-ready.mjs [server.js] [runs]`.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const server = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'server.js');
const runs = Number(process.argv[3] ?? 7);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function once() {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } });
    child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    child.stdout.once('data', () => {
      resolve(performance.now() - started);
      child.kill();
    });
    child.on('error', reject);
  });
}

const times = [];
for (let i = 0; i < runs; i++) times.push(await once());
console.log(`${server}: median ${median(times).toFixed(0)} ms over ${runs} spawns (${times.map((t) => t.toFixed(0)).join(', ')})`);
