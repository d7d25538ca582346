// Per-document project configuration in the server: .netadvisor.json, baselines and exclude globs, with errors shown once.
import * as path from 'node:path';
import picomatch from 'picomatch';
import { Baseline, BaselineError, baselinePath, fingerprintFindings } from '../engine/baseline';
import type * as ResolveModule from '../engine/config/resolve';
import { ConfigError, DEFAULT_MAX_FILE_SIZE, type ResolvedConfig } from '../engine/config/types';
import type { Finding } from '../engine/finding';
import { REASON_MISSING } from '../engine/meta-rules';
import type { DocumentSettings } from './settings';

export interface EffectiveConfig {
  config: ResolvedConfig;
  /** Rule severities after merging .netadvisor.json and editor settings (editor settings win). */
  severities: Record<string, string>;
  excluded: boolean;
  /** A broken .netadvisor.json or baseline: the document is analysed with defaults meanwhile. */
  error?: string;
}

let resolveModule: typeof ResolveModule | undefined;
/** The config resolver compiles the .netadvisor.json schema with ajv (~70 ms): loaded on first use, not at server start. */
function configResolution(): typeof ResolveModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return resolveModule ??= require('../engine/config/resolve') as typeof ResolveModule;
}

const DEFAULT_CONFIG = (root: string): ResolvedConfig => ({ root, rules: {}, exclude: [], maxFileSize: DEFAULT_MAX_FILE_SIZE, requireReason: false });

export class ProjectConfig {
  private resolverInstance?: ResolveModule.ConfigResolver;
  private get resolver(): ResolveModule.ConfigResolver {
    return this.resolverInstance ??= new (configResolution().ConfigResolver)();
  }
  private readonly baselines = new Map<string, Baseline | BaselineError>();
  private workspaceFolders: string[] = [];

  setWorkspaceFolders(folders: string[]): void {
    this.workspaceFolders = [...folders].sort((a, b) => b.length - a.length);
  }

  /** The workspace folders from initialize (what Scan Workspace walks by default). */
  folders(): string[] {
    return [...this.workspaceFolders].sort();
  }

  /** Forget cached configs and baselines (a watched file changed). */
  clear(): void {
    this.resolverInstance?.clear();
    this.baselines.clear();
  }

  effective(filePath: string | undefined, settings: DocumentSettings): EffectiveConfig {
    let config = DEFAULT_CONFIG(filePath ? path.dirname(filePath) : '/');
    let error: string | undefined;
    if (filePath) {
      try {
        config = this.resolver.forFile(filePath);
      } catch (err) {
        if (!(err instanceof ConfigError)) throw err;
        error = err.message;
      }
    }
    const severities = { ...config.rules, ...(config.requireReason ? { [REASON_MISSING]: 'warning' } : {}), ...settings.rules };
    const excluded = filePath !== undefined && (configResolution().isExcluded(config, filePath) || this.excludedBySettings(filePath, settings.exclude));
    return { config, severities, excluded, error };
  }

  /** `netadvisor.exclude` globs match the path relative to the file's workspace folder. */
  private excludedBySettings(filePath: string, globs: string[]): boolean {
    if (globs.length === 0) return false;
    const folder = this.workspaceFolders.find((f) => filePath.startsWith(`${f}${path.sep}`));
    const relative = (folder ? path.relative(folder, filePath) : filePath).split(path.sep).join('/');
    return globs.some((g) => picomatch(g, { dot: true })(relative));
  }

  /**
   * Marks findings that are in the configured baseline (`baselineState: unchanged`); returns an error
   * message when the baseline file is unusable (findings are then left as they are).
   */
  applyBaseline(config: ResolvedConfig, filePath: string, text: string, findings: Finding[]): string | undefined {
    if (!config.baseline || findings.length === 0) return undefined;
    let baseline = this.baselines.get(config.baseline);
    if (!baseline) {
      try {
        baseline = Baseline.load(config.baseline);
      } catch (err) {
        baseline = err instanceof BaselineError ? err : new BaselineError(String(err));
      }
      this.baselines.set(config.baseline, baseline);
    }
    if (baseline instanceof BaselineError) return baseline.message;
    const prints = fingerprintFindings(findings, text, baselinePath(config.baseline, filePath));
    findings.forEach((f, i) => { f.baselineState = (baseline as Baseline).has(prints[i]) ? 'unchanged' : 'new'; });
    return undefined;
  }
}
