#!/usr/bin/env node
// netadvisor: the command-line interface (check, rules, explain); exit 0 clean, 1 findings, 2 usage or configuration error.
import { KnowledgeStore } from '../knowledge/store';
import { checkCommand, CLI_VERSION, explainCommand, rulesCommand, searchCommand, type Io } from './commands';
import { UsageError } from './usage-error';

const HELP = `netadvisor ${CLI_VERSION}: Apple networking advice for Swift, Objective-C and C

usage:
  netadvisor check [paths…] [--format text|json|sarif|github] [--fail-on error|warning|info|hint|never]
                   [--rule id=severity …] [--max-file-size BYTES] [--help-uri-base URL]
                   [--baseline FILE | --write-baseline FILE] [--require-reason] [--no-progress] [--jobs N]
  netadvisor rules [--format text|json]
  netadvisor explain <rule-id | article-id | API symbol | thread-id>
  netadvisor search <query…> [--format text|json] [--limit N]   (error strings, API names, prose)

configuration: the nearest .netadvisor.json up each file's folders (rules, include, exclude, baseline,
maxFileSize, requireReason, extends); command-line options win over it.

progress: with text output to a terminal (and CI unset), check shows "Checking n/total files…" on stderr;
--no-progress turns it off.

threads: check uses one worker thread per core once there are 400 files per thread or more; --jobs N sets the
number (--jobs 1: no worker threads). The output is the same whatever the number.

exit codes: 0 no findings at or above --fail-on (default warning), 1 findings, 2 usage or configuration error
`;

export async function main(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'check': return await checkCommand(rest, io);
      case 'rules': return rulesCommand(rest, io);
      case 'explain': return explainCommand(rest, io);
      case 'search': return searchCommand(rest, io);
      case '--version': case '-v': io.stdout(`${CLI_VERSION}\n`); return 0;
      case undefined: case 'help': case '--help': case '-h': io.stdout(HELP); return 0;
      default: throw new UsageError(`unknown command "${command}"`);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`netadvisor: ${err.message}\nRun \`netadvisor --help\` for usage.\n`);
      return 2;
    }
    throw err;
  }
}

if (require.main === module) {
  // `netadvisor explain x | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
  let knowledge: KnowledgeStore | undefined | null = null;
  const io: Io = {
    cwd: process.cwd(),
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    isTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    env: process.env,
    knowledge: () => {
      if (knowledge === null) {
        try { knowledge = KnowledgeStore.load(); } catch (err) { knowledge = undefined; process.stderr.write(`netadvisor: ${(err as Error).message}\n`); }
      }
      return knowledge;
    },
  };
  main(process.argv.slice(2), io).then((code) => { process.exitCode = code; }, (err: unknown) => {
    process.stderr.write(`netadvisor: internal error: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exitCode = 2;
  });
}
