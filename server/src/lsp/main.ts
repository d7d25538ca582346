#!/usr/bin/env node
// netadvisor-lsp: starts the language server over stdio (`--stdio`), Node IPC (`--node-ipc`) or a socket (`--socket=N`).
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { SERVER_VERSION, startServer } from './server';

const args = process.argv.slice(2);
if (args.includes('--version')) {
  process.stdout.write(`netadvisor-lsp ${SERVER_VERSION}\n`);
  process.exit(0);
}
if (args.includes('--help') || !args.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'))) {
  process.stderr.write('usage: netadvisor-lsp --stdio | --node-ipc | --socket=PORT\n'
    + 'The NetAdvisor language server for Swift, Objective-C and C (Apple networking advice).\n');
  process.exit(args.includes('--help') ? 0 : 2);
}
// Any stray console.log would corrupt the stdio protocol stream: route it to stderr.
console.log = (...values: unknown[]) => process.stderr.write(`${values.join(' ')}\n`);
// A promise nobody awaited must not take the server down (Node exits on an unhandled rejection): log it instead.
process.on('unhandledRejection', (reason) => {
  process.stderr.write(`netadvisor-lsp: unhandled rejection: ${reason instanceof Error ? reason.stack ?? reason.message : String(reason)}\n`);
});
startServer(createConnection(ProposedFeatures.all));
