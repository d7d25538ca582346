// Baselines: line-independent fingerprints of known findings, so CI fails only on new ones and the editor can dim old ones.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Finding } from './finding';

export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  /** Path relative to the baseline file's folder, with forward slashes. */
  path: string;
  /** For humans reading the file; not used for matching. */
  message: string;
}

export interface BaselineFile {
  version: 1;
  tool: 'netadvisor';
  findings: BaselineEntry[];
}

/** Thrown when a baseline file cannot be read or is not one of ours. */
export class BaselineError extends Error {}

/**
 * Fingerprints of a file's findings: rule id, path, the flagged code with white space folded, and which
 * occurrence of that same code it is. Line numbers are left out, so unrelated edits and moved lines keep them.
 */
export function fingerprintFindings(findings: readonly Finding[], text: string, relativePath: string): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const code = text.slice(f.startIndex, f.endIndex).replace(/\s+/g, ' ').trim();
    const key = `${f.ruleId}\u0000${relativePath}\u0000${code}`;
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    return createHash('sha256').update(`${key}\u0000${occurrence}`).digest('hex').slice(0, 32);
  });
}

/** Path of `file` relative to the baseline's folder, as stored in baseline entries. */
export function baselinePath(baselineFile: string, file: string): string {
  return path.relative(path.dirname(path.resolve(baselineFile)), path.resolve(file)).split(path.sep).join('/');
}

export class Baseline {
  private constructor(readonly file: string, private readonly fingerprints: ReadonlySet<string>) {}

  static load(file: string): Baseline {
    let parsed: Partial<BaselineFile>;
    try {
      parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<BaselineFile>;
    } catch (err) {
      const reason = (err as NodeJS.ErrnoException).code ?? (err instanceof Error ? err.message : String(err));
      throw new BaselineError(`cannot read baseline ${file}: ${reason}`);
    }
    if (parsed.tool !== 'netadvisor' || parsed.version !== 1 || !Array.isArray(parsed.findings)) {
      throw new BaselineError(`${file} is not a NetAdvisor baseline (write one with \`netadvisor check --write-baseline ${path.basename(file)}\`)`);
    }
    return new Baseline(file, new Set(parsed.findings.map((e) => e.fingerprint)));
  }

  has(fingerprint: string): boolean {
    return this.fingerprints.has(fingerprint);
  }

  get size(): number {
    return this.fingerprints.size;
  }
}

export function writeBaseline(file: string, entries: BaselineEntry[]): void {
  const sorted = [...entries].sort((a, b) => a.path.localeCompare(b.path) || a.ruleId.localeCompare(b.ruleId) || a.fingerprint.localeCompare(b.fingerprint));
  const body: BaselineFile = { version: 1, tool: 'netadvisor', findings: sorted };
  fs.writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`);
}
