// A real LSP conversation over stdio with dist/server.js, for the protocol tests.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { ProgressToken, PublishDiagnosticsParams, WorkDoneProgressBegin, WorkDoneProgressEnd, WorkDoneProgressReport } from 'vscode-languageserver-protocol';

/** What the test client advertises and answers beyond the defaults. */
export interface ClientOptions {
  /** Folder paths sent as workspaceFolders in initialize. */
  workspaceFolders?: string[];
  /** Advertise window.workDoneProgress (the server may then create progress tokens). */
  workDoneProgress?: boolean;
  /** The `netadvisor` settings section, in place before `initialized`. */
  settings?: Record<string, unknown>;
}

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
/** The bundled server; NETADVISOR_SERVER_JS points the tests at another bundle (one built elsewhere while iterating). */
export const SERVER_BUNDLE = process.env.NETADVISOR_SERVER_JS ?? path.join(REPO_ROOT, 'dist', 'server.js');

export class LspSession {
  readonly connection: MessageConnection;
  /** Every publishDiagnostics notification, in arrival order. */
  readonly published: PublishDiagnosticsParams[] = [];
  /** What the server gets for workspace/configuration (the `netadvisor` section). */
  settings: Record<string, unknown> = { enable: true, rules: {} };
  readonly stderr: string[] = [];
  /** Every window/logMessage text (the server's log), in arrival order. */
  readonly logs: string[] = [];
  /** Every window/showMessage (what the user is told), in arrival order. */
  readonly messages: { type: number; message: string }[] = [];
  /** Tokens the server asked for with window/workDoneProgress/create, and every $/progress, in arrival order. */
  readonly progressTokens: ProgressToken[] = [];
  readonly progress: { token: ProgressToken; value: WorkDoneProgressBegin | WorkDoneProgressReport | WorkDoneProgressEnd }[] = [];
  private waiters: { uri: string; predicate: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];

  private constructor(readonly process: ChildProcessWithoutNullStreams) {
    this.connection = createMessageConnection(new StreamMessageReader(process.stdout), new StreamMessageWriter(process.stdin));
    process.stderr.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.published.push(params);
      this.waiters = this.waiters.filter((w) => {
        if (w.uri === params.uri && w.predicate(params)) { w.resolve(params); return false; }
        return true;
      });
    });
    this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => this.settings));
    this.connection.onRequest('window/showDocument', () => ({ success: true }));
    this.connection.onRequest('window/workDoneProgress/create', (params: { token: ProgressToken }) => { this.progressTokens.push(params.token); return null; });
    this.connection.onNotification('$/progress', (params: LspSession['progress'][number]) => { this.progress.push(params); });
    this.connection.onNotification('window/logMessage', (params: { message: string }) => { this.logs.push(params.message); });
    this.connection.onNotification('window/showMessage', (params: { type: number; message: string }) => { this.messages.push(params); });
    this.connection.listen();
  }

  static async start(initializationOptions: Record<string, unknown> = {},
    launch: { execArgv?: string[]; env?: Record<string, string> } = {}, client: ClientOptions = {}): Promise<LspSession> {
    const child = spawn(process.execPath, [...(launch.execArgv ?? []), SERVER_BUNDLE, '--stdio'],
      { stdio: 'pipe', env: { ...process.env, ...launch.env } });
    const session = new LspSession(child);
    if (client.settings) session.settings = client.settings;
    await session.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: {
        workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } },
        ...(client.workDoneProgress ? { window: { workDoneProgress: true } } : {}),
      },
      ...(client.workspaceFolders ? { workspaceFolders: client.workspaceFolders.map((f) => ({ uri: pathToFileURL(f).href, name: path.basename(f) })) } : {}),
      initializationOptions,
    });
    await session.connection.sendNotification('initialized', {});
    return session;
  }

  /** The server process id (for /proc/<pid>/status). */
  get pid(): number {
    return this.process.pid!;
  }

  /** Resolves with the next publication for `uri` that satisfies `predicate` (or one already received). */
  diagnostics(uri: string, predicate: (p: PublishDiagnosticsParams) => boolean = () => true, timeoutMs = 10000): Promise<PublishDiagnosticsParams> {
    const seen = [...this.published].reverse().find((p) => p.uri === uri);
    if (seen && predicate(seen)) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; stderr: ${this.stderr.join('')}`)), timeoutMs);
      this.waiters.push({ uri, predicate, resolve: (p) => { clearTimeout(timer); resolve(p); } });
    });
  }

  open(uri: string, languageId: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } finally {
      this.connection.dispose();
      this.process.kill();
    }
  }
}
