// Converts engine findings to LSP diagnostics: code = rule id, link to the article, Deprecated tag, source.
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic } from 'vscode-languageserver';
import { pathToFileURL } from 'node:url';
import type { Finding } from '../engine/finding';
import type { Severity, Suggestion } from '../rules/rule';

export const DIAGNOSTIC_SOURCE = 'netadvisor';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** What a diagnostic carries back to us in code action requests. */
export interface DiagnosticData {
  ruleId: string;
  article: string;
  suggestions?: Suggestion[];
}

export function toDiagnostic(finding: Finding, articleHref: string | undefined): Diagnostic {
  const data: DiagnosticData = { ruleId: finding.ruleId, article: finding.article, ...(finding.suggestions ? { suggestions: finding.suggestions } : {}) };
  // Baselined findings stay visible but quiet: known debt, not news.
  const baselined = finding.baselineState === 'unchanged';
  return {
    range: finding.range,
    severity: baselined ? DiagnosticSeverity.Hint : SEVERITY[finding.severity],
    code: finding.ruleId,
    ...(articleHref ? { codeDescription: { href: articleHref } } : {}),
    source: DIAGNOSTIC_SOURCE,
    message: baselined ? `${finding.message} (in the baseline)` : finding.message,
    ...(finding.deprecated ? { tags: [DiagnosticTag.Deprecated] } : {}),
    ...(finding.related ? {
      relatedInformation: finding.related.map((r) => ({ location: { uri: pathToFileURL(r.file).href, range: r.range }, message: r.message })),
    } : {}),
    data,
  };
}

/** Reads our data back from a diagnostic the client returns; undefined for other tools' diagnostics. */
export function diagnosticData(diagnostic: Diagnostic): DiagnosticData | undefined {
  if (diagnostic.source !== DIAGNOSTIC_SOURCE) return undefined;
  const data = diagnostic.data as Partial<DiagnosticData> | undefined;
  if (data && typeof data.ruleId === 'string' && typeof data.article === 'string') return data as DiagnosticData;
  return typeof diagnostic.code === 'string' ? { ruleId: diagnostic.code, article: diagnostic.code } : undefined;
}
