// Runs the bundled CLI (dist/cli.js) as a user would and captures its output and exit code.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

export const CLI_BUNDLE = path.resolve(__dirname, '..', '..', '..', 'dist', 'cli.js');
export const FIXTURES = path.resolve(__dirname, '..', '..', '..', 'test', 'fixtures');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): CliRun {
  const result = spawnSync(process.execPath, [CLI_BUNDLE, ...args], {
    cwd, encoding: 'utf8', env: { ...process.env, CI: 'true', NO_COLOR: '1', ...env }, timeout: 60000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
