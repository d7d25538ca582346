// Machine-readable output: a flat list of findings with 1-based positions, plus skipped files and a summary.
import { activeFindings, type CheckReport } from '../check';

export function formatJson(report: CheckReport, articleHref: (id: string) => string | undefined): string {
  const findings = report.files.flatMap((file) => activeFindings(file).map((f) => ({
    path: file.path,
    language: file.language,
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    line: f.range.start.line + 1,
    column: f.range.start.character + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.character + 1,
    article: f.article,
    articleUri: articleHref(f.article) ?? null,
    deprecated: f.deprecated,
  })));
  return `${JSON.stringify({
    findings,
    skipped: report.skipped,
    notes: report.notes,
    ruleFailures: report.ruleFailures,
    summary: {
      filesChecked: report.filesChecked,
      findings: findings.length,
      ...(report.baselineFile ? { baselined: report.files.reduce((n, f) => n + f.findings.length, 0) - findings.length } : {}),
    },
  }, null, 2)}\n`;
}
