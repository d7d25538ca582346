// The shape of .netadvisor.json and of the configuration that applies to one file after resolution.

/** What a user writes in .netadvisor.json (validated against schemas/netadvisor.schema.json). */
export interface ConfigFile {
  extends?: string;
  rules?: Record<string, string>;
  include?: string[];
  exclude?: string[];
  baseline?: string;
  maxFileSize?: number;
  requireReason?: boolean;
}

/** The configuration for one file: defaults, then `extends`, then the nearest config file. */
export interface ResolvedConfig {
  /** The nearest .netadvisor.json, if any. */
  file?: string;
  /** Folder that globs and relative paths are relative to (the config's folder, else the start folder). */
  root: string;
  rules: Record<string, string>;
  include?: string[];
  exclude: string[];
  /** Absolute path of the baseline file. */
  baseline?: string;
  maxFileSize: number;
  requireReason: boolean;
}

/** A configuration file that cannot be used; the message names the file and the problem. */
export class ConfigError extends Error {
  constructor(readonly file: string, detail: string) {
    super(`${file}: ${detail}`);
  }
}

export const CONFIG_FILE_NAME = '.netadvisor.json';
export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;
