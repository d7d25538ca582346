// A worker thread of `netadvisor check`: checks its share of the files and posts each outcome back, in order.
import { parentPort, workerData } from 'node:worker_threads';
import { BaselineError } from '../engine/baseline';
import { ConfigResolver } from '../engine/config/resolve';
import { ConfigError } from '../engine/config/types';
import { Linter } from '../engine/linter';
import { FileChecker, type FileCheckOptions, type FileOutcome } from './check-file';
import { displayPath } from './display-path';

export interface WorkerJob {
  /** Marks workerData as ours: this file is also the bundle's entry when loaded as a worker. */
  netadvisorCheck: true;
  files: { index: number; file: string }[];
  options: FileCheckOptions;
}

/** What a worker posts: one outcome per file, then `done`; or the error that ends the whole check. */
export type WorkerMessage =
  | { index: number; outcome: FileOutcome }
  | { done: true }
  | { error: { message: string; kind: 'config' | 'baseline' | 'internal'; configFile?: string } };

async function work(job: WorkerJob, post: (message: WorkerMessage) => void): Promise<void> {
  const checker = new FileChecker(new Linter(), new ConfigResolver(), job.options, (file) => displayPath(file, job.options.cwd));
  for (const { index, file } of job.files) {
    try {
      post({ index, outcome: await checker.check(file) });
    } catch (err) {
      // A broken configuration or baseline stops the check (a usage error), as it does on one thread.
      const kind = err instanceof ConfigError ? 'config' : err instanceof BaselineError ? 'baseline' : 'internal';
      post({ error: { message: err instanceof Error ? err.message : String(err), kind, configFile: err instanceof ConfigError ? err.file : undefined } });
      return;
    }
  }
  post({ done: true });
}

if (parentPort && (workerData as Partial<WorkerJob> | undefined)?.netadvisorCheck) {
  const port = parentPort;
  void work(workerData as WorkerJob, (message) => port.postMessage(message));
}
