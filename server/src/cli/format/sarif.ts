// SARIF 2.1.0 output for code scanning: rules with help, results with 1-based regions, skipped files as notifications.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { KnowledgeStore } from '../../knowledge/store';
import type { RuleMeta, Severity } from '../../rules/rule';
import type { CheckReport } from '../check';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

export interface SarifOptions {
  cwd: string;
  version: string;
  /** Base URL for rule help links (e.g. your repository's knowledge/articles/); defaults to the local files. */
  helpUriBase?: string;
}

export function formatSarif(report: CheckReport, rules: readonly RuleMeta[], knowledge: KnowledgeStore | undefined, options: SarifOptions): string {
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const helpUri = (article: string) => (options.helpUriBase ? `${options.helpUriBase.replace(/\/?$/, '/')}${article}.md` : knowledge?.articleUri(article));
  const driverRules = rules.map((rule) => {
    const article = knowledge?.article(rule.article);
    const uri = helpUri(rule.article);
    return {
      id: rule.id,
      name: rule.id.replace(/(^|-)(\w)/g, (_, _dash: string, c: string) => c.toUpperCase()),
      shortDescription: { text: rule.title },
      fullDescription: { text: article?.summary ?? rule.title },
      ...(uri ? { helpUri: uri } : {}),
      ...(article ? { help: { text: article.summary, markdown: knowledge!.articleMarkdown(article.id) } } : {}),
      defaultConfiguration: rule.defaultSeverity === 'off'
        ? { enabled: false, level: 'note' }
        : { level: LEVEL[rule.defaultSeverity] },
      properties: { precision: rule.confidence === 'high' ? 'high' : rule.confidence === 'medium' ? 'medium' : 'low', tags: ['apple-networking', ...(rule.deprecated ? ['deprecated'] : [])] },
    };
  });
  const results = report.files.flatMap((file) => file.findings.map((f) => ({
    ruleId: f.ruleId,
    ...(ruleIndex.has(f.ruleId) ? { ruleIndex: ruleIndex.get(f.ruleId) } : {}),
    level: LEVEL[f.severity],
    message: { text: f.message },
    ...(f.baselineState ? { baselineState: f.baselineState } : {}),
    // Baselined findings stay in the log (code scanning keeps their history) but are marked suppressed.
    ...(f.baselineState === 'unchanged' ? { suppressions: [{ kind: 'external', justification: 'in the NetAdvisor baseline' }] } : {}),
    locations: [{
      physicalLocation: {
        artifactLocation: { uri: encodeURI(file.path), uriBaseId: '%SRCROOT%' },
        region: {
          startLine: f.range.start.line + 1, startColumn: f.range.start.character + 1,
          endLine: f.range.end.line + 1, endColumn: f.range.end.character + 1,
        },
      },
    }],
    ...(f.related ? {
      relatedLocations: f.related.map((r, id) => ({
        id,
        message: { text: r.message },
        physicalLocation: {
          artifactLocation: { uri: encodeURI(path.relative(options.cwd, r.file).split(path.sep).join('/')), uriBaseId: '%SRCROOT%' },
          region: { startLine: r.range.start.line + 1, startColumn: r.range.start.character + 1, endLine: r.range.end.line + 1, endColumn: r.range.end.character + 1 },
        },
      })),
    } : {}),
  })));
  const notifications = [
    ...report.skipped.map((s) => ({ level: 'note', message: { text: `skipped ${s.path}: ${s.reason}` } })),
    ...report.ruleFailures.map((r) => ({ level: 'error', message: { text: `rule ${r.ruleId} failed on ${r.path}` }, associatedRule: { id: r.ruleId } })),
  ];
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'NetAdvisor', semanticVersion: options.version, version: options.version, rules: driverRules } },
      originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(options.cwd.endsWith('/') ? options.cwd : `${options.cwd}/`).href } },
      columnKind: 'utf16CodeUnits',
      results,
      invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
    }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
