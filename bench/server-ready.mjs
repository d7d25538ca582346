#!/usr/bin/env node
// Spawn → initialize response of the language server, median of N spawns: `node bench/server-ready.mjs [server.js] [runs]`.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const defaultServer = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'server.js');

/** One spawn of `server` until its first answer to `initialize` (ms). */
export function timeServerReady(server = defaultServer) {
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

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const server = process.argv[2] ?? defaultServer;
  const runs = Number(process.argv[3] ?? 7);
  const times = [];
  for (let i = 0; i < runs; i++) times.push(await timeServerReady(server));
  const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];
  console.log(`${server}: median ${median.toFixed(0)} ms over ${runs} spawns (${times.map((t) => t.toFixed(0)).join(', ')})`);
}
