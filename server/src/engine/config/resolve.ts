// Finds and merges the configuration that applies to a file: the nearest .netadvisor.json up its folders (plus `extends`).
import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { parseConfigText } from './validate';
import { CONFIG_FILE_NAME, ConfigError, DEFAULT_MAX_FILE_SIZE, type ConfigFile, type ResolvedConfig } from './types';

/** Reads one config file and what it extends (one level: an extended file may not extend again). */
function loadConfigFile(file: string): ConfigFile {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(file, `cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  const own = parseConfigText(file, text);
  if (!own.extends) return own;
  const baseFile = path.resolve(path.dirname(file), own.extends);
  if (!fs.existsSync(baseFile)) throw new ConfigError(file, `"extends" names ${own.extends}, which does not exist`);
  const base = parseConfigText(baseFile, fs.readFileSync(baseFile, 'utf8'));
  if (base.extends) throw new ConfigError(baseFile, '"extends" may be used one level deep only');
  // Paths in the base file stay relative to the base file's folder.
  const rebase = (p: string | undefined) => (p === undefined ? undefined : path.relative(path.dirname(file), path.resolve(path.dirname(baseFile), p)));
  return {
    rules: { ...base.rules, ...own.rules },
    include: own.include ?? base.include?.map((g) => rebase(g)!),
    exclude: [...(base.exclude ?? []).map((g) => rebase(g)!), ...(own.exclude ?? [])],
    baseline: own.baseline ?? rebase(base.baseline),
    maxFileSize: own.maxFileSize ?? base.maxFileSize,
    requireReason: own.requireReason ?? base.requireReason,
  };
}

function resolved(file: string | undefined, root: string, config: ConfigFile): ResolvedConfig {
  return {
    file,
    root,
    rules: config.rules ?? {},
    include: config.include,
    exclude: config.exclude ?? [],
    baseline: config.baseline ? path.resolve(root, config.baseline) : undefined,
    maxFileSize: config.maxFileSize ?? DEFAULT_MAX_FILE_SIZE,
    requireReason: config.requireReason ?? false,
  };
}

/** Resolves configurations with a cache per folder (configs rarely change during one run; call `clear` when they do). */
export class ConfigResolver {
  private readonly byDirectory = new Map<string, string | null>();
  private readonly byFile = new Map<string, ResolvedConfig>();

  /** The nearest config file at or above `directory`, or undefined. */
  private nearest(directory: string): string | undefined {
    const cached = this.byDirectory.get(directory);
    if (cached !== undefined) return cached ?? undefined;
    const candidate = path.join(directory, CONFIG_FILE_NAME);
    let found: string | undefined;
    if (fs.existsSync(candidate)) found = candidate;
    else {
      const parent = path.dirname(directory);
      found = parent === directory ? undefined : this.nearest(parent);
    }
    this.byDirectory.set(directory, found ?? null);
    return found;
  }

  /** The configuration for a source file; throws ConfigError when its config file is broken. */
  forFile(filePath: string): ResolvedConfig {
    const configFile = this.nearest(path.dirname(path.resolve(filePath)));
    if (!configFile) return resolved(undefined, path.dirname(path.resolve(filePath)), {});
    let config = this.byFile.get(configFile);
    if (!config) {
      config = resolved(configFile, path.dirname(configFile), loadConfigFile(configFile));
      this.byFile.set(configFile, config);
    }
    return config;
  }

  clear(): void {
    this.byDirectory.clear();
    this.byFile.clear();
  }
}

const matchers = new Map<string, (p: string) => boolean>();
function matcher(glob: string): (p: string) => boolean {
  let m = matchers.get(glob);
  if (!m) {
    m = picomatch(glob, { dot: true });
    matchers.set(glob, m);
  }
  return m;
}

/** True when the config's include/exclude globs leave `filePath` out. */
export function isExcluded(config: ResolvedConfig, filePath: string): boolean {
  const relative = path.relative(config.root, path.resolve(filePath)).split(path.sep).join('/');
  if (relative.startsWith('..')) return false;
  if (config.exclude.some((g) => matcher(g)(relative))) return true;
  return config.include !== undefined && !config.include.some((g) => matcher(g)(relative));
}
