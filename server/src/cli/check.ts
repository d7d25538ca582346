// `netadvisor check`: lints files and folders (each with its nearest .netadvisor.json) and returns a report for the formatters.
import * as path from 'node:path';
import { Baseline, baselinePath, fingerprintFindings, type BaselineEntry } from '../engine/baseline';
import { isExcluded, type ConfigResolver } from '../engine/config/resolve';
import type { Finding, LintResult } from '../engine/finding';
import type { Linter } from '../engine/linter';
import { isProjectFile, lintProjectFile } from '../engine/project/lint-project-file';
import { decodePlistText } from '../engine/project/plist';
import { isBinaryPlist } from '../engine/project/plist-binary';
import { ProjectModel } from '../engine/project/project-model';
import { projectFileKind, type ProjectFileKind } from '../rules/project-file-rule';
import { REASON_MISSING } from '../engine/meta-rules';
import type { SeverityOverrides } from '../engine/severity';
import { languageForPath, type LanguageId } from '../parse/languages';
import { collectSourceFiles, type Skipped } from './files';
import { readProjectFileBytes, readSource } from './read-source';

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
}

export function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return (relative && !relative.startsWith('..') ? relative : file).split(path.sep).join('/');
}

/** Lints every file; throws ConfigError (a usage error for the CLI) when a configuration or baseline is broken. */
export async function runCheck(linter: Linter, options: CheckOptions): Promise<CheckReport> {
  const report: CheckReport = { files: [], filesChecked: 0, filesExcluded: 0, skipped: [], ruleFailures: [], notes: [], baselineEntries: [] };
  const files = collectSourceFiles(options.paths.map((p) => path.resolve(options.cwd, p)), report.skipped);
  report.skipped.forEach((s) => { s.path = displayPath(s.path, options.cwd); });
  const baselines = new Map<string, Baseline>();
  const projects = new ProjectModel();
  let done = 0;
  for (const file of files) {
    const shown = displayPath(file, options.cwd);
    options.onProgress?.(done++, files.length);
    const config = options.configs.forFile(file);
    if (isExcluded(config, file)) {
      report.filesExcluded++;
      continue;
    }
    const severities = { ...config.rules, ...(options.requireReason || config.requireReason ? { [REASON_MISSING]: 'warning' } : {}), ...options.severities };
    let text: string;
    let language: FileReport['language'];
    let result: LintResult;
    if (isProjectFile(file)) {
      // Info.plist-style *.plist and *.entitlements files: the project-file rules (binary plists too).
      const bytes = readProjectFileBytes(file, options.maxFileSize ?? config.maxFileSize);
      if (!bytes.ok) {
        report.skipped.push({ path: shown, reason: bytes.reason });
        continue;
      }
      const linted = lintProjectFile(linter.registry, file, bytes.bytes, { severities, model: projects });
      if (linted.problem) {
        report.skipped.push({ path: shown, reason: linted.problem });
        continue;
      }
      text = isBinaryPlist(bytes.bytes) ? '' : decodePlistText(bytes.bytes);
      language = projectFileKind(file)!;
      result = linted;
    } else {
      const read = readSource(file, options.maxFileSize ?? config.maxFileSize);
      if (!read.ok) {
        report.skipped.push({ path: shown, reason: read.reason });
        continue;
      }
      const sourceLanguage = languageForPath(file, read.text);
      if (!sourceLanguage) {
        report.skipped.push({ path: shown, reason: 'not a Swift, Objective-C or C file' });
        continue;
      }
      if (read.replacedInvalidUtf8) report.notes.push({ path: shown, message: 'invalid UTF-8 replaced with U+FFFD' });
      try {
        await linter.prepare(sourceLanguage);
      } catch (err) {
        report.skipped.push({ path: shown, reason: err instanceof Error ? err.message : String(err) });
        continue;
      }
      text = read.text;
      language = sourceLanguage;
      // Cross-file rules read the file's target (Info.plist, entitlements); unknown targets leave them silent.
      // Files the prefilter will not parse need no project lookup.
      const project = linter.mayMatch(read.text, sourceLanguage, { severities }) ? projects.factsFor(file) : undefined;
      result = linter.lintText(read.text, sourceLanguage, { severities, project });
    }
    report.filesChecked++;
    for (const failure of result.failures) report.ruleFailures.push({ path: shown, ...failure });
    if (result.findings.length === 0) continue;

    if (options.writeBaseline) {
      const relative = baselinePath(options.writeBaseline, file);
      fingerprintFindings(result.findings, text, relative).forEach((fingerprint, i) => {
        const f = result.findings[i];
        report.baselineEntries.push({ fingerprint, ruleId: f.ruleId, path: relative, message: f.message });
      });
    }
    const baselineFile = options.baseline ?? config.baseline;
    if (baselineFile && !options.writeBaseline) {
      let baseline = baselines.get(baselineFile);
      if (!baseline) {
        baseline = Baseline.load(baselineFile);
        baselines.set(baselineFile, baseline);
      }
      report.baselineFile = baselineFile;
      const prints = fingerprintFindings(result.findings, text, baselinePath(baselineFile, file));
      result.findings.forEach((f, i) => { f.baselineState = baseline!.has(prints[i]) ? 'unchanged' : 'new'; });
    }
    report.files.push({ path: shown, language, findings: result.findings });
  }
  options.onProgress?.(files.length, files.length);
  return report;
}

/** Findings that count (exit code, text/JSON/GitHub output): everything not in the baseline. */
export function activeFindings(file: FileReport): Finding[] {
  return file.findings.filter((f) => f.baselineState !== 'unchanged');
}
