// The VS Code extension: starts the bundled language server and registers NetAdvisor's commands.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerCommands } from './commands';

const LANGUAGES = ['swift', 'objective-c', 'objective-cpp', 'c'];
export const OPEN_ARTICLE_COMMAND = 'netadvisor.openArticle';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const outputChannel = vscode.window.createOutputChannel('NetAdvisor', { log: true });
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
  };
  client = new LanguageClient('netadvisor', 'NetAdvisor', serverOptions, clientOptions);
  registerCommands(context, () => client);
  context.subscriptions.push(outputChannel);
  // Start in the background: activation must not wait for the server.
  client.start().catch((err: unknown) => {
    outputChannel.appendLine(`NetAdvisor server failed to start: ${err instanceof Error ? err.message : String(err)}`);
  });
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
