// The VS Code extension: starts the bundled language server and registers NetAdvisor's commands.
import * as vscode from 'vscode';
import type { ErrorHandler, LanguageClient, LanguageClientOptions, ServerOptions } from 'vscode-languageclient/node';
import { registerCommands } from './commands';
import { DEFAULT_RESTART_POLICY, RestartPolicy } from './restart-policy';

const LANGUAGES = ['swift', 'objective-c', 'objective-cpp', 'c'];
export const OPEN_ARTICLE_COMMAND = 'netadvisor.openArticle';

let client: LanguageClient | undefined;

/** Restarts a server that died (4 times within 3 minutes), then stops and says so once, with Restart Server and Show Log. */
type ClientLibrary = typeof import('vscode-languageclient/node');

function restartingErrorHandler(lc: ClientLibrary, policy: RestartPolicy, outputChannel: vscode.LogOutputChannel): ErrorHandler {
  const { CloseAction, ErrorAction } = lc;
  return {
    // A few write/read errors in a row are tolerated (as vscode-languageclient's default does); more shut the server down.
    error: (_error, _message, count) => ({ action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown }),
    closed: () => {
      if (policy.closed(Date.now()) === 'restart') {
        outputChannel.warn(`The NetAdvisor server stopped unexpectedly; restarting it (${policy.recentRestarts} of ${DEFAULT_RESTART_POLICY.maxRestarts} within 3 minutes).`);
        return { action: CloseAction.Restart, handled: true };
      }
      if (policy.shouldTellUser()) {
        const message = `The NetAdvisor server stopped unexpectedly ${DEFAULT_RESTART_POLICY.maxRestarts + 1} times within 3 minutes and was not restarted.`;
        outputChannel.error(message);
        void vscode.window.showErrorMessage(message, 'Restart Server', 'Show Log').then(async (choice) => {
          if (choice === 'Restart Server') await vscode.commands.executeCommand('netadvisor.restartServer');
          else if (choice === 'Show Log') outputChannel.show();
        });
      }
      return { action: CloseAction.DoNotRestart, handled: true };
    },
  };
}

export function activate(context: vscode.ExtensionContext): void {
  const outputChannel = vscode.window.createOutputChannel('NetAdvisor', { log: true });
  context.subscriptions.push(outputChannel);
  registerCommands(context, () => client);
  // The language client library (most of this bundle) loads and the server starts after activation has returned:
  // activation costs only the lines above, and nothing in the editor waits for the server.
  void startClient(context, outputChannel).catch((err: unknown) => {
    outputChannel.appendLine(`NetAdvisor server failed to start: ${err instanceof Error ? err.message : String(err)}`);
  });
}

async function startClient(context: vscode.ExtensionContext, outputChannel: vscode.LogOutputChannel): Promise<void> {
  const lc = await import('vscode-languageclient/node');
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: lc.TransportKind.ipc },
    debug: { module: serverModule, transport: lc.TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const restartPolicy = new RestartPolicy();
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      ...LANGUAGES.flatMap((language) => [{ scheme: 'file', language }, { scheme: 'untitled', language }]),
      // Info.plist-style property lists and entitlements (XML): the project-file rules.
      { scheme: 'file', pattern: '**/*.{plist,entitlements}' },
    ],
    synchronize: {
      configurationSection: 'netadvisor',
      // Project configuration, baselines and project files (Info.plist, entitlements, Xcode projects): the server
      // re-resolves and re-analyses when one changes.
      fileEvents: vscode.workspace.createFileSystemWatcher('**/{.netadvisor.json,*baseline*.json,*.plist,*.entitlements,project.pbxproj}'),
    },
    initializationOptions: { openArticleCommand: OPEN_ARTICLE_COMMAND },
    // Hovers link to articles through our own command only; no other command can run from hover text.
    markdown: { isTrusted: { enabledCommands: [OPEN_ARTICLE_COMMAND] } },
    outputChannel,
    errorHandler: restartingErrorHandler(lc, restartPolicy, outputChannel),
  };
  client = new lc.LanguageClient('netadvisor', 'NetAdvisor', serverOptions, clientOptions);
  // After a stop only the user starts the server again (Restart Server): count its crashes afresh.
  context.subscriptions.push(client.onDidChangeState(({ newState }) => {
    if (newState === lc.State.Starting) restartPolicy.userStarted();
  }));
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
