// Per-document settings (workspace/configuration, resource scope), cached per document URI, never in globals.
import type { Connection } from 'vscode-languageserver';

export interface DocumentSettings {
  enable: boolean;
  /** Severity per rule id or alias (`off|hint|info|warning|error`). */
  rules: Record<string, string>;
  /** Globs (relative to the workspace folder) of files not to analyse. */
  exclude: string[];
  /** Run Scan Workspace once the server is initialized (read per workspace folder). */
  scanWorkspaceOnStartup: boolean;
}

export const DEFAULT_SETTINGS: DocumentSettings = { enable: true, rules: {}, exclude: [], scanWorkspaceOnStartup: false };

function normalise(raw: unknown): DocumentSettings {
  const value = (raw ?? {}) as Partial<DocumentSettings>;
  const rules: Record<string, string> = {};
  if (value.rules && typeof value.rules === 'object') {
    for (const [id, severity] of Object.entries(value.rules)) if (typeof severity === 'string') rules[id] = severity;
  }
  const exclude = Array.isArray(value.exclude) ? value.exclude.filter((g): g is string => typeof g === 'string') : [];
  return { enable: value.enable !== false, rules, exclude, scanWorkspaceOnStartup: value.scanWorkspaceOnStartup === true };
}

/** Asks the client for each document's `netadvisor` section when it supports it; defaults otherwise. */
export class SettingsCache {
  private readonly cache = new Map<string, Promise<DocumentSettings>>();

  constructor(private readonly connection: Connection, private readonly clientSupportsConfiguration: boolean,
    private globalSettings: DocumentSettings = DEFAULT_SETTINGS) {}

  get(uri: string): Promise<DocumentSettings> {
    if (!this.clientSupportsConfiguration) return Promise.resolve(this.globalSettings);
    let settings = this.cache.get(uri);
    if (!settings) {
      settings = this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'netadvisor' })
        .then(normalise, () => DEFAULT_SETTINGS);
      this.cache.set(uri, settings);
    }
    return settings;
  }

  /** Called on workspace/didChangeConfiguration: pulls fresh settings on next use. */
  invalidate(pushed?: unknown): void {
    this.cache.clear();
    if (!this.clientSupportsConfiguration && pushed && typeof pushed === 'object' && 'netadvisor' in pushed) {
      this.globalSettings = normalise((pushed as { netadvisor: unknown }).netadvisor);
    }
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
}
