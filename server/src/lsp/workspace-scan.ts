// Scan Workspace (`netadvisor/scanWorkspace`): lints files on disk in time slices and publishes diagnostics for unopened files.
import * as path from 'node:path';
import { CancellationToken, CancellationTokenSource, type Connection, type WorkDoneProgressServerReporter } from 'vscode-languageserver';
import { collectSourceFiles, type Skipped } from '../cli/files';
import { readProjectFileBytes, readSource } from '../cli/read-source';
import type { Finding } from '../engine/finding';
import type { Linter } from '../engine/linter';
import { isProjectFile, lintProjectFile } from '../engine/project/lint-project-file';
import { decodePlistText } from '../engine/project/plist';
import { isBinaryPlist } from '../engine/project/plist-binary';
import type { KnowledgeStore } from '../knowledge/store';
import { languageForPath, type LanguageId } from '../parse/languages';
import type { DocumentManager } from './documents';
import type { ProjectConfig } from './project-config';
import type { ProjectFiles } from './project-files';
import { DEFAULT_SETTINGS, type DocumentSettings, type SettingsCache } from './settings';
import { toDiagnostic } from './to-diagnostic';
import { URI } from './uri';

export const SCAN_WORKSPACE_REQUEST = 'netadvisor/scanWorkspace';
export const SCAN_PROGRESS_TITLE = 'NetAdvisor: Scan Workspace';
/** Work between yields: messages (didChange, hover) queue behind at most this much scanning. */
const SLICE_MS = 10;
/** Progress notifications are for people: a few per second is plenty. */
const REPORT_MS = 100;

export interface ScanParams {
  /** Folder URIs or absolute paths; the workspace folders from initialize when absent. */
  folders?: string[];
}

export interface ScanSummary {
  files: number;
  analysed: number;
  /** Open in the editor, excluded, disabled, too large, binary or unreadable. */
  skipped: number;
  findings: number;
  cancelled: boolean;
}

export interface ScanDeps {
  linter: Linter;
  documents: DocumentManager;
  projectFiles: ProjectFiles;
  project: ProjectConfig;
  settings: () => SettingsCache | undefined;
  knowledge: () => KnowledgeStore | undefined;
  log: (message: string) => void;
}

const yieldToMessages = () => new Promise<void>((resolve) => setImmediate(resolve));

export function registerWorkspaceScan(connection: Connection, deps: ScanDeps): void {
  let running: CancellationTokenSource | undefined;
  /** URIs the scan published findings for: cleared when a later scan finds them clean, excluded or gone. */
  let published = new Set<string>();

  /** Open documents belong to the analysis scheduler: their paths are never published by the scan. */
  const openPaths = () => new Set([...deps.documents.all(), ...deps.projectFiles.all()]
    .filter((d) => d.uri.startsWith('file:')).map((d) => URI.fsPath(d.uri)));

  async function scan(folders: string[], requestToken: CancellationToken = CancellationToken.None): Promise<ScanSummary> {
    running?.cancel(); // a later scan supersedes an earlier one
    const own = new CancellationTokenSource();
    running = own;
    const summary: ScanSummary = { files: 0, analysed: 0, skipped: 0, findings: 0, cancelled: false };
    const progress: WorkDoneProgressServerReporter | undefined = await connection.window.createWorkDoneProgress().catch(() => undefined);
    const isCancelled = () => own.token.isCancellationRequested || requestToken.isCancellationRequested || progress?.token.isCancellationRequested === true;
    const said = new Set<string>();
    const note = (message: string) => { if (!said.has(message)) deps.log(message); said.add(message); };
    const seen = new Set<string>();
    const withFindings = new Set<string>();
    try {
      const work: { file: string; settings: DocumentSettings }[] = [];
      for (const folder of folders) {
        const settings = await deps.settings()?.get(URI.file(folder)) ?? DEFAULT_SETTINGS;
        const skipped: Skipped[] = [];
        for (const file of collectSourceFiles([folder], skipped)) {
          if (!seen.has(file)) work.push({ file, settings });
          seen.add(file);
        }
        for (const s of skipped) note(`scan: skipped ${s.path}: ${s.reason}`);
      }
      summary.files = work.length;
      await prepareGrammars(deps.linter, work.map((w) => w.file), note);
      const message = (done: number) => `${done} / ${work.length} files`;
      progress?.begin(SCAN_PROGRESS_TITLE, 0, message(0), true);
      let open = openPaths();
      let sliceStart = performance.now();
      let lastReport = sliceStart;
      for (let i = 0; i < work.length; i++) {
        if (performance.now() - sliceStart >= SLICE_MS) {
          if (performance.now() - lastReport >= REPORT_MS) {
            progress?.report(Math.round((i / work.length) * 100), message(i));
            lastReport = performance.now();
          }
          await yieldToMessages();
          open = openPaths(); // documents open and close only while we yield
          sliceStart = performance.now();
        }
        if (isCancelled()) break;
        const { file, settings } = work[i];
        const uri = URI.file(file);
        if (open.has(file)) {
          summary.skipped++;
          continue;
        }
        const findings = lintFile(deps, file, settings, note);
        if (!findings) {
          summary.skipped++;
          if (published.has(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
          continue;
        }
        summary.analysed++;
        summary.findings += findings.length;
        // Clean files are only published to clear what an earlier scan showed: a big workspace is mostly clean.
        if (findings.length === 0 && !published.has(uri)) continue;
        if (findings.length > 0) withFindings.add(uri);
        const diagnostics = findings.map((f) => toDiagnostic(f, deps.knowledge()?.articleUri(f.article)));
        void connection.sendDiagnostics({ uri, diagnostics });
      }
      summary.cancelled = isCancelled();
      if (summary.cancelled) {
        for (const uri of withFindings) published.add(uri);
        return summary;
      }
      progress?.report(100, message(work.length));
      // Files deleted since the last scan of these folders lose their diagnostics; other folders keep theirs.
      const inScope = (file: string) => folders.some((f) => file === f || file.startsWith(`${f}${path.sep}`));
      for (const uri of published) {
        const file = URI.fsPath(uri);
        if (!inScope(file)) withFindings.add(uri);
        else if (!seen.has(file) && !open.has(file)) void connection.sendDiagnostics({ uri, diagnostics: [] });
      }
      published = withFindings;
      return summary;
    } finally {
      progress?.done();
      own.dispose();
      if (running === own) running = undefined;
    }
  }

  // With no params the handler gets only the token; with params, (params, token).
  connection.onRequest(SCAN_WORKSPACE_REQUEST, (...args: unknown[]): Promise<ScanSummary> => {
    const token = args.find((a) => CancellationToken.is(a)) as CancellationToken | undefined;
    const params = (args.length > 1 ? args[0] : undefined) as ScanParams | undefined;
    const folders = Array.isArray(params?.folders)
      ? params.folders.filter((f): f is string => typeof f === 'string').map((f) => (f.startsWith('file:') ? URI.fsPath(f) : path.resolve(f)))
      : deps.project.folders();
    return scan(folders, token);
  });

  // netadvisor.scanWorkspaceOnStartup: read per folder once settings can be pulled.
  connection.onInitialized(async () => {
    const settings = deps.settings();
    if (!settings) return;
    const folders: string[] = [];
    for (const folder of deps.project.folders()) {
      if ((await settings.get(URI.file(folder))).scanWorkspaceOnStartup) folders.push(folder);
    }
    if (folders.length === 0) return;
    const summary = await scan(folders);
    deps.log(`scan on startup: ${JSON.stringify(summary)}`);
  });
}

/** Loads the grammars the files need before the first slice, so linting a file never waits. */
async function prepareGrammars(linter: Linter, files: string[], note: (message: string) => void): Promise<void> {
  const languages = new Set<LanguageId>();
  for (const file of files) {
    const language = languageForPath(file);
    if (language) languages.add(language);
    if (file.toLowerCase().endsWith('.h')) languages.add('objc'); // Objective-C headers are told apart by their text
  }
  for (const language of languages) {
    await linter.prepare(language).catch((err: unknown) => note(`scan: cannot analyse ${language} files: ${err instanceof Error ? err.message : String(err)}`));
  }
}

/** Lints one file from disk as `netadvisor check` would; undefined when it is skipped. */
function lintFile(deps: ScanDeps, file: string, settings: DocumentSettings, note: (message: string) => void): Finding[] | undefined {
  const effective = deps.project.effective(file, settings);
  if (effective.error) note(`scan: configuration error (using defaults): ${effective.error}`);
  if (!settings.enable || effective.excluded) return undefined;
  const max = effective.config.maxFileSize;
  let text: string;
  let findings: Finding[];
  if (isProjectFile(file)) {
    const bytes = readProjectFileBytes(file, max);
    if (!bytes.ok) return undefined;
    const result = lintProjectFile(deps.linter.registry, file, bytes.bytes, { severities: effective.severities, model: deps.projectFiles.model });
    if (result.problem) return undefined;
    text = isBinaryPlist(bytes.bytes) ? '' : decodePlistText(bytes.bytes);
    findings = result.findings;
  } else {
    const read = readSource(file, max);
    const language = read.ok ? languageForPath(file, read.text) : undefined;
    if (!read.ok || !language || !deps.linter.isReady(language)) return undefined;
    const options = { severities: effective.severities };
    // Files the prefilter will not parse need no project lookup (pbxproj reads are not free).
    const project = deps.linter.mayMatch(read.text, language, options) ? deps.projectFiles.factsFor(file) : undefined;
    const result = deps.linter.lintText(read.text, language, { ...options, project });
    for (const failure of result.failures) note(`rule ${failure.ruleId} failed on ${file}: ${failure.message}`);
    text = read.text;
    findings = result.findings;
  }
  const baselineError = deps.project.applyBaseline(effective.config, file, text, findings);
  if (baselineError) note(`scan: baseline error: ${baselineError}`);
  return findings;
}
