// `netadvisor check`: lints files and folders and returns a report for the formatters.
import * as path from 'node:path';
import type { Finding } from '../engine/finding';
import type { Linter } from '../engine/linter';
import type { SeverityOverrides } from '../engine/severity';
import { languageForPath, type LanguageId } from '../parse/languages';
import { collectSourceFiles, type Skipped } from './files';
import { readSource } from './read-source';

export interface FileReport {
  /** Path relative to the working directory, with forward slashes. */
  path: string;
  language: LanguageId;
  findings: Finding[];
}

export interface CheckReport {
  files: FileReport[];
  filesChecked: number;
  skipped: Skipped[];
  /** Rules that threw on a file (the rest of the rules still ran there). */
  ruleFailures: { path: string; ruleId: string; message: string }[];
  /** Files whose text had invalid UTF-8 (analysed with replacement characters). */
  notes: { path: string; message: string }[];
}

export interface CheckOptions {
  paths: string[];
  cwd: string;
  severities: SeverityOverrides;
  maxFileSize: number;
  onProgress?: (done: number, total: number) => void;
}

export function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return (relative && !relative.startsWith('..') ? relative : file).split(path.sep).join('/');
}

export async function runCheck(linter: Linter, options: CheckOptions): Promise<CheckReport> {
  const report: CheckReport = { files: [], filesChecked: 0, skipped: [], ruleFailures: [], notes: [] };
  const files = collectSourceFiles(options.paths.map((p) => path.resolve(options.cwd, p)), report.skipped);
  report.skipped.forEach((s) => { s.path = displayPath(s.path, options.cwd); });
  let done = 0;
  for (const file of files) {
    const shown = displayPath(file, options.cwd);
    options.onProgress?.(done++, files.length);
    const read = readSource(file, options.maxFileSize);
    if (!read.ok) {
      report.skipped.push({ path: shown, reason: read.reason });
      continue;
    }
    const language = languageForPath(file, read.text);
    if (!language) {
      report.skipped.push({ path: shown, reason: 'not a Swift, Objective-C or C file' });
      continue;
    }
    if (read.replacedInvalidUtf8) report.notes.push({ path: shown, message: 'invalid UTF-8 replaced with U+FFFD; positions after it may be off' });
    try {
      await linter.prepare(language);
    } catch (err) {
      report.skipped.push({ path: shown, reason: err instanceof Error ? err.message : String(err) });
      continue;
    }
    const result = linter.lintText(read.text, language, { severities: options.severities });
    report.filesChecked++;
    for (const failure of result.failures) report.ruleFailures.push({ path: shown, ...failure });
    if (result.findings.length > 0) report.files.push({ path: shown, language, findings: result.findings });
  }
  options.onProgress?.(files.length, files.length);
  return report;
}
