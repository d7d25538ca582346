// Checks one file for `netadvisor check`: configuration, reading, linting and baseline, as a self-contained outcome.
import { Baseline, baselinePath, fingerprintFindings, type BaselineEntry } from '../engine/baseline';
import { isExcluded, type ConfigResolver } from '../engine/config/resolve';
import type { LintResult } from '../engine/finding';
import type { Linter } from '../engine/linter';
import { REASON_MISSING } from '../engine/meta-rules';
import { isProjectFile, lintProjectFile } from '../engine/project/lint-project-file';
import { decodePlistText } from '../engine/project/plist';
import { isBinaryPlist } from '../engine/project/plist-binary';
import { ProjectModel } from '../engine/project/project-model';
import type { SeverityOverrides } from '../engine/severity';
import { languageForPath } from '../parse/languages';
import { projectFileKind } from '../rules/project-file-rule';
import type { FileReport } from './check';
import type { Skipped } from './files';
import { readProjectFileBytes, readSource } from './read-source';

/** What checking one file produced; merged into the report in file order (whichever thread did the work). */
export type FileOutcome =
  | { kind: 'excluded' }
  | { kind: 'skipped'; skipped: Skipped }
  | {
    kind: 'checked';
    /** Absent when the file has no findings. */
    file?: FileReport;
    notes: { path: string; message: string }[];
    ruleFailures: { path: string; ruleId: string; message: string }[];
    baselineEntries: BaselineEntry[];
    baselineFile?: string;
  };

/** The options of a check that every file needs (plain data: they also travel to worker threads). */
export interface FileCheckOptions {
  cwd: string;
  severities: SeverityOverrides;
  maxFileSize?: number;
  requireReason: boolean;
  baseline?: string;
  writeBaseline?: string;
}

/** Checks files one at a time with shared caches (configurations, baselines, the project model). */
export class FileChecker {
  private readonly baselines = new Map<string, Baseline>();
  private readonly projects = new ProjectModel();

  constructor(private readonly linter: Linter, private readonly configs: ConfigResolver, private readonly options: FileCheckOptions,
    private readonly displayPath: (file: string) => string) {}

  /** Throws ConfigError when the file's configuration or baseline is broken (a usage error for the whole run). */
  async check(file: string): Promise<FileOutcome> {
    const { options, linter } = this;
    const shown = this.displayPath(file);
    const config = this.configs.forFile(file);
    if (isExcluded(config, file)) return { kind: 'excluded' };
    const severities = { ...config.rules, ...(options.requireReason || config.requireReason ? { [REASON_MISSING]: 'warning' } : {}), ...options.severities };
    const skipped = (reason: string): FileOutcome => ({ kind: 'skipped', skipped: { path: shown, reason } });
    const notes: { path: string; message: string }[] = [];
    let text: string;
    let language: FileReport['language'];
    let result: LintResult;
    if (isProjectFile(file)) {
      // Info.plist-style *.plist and *.entitlements files: the project-file rules (binary plists too).
      const bytes = readProjectFileBytes(file, options.maxFileSize ?? config.maxFileSize);
      if (!bytes.ok) return skipped(bytes.reason);
      const linted = lintProjectFile(linter.registry, file, bytes.bytes, { severities, model: this.projects });
      if (linted.problem) return skipped(linted.problem);
      text = isBinaryPlist(bytes.bytes) ? '' : decodePlistText(bytes.bytes);
      language = projectFileKind(file)!;
      result = linted;
    } else {
      const read = readSource(file, options.maxFileSize ?? config.maxFileSize);
      if (!read.ok) return skipped(read.reason);
      const sourceLanguage = languageForPath(file, read.text);
      if (!sourceLanguage) return skipped('not a Swift, Objective-C or C file');
      if (read.replacedInvalidUtf8) notes.push({ path: shown, message: 'invalid UTF-8 replaced with U+FFFD' });
      try {
        await linter.prepare(sourceLanguage);
      } catch (err) {
        return skipped(err instanceof Error ? err.message : String(err));
      }
      text = read.text;
      language = sourceLanguage;
      // Cross-file rules read the file's target (Info.plist, entitlements); unknown targets leave them silent.
      // Files the prefilter will not parse need no project lookup.
      const project = linter.mayMatch(read.text, sourceLanguage, { severities }) ? this.projects.factsFor(file) : undefined;
      result = linter.lintText(read.text, sourceLanguage, { severities, project });
    }
    const outcome: FileOutcome & { kind: 'checked' } = {
      kind: 'checked', notes, ruleFailures: result.failures.map((failure) => ({ path: shown, ...failure })), baselineEntries: [],
    };
    if (result.findings.length === 0) return outcome;

    if (options.writeBaseline) {
      const relative = baselinePath(options.writeBaseline, file);
      fingerprintFindings(result.findings, text, relative).forEach((fingerprint, i) => {
        const f = result.findings[i];
        outcome.baselineEntries.push({ fingerprint, ruleId: f.ruleId, path: relative, message: f.message });
      });
    }
    const baselineFile = options.baseline ?? config.baseline;
    if (baselineFile && !options.writeBaseline) {
      let baseline = this.baselines.get(baselineFile);
      if (!baseline) {
        baseline = Baseline.load(baselineFile);
        this.baselines.set(baselineFile, baseline);
      }
      outcome.baselineFile = baselineFile;
      const prints = fingerprintFindings(result.findings, text, baselinePath(baselineFile, file));
      result.findings.forEach((f, i) => { f.baselineState = baseline!.has(prints[i]) ? 'unchanged' : 'new'; });
    }
    outcome.file = { path: shown, language, findings: result.findings };
    return outcome;
  }
}
