// The CLI's subcommands: check, rules, explain. Each returns the exit code.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { describeRules, ruleTargets } from '../engine/rule-summary';
import { SEVERITY_ORDER } from '../engine/finding';
import { Linter } from '../engine/linter';
import { parseSeverity } from '../engine/severity';
import { KnowledgeSearch } from '../knowledge/search';
import type { KnowledgeStore } from '../knowledge/store';
import { defaultRegistry } from '../rules/index';
import type { Severity } from '../rules/rule';
import { BaselineError, writeBaseline } from '../engine/baseline';
import { ConfigResolver } from '../engine/config/resolve';
import { ConfigError } from '../engine/config/types';
import { activeFindings, runCheck } from './check';
import { formatGithub } from './format/github';
import { formatJson } from './format/json';
import { formatSarif } from './format/sarif';
import { formatText } from './format/text';
import { ProgressLine, wantsProgress } from './progress';
import { UsageError } from './usage-error';

export const CLI_VERSION = '0.1.0';

export interface Io {
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  isTTY: boolean;
  /** Whether stderr is a terminal (the progress line); false when absent. */
  stderrIsTTY?: boolean;
  env: NodeJS.ProcessEnv;
  knowledge: () => KnowledgeStore | undefined;
}

const FORMATS = ['text', 'json', 'sarif', 'github'] as const;
type Format = (typeof FORMATS)[number];
const FAIL_ON = ['error', 'warning', 'info', 'hint', 'never'] as const;

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], option: string, fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${option} must be one of ${allowed.join(', ')} (got "${value}")`);
}

type OptionsConfig = NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>['options']>;

function parse(args: string[], options: OptionsConfig) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

/** `--rule id=severity` values, validated against the registry. */
function ruleOverrides(values: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const value of values ?? []) {
    const [id, severity] = value.split('=');
    if (!id || !severity) throw new UsageError(`--rule takes id=severity (got "${value}")`);
    if (!defaultRegistry.meta(id)) throw new UsageError(`--rule: unknown rule id "${id}" (see \`netadvisor rules\`)`);
    if (!parseSeverity(severity)) throw new UsageError(`--rule ${id}: severity must be off, hint, info, warning or error (got "${severity}")`);
    out[id] = severity;
  }
  return out;
}

export async function checkCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, {
    format: { type: 'string', short: 'f' },
    'fail-on': { type: 'string' },
    rule: { type: 'string', multiple: true },
    'max-file-size': { type: 'string' },
    'help-uri-base': { type: 'string' },
    'no-color': { type: 'boolean' },
    'no-progress': { type: 'boolean' },
    jobs: { type: 'string' },
    baseline: { type: 'string' },
    'write-baseline': { type: 'string' },
    'require-reason': { type: 'boolean' },
  });
  const format = oneOf<Format>(values.format as string | undefined, FORMATS, 'format', 'text');
  const failOn = oneOf(values['fail-on'] as string | undefined, FAIL_ON, 'fail-on', 'warning');
  const maxFileSize = values['max-file-size'] === undefined ? undefined : Number(values['max-file-size']);
  if (maxFileSize !== undefined && (!Number.isInteger(maxFileSize) || maxFileSize <= 0)) throw new UsageError('--max-file-size takes a number of bytes');
  const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
  if (jobs !== undefined && (!Number.isInteger(jobs) || jobs < 1 || jobs > 64)) throw new UsageError('--jobs takes a number of threads from 1 to 64');
  const baseline = values.baseline === undefined ? undefined : path.resolve(io.cwd, values.baseline as string);
  const writeBaselineTo = values['write-baseline'] === undefined ? undefined : path.resolve(io.cwd, values['write-baseline'] as string);
  if (baseline && writeBaselineTo) throw new UsageError('--baseline and --write-baseline cannot be used together');
  if (baseline && !fs.existsSync(baseline)) throw new UsageError(`no such baseline file: ${values.baseline as string}`);
  const paths = positionals.length > 0 ? positionals : ['.'];
  for (const p of paths) {
    if (!fs.existsSync(path.resolve(io.cwd, p))) throw new UsageError(`no such file or folder: ${p}`);
  }
  const stderr = { isTTY: io.stderrIsTTY, write: io.stderr };
  const progress = wantsProgress({ format, stream: stderr, env: io.env, noProgress: values['no-progress'] === true }) ? new ProgressLine(stderr) : undefined;
  const linter = new Linter();
  let report;
  try {
    report = await runCheck(linter, {
      paths, cwd: io.cwd, configs: new ConfigResolver(), severities: ruleOverrides(values.rule as string[] | undefined), maxFileSize,
      requireReason: values['require-reason'] === true, baseline, writeBaseline: writeBaselineTo,
      onProgress: progress && ((done, total) => progress.update(done, total)),
      jobs,
    });
  } catch (err) {
    if (err instanceof ConfigError || err instanceof BaselineError) throw new UsageError(`configuration error: ${err.message}`);
    throw err;
  } finally {
    progress?.finish();
  }
  if (writeBaselineTo) {
    writeBaseline(writeBaselineTo, report.baselineEntries);
    io.stderr(`netadvisor: wrote ${report.baselineEntries.length} finding${report.baselineEntries.length === 1 ? '' : 's'} to ${values['write-baseline'] as string}\n`);
    return 0;
  }
  // Text and GitHub output need no articles; only load the bundle when the format links to them.
  const knowledge = format === 'json' || format === 'sarif' ? io.knowledge() : undefined;
  const articleHref = (id: string) => knowledge?.articleUri(id);
  switch (format) {
    case 'json': io.stdout(formatJson(report, articleHref)); break;
    case 'sarif': io.stdout(formatSarif(report, [...defaultRegistry.rules, ...defaultRegistry.projectFileRules], knowledge, { cwd: io.cwd, version: CLI_VERSION, helpUriBase: values['help-uri-base'] as string | undefined })); break;
    case 'github': io.stdout(formatGithub(report)); break;
    default: io.stdout(formatText(report, { color: io.isTTY && !values['no-color'] && !io.env.NO_COLOR }));
  }
  if (format !== 'text') for (const s of report.skipped) io.stderr(`netadvisor: skipped ${s.path}: ${s.reason}\n`);
  if (failOn === 'never') return 0;
  const threshold = SEVERITY_ORDER[failOn as Severity];
  return report.files.some((file) => activeFindings(file).some((f) => SEVERITY_ORDER[f.severity] <= threshold)) ? 1 : 0;
}

export function rulesCommand(args: string[], io: Io): number {
  const { values } = parse(args, { format: { type: 'string', short: 'f' } });
  const format = oneOf(values.format as string | undefined, ['text', 'json'] as const, 'format', 'text');
  const rules = describeRules([...defaultRegistry.rules, ...defaultRegistry.projectFileRules]);
  if (format === 'json') {
    io.stdout(`${JSON.stringify(rules, null, 2)}\n`);
    return 0;
  }
  const width = Math.max(...rules.map((r) => r.id.length));
  for (const r of rules) {
    io.stdout(`${r.id.padEnd(width)}  ${r.defaultSeverity.padEnd(7)}  ${r.confidence.padEnd(6)}  ${r.languages.join(',').padEnd(14)}  ${r.title}${r.deprecated ? ' (deprecated API)' : ''}\n`);
  }
  return 0;
}

export function searchCommand(args: string[], io: Io): number {
  const { values, positionals } = parse(args, { format: { type: 'string', short: 'f' }, limit: { type: 'string' } });
  const format = oneOf(values.format as string | undefined, ['text', 'json'] as const, 'format', 'text');
  const query = positionals.join(' ').trim();
  if (!query) throw new UsageError('search needs a query, e.g. `netadvisor search "Symbol not found: ___res_9_state"`');
  const limit = values.limit === undefined ? 10 : Number(values.limit);
  if (!Number.isInteger(limit) || limit <= 0) throw new UsageError('--limit takes a positive whole number');
  const knowledge = io.knowledge();
  if (!knowledge) throw new UsageError('the knowledge bundle is missing; run `npm run knowledge`');
  const results = new KnowledgeSearch(knowledge).search(query, limit);
  if (format === 'json') {
    io.stdout(`${JSON.stringify(results.map(({ id, title, kind, score }) => ({ id, title, kind, score })), null, 2)}\n`);
    return 0;
  }
  if (results.length === 0) {
    io.stdout(`No results for "${query}".\n`);
    return 0;
  }
  results.forEach((r, i) => io.stdout(`${String(i + 1).padStart(2)}. [${r.kind}] ${r.title}\n    netadvisor explain ${r.id}\n`));
  return 0;
}

export function explainCommand(args: string[], io: Io): number {
  const { positionals } = parse(args, {});
  const [id] = positionals;
  if (!id) throw new UsageError('explain needs a rule id, article id or API symbol, e.g. `netadvisor explain mpc-framework-use`');
  const knowledge = io.knowledge();
  if (!knowledge) throw new UsageError('the knowledge bundle is missing; run `npm run knowledge`');
  const rule = defaultRegistry.get(id) ?? defaultRegistry.getProjectFileRule(id);
  const card = knowledge.symbol(id);
  const articleId = rule?.article ?? (knowledge.article(id) ? id : card?.article);
  const markdown = articleId ? knowledge.articleMarkdown(articleId) : undefined;
  if (!markdown) {
    const digest = knowledge.digestMarkdown(id);
    if (digest) {
      io.stdout(digest);
      return 0;
    }
    throw new UsageError(`nothing is known about "${id}": try \`netadvisor search ${id}\` or \`netadvisor rules\``);
  }
  const header: string[] = [];
  if (rule) {
    header.push(`Rule ${rule.id}: ${rule.title}`, `Default severity: ${rule.defaultSeverity}; confidence: ${rule.confidence}; languages: ${ruleTargets(rule).join(', ')}`);
    if (rule.deprecated) header.push(`Deprecated API: since ${rule.deprecated.since} (${rule.deprecated.source})`);
    if (rule.knownLimitations?.length) header.push(...rule.knownLimitations.map((l) => `Known limitation: ${l}`));
  } else if (card) {
    header.push(`${card.title}: ${card.summary}`, ...(card.instead ? [`Instead: ${card.instead}`] : []));
  }
  io.stdout(`${header.length ? `${header.join('\n')}\n\n` : ''}${markdown}`);
  const article = knowledge.article(articleId!);
  if (article?.sources.length) {
    io.stdout(`\nSources:\n${article.sources.map((s) => `- ${s.title}${s.url ? ` <${s.url}>` : ''}`).join('\n')}\n`);
  }
  return 0;
}
