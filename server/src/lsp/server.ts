// The language server: wires documents, debounced analysis, hovers, code actions and custom requests to a connection.
import {
  TextDocumentSyncKind, type Connection, type InitializeParams, type InitializeResult,
} from 'vscode-languageserver';
import { Linter } from '../engine/linter';
import { KnowledgeStore } from '../knowledge/store';
import { Grammars } from '../parse/grammars';
import { AnalysisScheduler } from './analysis';
import { ArticleLinks, OPEN_ARTICLE_COMMAND } from './article-links';
import { codeActionsFor, SHOW_ARTICLE_SERVER_COMMAND } from './code-actions';
import { DocumentManager } from './documents';
import { hoverAt } from './hover';
import { ProjectConfig } from './project-config';
import { plistHoverAt, ProjectFiles } from './project-files';
import { RequestGuard } from './request-guard';
import { registerCustomRequests } from './requests';
import { SettingsCache } from './settings';
import { URI } from './uri';
import { registerWorkspaceScan } from './workspace-scan';

/** Options the VS Code client sends in initializationOptions; other editors send none. */
interface ClientOptions {
  /** The client renders articles itself with this command (and trusts it in hovers). */
  openArticleCommand?: string;
  debounceMs?: number;
  /** Internal (tests): a request unanswered after this long gets ServerCancelled; 2000 ms by default. */
  requestBudgetMs?: number;
  /** TEST ONLY: every guarded request waits this long first, so tests can cancel it or run out its budget. */
  testOnlyRequestDelayMs?: number;
}

export const SERVER_VERSION = '0.1.0';

export function startServer(connection: Connection): void {
  const grammars = new Grammars();
  const linter = new Linter(grammars);
  const documents = new DocumentManager(grammars);
  const project = new ProjectConfig();
  const projectFiles = new ProjectFiles();
  let knowledge: KnowledgeStore | undefined;
  let links: ArticleLinks | undefined;
  let settings: SettingsCache;
  let analysis: AnalysisScheduler;
  let openArticleCommand = SHOW_ARTICLE_SERVER_COMMAND;
  const log = (message: string) => connection.console.log(`[netadvisor] ${message}`);
  const guard = new RequestGuard(log);

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const options = (params.initializationOptions ?? {}) as ClientOptions;
    guard.configure({ budgetMs: options.requestBudgetMs, testOnlyDelayMs: options.testOnlyRequestDelayMs });
    // Read on first use (a linked diagnostic, hover, search), not here: initialize stays cheap. Diagnostics still
    // work without the knowledge bundle; hovers and links do not.
    knowledge = KnowledgeStore.lazy(log);
    if (options.openArticleCommand === OPEN_ARTICLE_COMMAND) openArticleCommand = OPEN_ARTICLE_COMMAND;
    if (knowledge) links = new ArticleLinks(knowledge, openArticleCommand === OPEN_ARTICLE_COMMAND);
    settings = new SettingsCache(connection, params.capabilities.workspace?.configuration === true);
    analysis = new AnalysisScheduler(connection, documents, linter, settings, knowledge, project,
      { debounceMs: options.debounceMs ?? 200, log }, projectFiles);
    project.setWorkspaceFolders((params.workspaceFolders ?? []).map((f) => URI.fsPath(f.uri)));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        executeCommandProvider: { commands: [SHOW_ARTICLE_SERVER_COMMAND] },
      },
      serverInfo: { name: 'netadvisor', version: SERVER_VERSION },
    };
  });

  connection.onDidOpenTextDocument(({ textDocument }) => {
    const document = documents.open(textDocument.uri, textDocument.languageId, textDocument.version, textDocument.text)
      ?? projectFiles.open(textDocument.uri, textDocument.languageId, textDocument.version, textDocument.text);
    // First diagnostics of a newly opened file are not debounced.
    if (document) void analysis.run(document.uri);
  });

  connection.onDidChangeTextDocument(({ textDocument, contentChanges }) => {
    if (documents.change(textDocument.uri, textDocument.version, contentChanges)) analysis.schedule(textDocument.uri);
    else if (projectFiles.change(textDocument.uri, textDocument.version, contentChanges)) {
      // An edited Info.plist or entitlements file changes the facts of the source files of its target.
      analysis.schedule(textDocument.uri);
      analysis.scheduleSources();
    }
  });

  connection.onDidCloseTextDocument(({ textDocument }) => {
    analysis.cancel(textDocument.uri);
    documents.close(textDocument.uri);
    if (projectFiles.close(textDocument.uri)) analysis.scheduleSources();
    settings.forget(textDocument.uri);
    void connection.sendDiagnostics({ uri: textDocument.uri, diagnostics: [] });
  });

  connection.onDidChangeConfiguration((change) => {
    settings.invalidate(change.settings);
    analysis.scheduleAll();
  });

  connection.onDidChangeWatchedFiles(() => {
    // .netadvisor.json, a baseline, an Info.plist, entitlements or project.pbxproj changed: cheap to re-resolve everything.
    project.clear();
    projectFiles.changedOnDisk();
    analysis.configurationChanged();
  });

  connection.onHover(guard.wrap('textDocument/hover', async ({ textDocument, position }) => {
    const plist = projectFiles.get(textDocument.uri);
    if (plist) return knowledge?.available && links ? plistHoverAt(plist, position, knowledge, links) : null;
    const document = documents.get(textDocument.uri);
    if (!document || !knowledge?.available || !links) return null;
    await linter.prepare(document.language).catch(() => undefined);
    if (!linter.isReady(document.language)) return null;
    return hoverAt(document, position, knowledge, links);
  }));

  connection.onCodeAction(guard.wrap('textDocument/codeAction', (params) => {
    const document = documents.get(params.textDocument.uri);
    const plist = projectFiles.get(params.textDocument.uri);
    const textOf = (file: string) => projectFiles.textOf(file);
    if (plist) return codeActionsFor(plist, params, knowledge, openArticleCommand, { xml: true, textOf });
    return document ? codeActionsFor(document, params, knowledge, openArticleCommand, { textOf }) : [];
  }));

  connection.onExecuteCommand(guard.wrap('workspace/executeCommand', async ({ command, arguments: args }) => {
    if (command !== SHOW_ARTICLE_SERVER_COMMAND) return;
    const uri = typeof args?.[0] === 'string' ? knowledge?.articleUri(args[0]) : undefined;
    if (uri) await connection.window.showDocument({ uri, takeFocus: true });
  }));

  registerCustomRequests(connection, { knowledge: () => knowledge, linter, project, settings: () => settings, documents, guard });
  registerWorkspaceScan(connection, { linter, documents, projectFiles, project, settings: () => settings, knowledge: () => knowledge, log });

  connection.onShutdown(() => {
    analysis?.dispose();
    for (const document of documents.all()) documents.close(document.uri);
    for (const document of projectFiles.all()) projectFiles.close(document.uri);
  });

  connection.listen();
}
