// Runs `netadvisor check` on worker threads: files are dealt round-robin, outcomes come back by index.
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { BaselineError } from '../engine/baseline';
import { ConfigError } from '../engine/config/types';
import type { FileCheckOptions, FileOutcome } from './check-file';
import type { WorkerJob, WorkerMessage } from './check-worker';

/** Next to this file in both layouts: dist/ (esbuild entry) and out/server/src/cli/ (tsc). */
const WORKER_SCRIPT = path.join(__dirname, 'check-worker.js');

/** Checks `files` on `jobs` threads; the outcomes are in file order, as a single thread would give them. */
export async function checkInWorkers(files: string[], options: FileCheckOptions, jobs: number, progress: () => void): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = new Array(files.length);
  const shares: WorkerJob['files'][] = Array.from({ length: jobs }, () => []);
  // Round-robin keeps the shares balanced when big or trigger-heavy files cluster in one folder.
  files.forEach((file, index) => shares[index % jobs].push({ index, file }));
  const workers: Worker[] = [];
  try {
    await Promise.all(shares.filter((share) => share.length > 0).map((share) => new Promise<void>((resolve, reject) => {
      const job: WorkerJob = { netadvisorCheck: true, files: share, options };
      const worker = new Worker(WORKER_SCRIPT, { workerData: job });
      workers.push(worker);
      let finished = false;
      worker.on('message', (message: WorkerMessage) => {
        if ('index' in message) {
          outcomes[message.index] = message.outcome;
          progress();
        } else if ('done' in message) {
          finished = true;
          resolve();
        } else {
          reject(rebuildError(message.error));
        }
      });
      worker.on('error', reject);
      worker.on('exit', (code) => { if (!finished) reject(new Error(`a check worker stopped (exit code ${code}) before finishing its files`)); });
    })));
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return outcomes;
}

/** The error a worker reported, as the class the CLI tells apart (usage errors exit 2). */
function rebuildError({ message, kind, configFile }: Extract<WorkerMessage, { error: unknown }>['error']): Error {
  // ConfigError's message starts with its file: rebuild it from the same parts.
  if (kind === 'config' && configFile) return new ConfigError(configFile, message.slice(configFile.length + 2));
  return kind === 'baseline' ? new BaselineError(message) : new Error(message);
}
