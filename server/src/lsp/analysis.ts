// Debounced analysis of open documents: the latest version wins, stale runs are dropped, results are published with their version.
import { DiagnosticSeverity, MessageType, ShowMessageNotification, type Connection, type Diagnostic } from 'vscode-languageserver';
import type { Finding } from '../engine/finding';
import { LineIndex } from '../engine/line-index';
import type { Linter, LintOptions } from '../engine/linter';
import type { KnowledgeStore } from '../knowledge/store';
import type { DocumentManager, OpenDocument } from './documents';
import type { ResolvedConfig } from '../engine/config/types';
import type { ProjectConfig } from './project-config';
import type { ProjectFileDocument, ProjectFiles } from './project-files';
import type { SettingsCache } from './settings';
import { DIAGNOSTIC_SOURCE, toDiagnostic } from './to-diagnostic';
import { URI } from './uri';

export interface AnalysisOptions {
  /** Quiet time after the last keystroke before analysing (ms). */
  debounceMs: number;
  /** Where rule failures and load errors are reported (the client's output channel). */
  log: (message: string) => void;
  /**
   * Quiet time after an incremental analysis before the whole file is linted again from scratch (ms). The check
   * is a safety net for cross-item effects the incremental rules cannot see; it corrects the diagnostics if needed.
   */
  verifyDelayMs?: number;
}

export class AnalysisScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly verifyTimers = new Map<string, NodeJS.Timeout>();
  private readonly reportedLoadErrors = new Set<string>();
  private readonly reportedConfigErrors = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly documents: DocumentManager,
    private readonly linter: Linter,
    private readonly settings: SettingsCache,
    private readonly knowledge: KnowledgeStore | undefined,
    private readonly project: ProjectConfig,
    private readonly options: AnalysisOptions,
    private readonly projectFiles?: ProjectFiles,
  ) {}

  /** Analyses `uri` after the debounce; a newer call replaces a pending one. */
  schedule(uri: string, delay = this.options.debounceMs): void {
    this.cancelVerify(uri);
    clearTimeout(this.timers.get(uri));
    this.timers.set(uri, setTimeout(() => {
      this.timers.delete(uri);
      void this.run(uri);
    }, delay));
  }

  /** Re-analyses every open document (settings changed). */
  scheduleAll(): void {
    for (const document of this.documents.all()) this.schedule(document.uri, 0);
    for (const document of this.projectFiles?.all() ?? []) this.schedule(document.uri, 0);
  }

  /** A project file changed: source documents may have gained or lost Info.plist keys and entitlements. */
  scheduleSources(delay = this.options.debounceMs): void {
    for (const document of this.documents.all()) this.schedule(document.uri, delay);
  }

  cancel(uri: string): void {
    this.cancelVerify(uri);
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
  }

  private cancelVerify(uri: string): void {
    clearTimeout(this.verifyTimers.get(uri));
    this.verifyTimers.delete(uri);
  }

  /** Runs now; exposed so first diagnostics of a newly opened file are not delayed. */
  async run(uri: string): Promise<void> {
    const projectFile = this.projectFiles?.get(uri);
    if (projectFile) return this.runProjectFile(projectFile);
    const document = this.documents.get(uri);
    if (!document) return;
    const version = document.version;
    const settings = await this.settings.get(uri);
    try {
      await this.linter.prepare(document.language);
    } catch (err) {
      this.reportLoadError(document, err);
      return;
    }
    // The document may have changed or closed while we awaited: a newer run is already scheduled.
    if (this.documents.get(uri) !== document || document.version !== version) return;
    const filePath = uri.startsWith('file:') ? URI.fsPath(uri) : undefined;
    const effective = this.project.effective(filePath, settings);
    if (effective.error) this.reportConfigError(effective.error);
    if (!settings.enable || effective.excluded) {
      this.publish(document, []);
      return;
    }
    const options = { severities: effective.severities, project: this.projectFiles?.factsFor(filePath) };
    const result = this.linter.lint(document.source.tree, document.text, document.language, options, document.memo);
    for (const failure of result.failures) this.options.log(`rule ${failure.ruleId} failed on ${uri}: ${failure.message}`);
    const baselineError = filePath && this.project.applyBaseline(effective.config, filePath, document.text, result.findings);
    if (baselineError) this.reportConfigError(baselineError);
    this.publish(document, result.findings);
    if (document.memo.lastWasIncremental) this.scheduleVerify(document, options, effective.config, filePath);
  }

  /** After typing stops, lints the whole file from scratch and republishes if the incremental result differed. */
  private scheduleVerify(document: OpenDocument, options: LintOptions, config: ResolvedConfig, filePath: string | undefined): void {
    const version = document.version;
    this.cancelVerify(document.uri);
    this.verifyTimers.set(document.uri, setTimeout(() => {
      this.verifyTimers.delete(document.uri);
      if (this.documents.get(document.uri) !== document || document.version !== version) return;
      document.memo.reset();
      const result = this.linter.lint(document.source.tree, document.text, document.language, options, document.memo);
      if (filePath) this.project.applyBaseline(config, filePath, document.text, result.findings);
      const differing = rulesThatDiffer(document.findings, result.findings);
      if (differing.length === 0) return;
      this.options.log(`incremental analysis of ${document.uri} differed from a full one for ${differing.join(', ')}; corrected`);
      this.publish(document, result.findings);
    }, this.options.verifyDelayMs ?? 1500));
  }

  /** An open Info.plist or .entitlements document: the project-file rules. */
  private async runProjectFile(document: ProjectFileDocument): Promise<void> {
    const version = document.version;
    const settings = await this.settings.get(document.uri);
    if (this.projectFiles?.get(document.uri) !== document || document.version !== version) return;
    const effective = this.project.effective(document.path, settings);
    if (effective.error) this.reportConfigError(effective.error);
    if (!settings.enable || effective.excluded) {
      this.publish(document, []);
      return;
    }
    const result = this.projectFiles.lint(document, this.linter.registry, effective.severities);
    for (const failure of result.failures) this.options.log(`rule ${failure.ruleId} failed on ${document.uri}: ${failure.message}`);
    const baselineError = this.project.applyBaseline(effective.config, document.path, document.text, result.findings);
    if (baselineError) this.reportConfigError(baselineError);
    this.publish(document, result.findings, result.problem === undefined ? [] : [unreadablePlistDiagnostic(document.text, result.problem, result.problemIndex)]);
  }

  private publish(document: OpenDocument | ProjectFileDocument, findings: Finding[], extra: Diagnostic[] = []): void {
    document.findings = findings;
    document.analysedVersion = document.version;
    const diagnostics = [...extra, ...findings.map((f) => toDiagnostic(f, this.knowledge?.articleUri(f.article)))];
    void this.connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
  }

  /** A broken .netadvisor.json or baseline: said once per distinct message; analysis goes on with defaults. */
  private reportConfigError(message: string): void {
    if (this.reportedConfigErrors.has(message)) return;
    this.reportedConfigErrors.add(message);
    this.options.log(`configuration error: ${message}`);
    this.tellUser(`NetAdvisor configuration error (using defaults): ${message}`);
  }

  /** Configuration files changed: errors may be fixed, report anew. */
  configurationChanged(): void {
    this.reportedConfigErrors.clear();
    this.scheduleAll();
  }

  /**
   * An error message for the user, as a window/showMessage notification: it needs no answer, so a client that
   * does not implement window/showMessageRequest (or never answers) cannot leave a rejected promise behind.
   */
  private tellUser(message: string): void {
    void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Error, message });
  }

  private reportLoadError(document: OpenDocument, err: unknown): void {
    const message = err instanceof Error ? err.message : String(err);
    this.options.log(`cannot analyse ${document.uri}: ${message}`);
    // Tell the user once per language, not on every keystroke.
    if (!this.reportedLoadErrors.has(document.language)) {
      this.reportedLoadErrors.add(document.language);
      this.tellUser(`NetAdvisor cannot analyse ${document.language} files: ${message}`);
    }
  }

  dispose(): void {
    for (const timer of [...this.timers.values(), ...this.verifyTimers.values()]) clearTimeout(timer);
    this.timers.clear();
    this.verifyTimers.clear();
  }
}

/** A plist NetAdvisor cannot read: one plain diagnostic (no rule) says why its checks are paused. */
function unreadablePlistDiagnostic(text: string, problem: string, index = 0): Diagnostic {
  const at = new LineIndex(text).positionAt(index);
  return { range: { start: at, end: at }, severity: DiagnosticSeverity.Information, source: DIAGNOSTIC_SOURCE, message: `NetAdvisor cannot check this file: ${problem}` };
}

/** Ids of the rules whose findings differ between two results (by place, message and baseline state). */
function rulesThatDiffer(a: Finding[], b: Finding[]): string[] {
  const summary = (findings: Finding[], id: string) =>
    JSON.stringify(findings.filter((f) => f.ruleId === id).map((f) => [f.startIndex, f.endIndex, f.message, f.baselineState]));
  const ids = new Set([...a, ...b].map((f) => f.ruleId));
  return [...ids].filter((id) => summary(a, id) !== summary(b, id)).sort();
}
