// `netadvisor check`: lints files and folders (each with its nearest .netadvisor.json) and returns a report for the formatters.
import * as os from 'node:os';
import * as path from 'node:path';
import type { BaselineEntry } from '../engine/baseline';
import type { ConfigResolver } from '../engine/config/resolve';
import type { Finding } from '../engine/finding';
import type { Linter } from '../engine/linter';
import type { SeverityOverrides } from '../engine/severity';
import type { LanguageId } from '../parse/languages';
import type { ProjectFileKind } from '../rules/project-file-rule';
import { FileChecker, type FileCheckOptions, type FileOutcome } from './check-file';
import { checkInWorkers } from './check-parallel';
import { displayPath } from './display-path';
import { collectSourceFiles, type Skipped } from './files';

export { displayPath };

export interface FileReport {
  /** Path relative to the working directory, with forward slashes. */
  path: string;
  /** The source language, or the kind of project file (`info-plist`, `entitlements`). */
  language: LanguageId | ProjectFileKind;
  /** Every finding, baselined ones included (marked with baselineState). */
  findings: Finding[];
}

export interface CheckReport {
  files: FileReport[];
  filesChecked: number;
  /** Files left out by include/exclude globs of a configuration. */
  filesExcluded: number;
  skipped: Skipped[];
  /** Rules that threw on a file (the rest of the rules still ran there). */
  ruleFailures: { path: string; ruleId: string; message: string }[];
  notes: { path: string; message: string }[];
  /** Baseline entries for every finding (what --write-baseline records). */
  baselineEntries: BaselineEntry[];
  /** The baseline in use, if any. */
  baselineFile?: string;
}

export interface CheckOptions {
  paths: string[];
  cwd: string;
  configs: ConfigResolver;
  /** Overrides from the command line; they win over configuration files. */
  severities: SeverityOverrides;
  maxFileSize?: number;
  requireReason: boolean;
  /** --baseline (wins over a configuration's `baseline`). */
  baseline?: string;
  /** --write-baseline: fingerprints are computed relative to this file. */
  writeBaseline?: string;
  onProgress?: (done: number, total: number) => void;
  /** Worker threads (1: this thread only); by default one per core once there are enough files. */
  jobs?: number;
}


/** Below this many files per worker thread, starting threads costs more than it saves. */
const FILES_PER_JOB = 400;

/**
 * Lints every file, on `options.jobs` threads (default: one per core, when there are enough files); the report
 * is the same whatever the number of threads. Throws ConfigError (a usage error for the CLI) when a configuration
 * or baseline is broken.
 */
export async function runCheck(linter: Linter, options: CheckOptions): Promise<CheckReport> {
  const report: CheckReport = { files: [], filesChecked: 0, filesExcluded: 0, skipped: [], ruleFailures: [], notes: [], baselineEntries: [] };
  const files = collectSourceFiles(options.paths.map((p) => path.resolve(options.cwd, p)), report.skipped);
  report.skipped.forEach((s) => { s.path = displayPath(s.path, options.cwd); });
  const fileOptions: FileCheckOptions = {
    cwd: options.cwd, severities: options.severities, maxFileSize: options.maxFileSize, requireReason: options.requireReason,
    baseline: options.baseline, writeBaseline: options.writeBaseline,
  };
  const jobs = options.jobs ?? Math.min(os.availableParallelism(), Math.floor(files.length / FILES_PER_JOB));
  let done = 0;
  const progress = () => options.onProgress?.(done++, files.length);
  const outcomes = jobs > 1
    ? await checkInWorkers(files, fileOptions, jobs, progress)
    : await checkHere(new FileChecker(linter, options.configs, fileOptions, (f) => displayPath(f, options.cwd)), files, progress);
  for (const outcome of outcomes) {
    if (outcome.kind === 'excluded') {
      report.filesExcluded++;
    } else if (outcome.kind === 'skipped') {
      report.skipped.push(outcome.skipped);
    } else {
      report.filesChecked++;
      report.notes.push(...outcome.notes);
      report.ruleFailures.push(...outcome.ruleFailures);
      report.baselineEntries.push(...outcome.baselineEntries);
      if (outcome.baselineFile) report.baselineFile = outcome.baselineFile;
      if (outcome.file) report.files.push(outcome.file);
    }
  }
  options.onProgress?.(files.length, files.length);
  return report;
}

/** The files one after the other on this thread. */
async function checkHere(checker: FileChecker, files: string[], progress: () => void): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = [];
  for (const file of files) {
    progress();
    outcomes.push(await checker.check(file));
  }
  return outcomes;
}

/** Findings that count (exit code, text/JSON/GitHub output): everything not in the baseline. */
export function activeFindings(file: FileReport): Finding[] {
  return file.findings.filter((f) => f.baselineState !== 'unchanged');
}
