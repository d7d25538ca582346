// Human-readable output: one line per finding (path:line:col), grouped by file, with a summary and how to learn more.
import type { Severity } from '../../rules/rule';
import { activeFindings, type CheckReport } from '../check';

export interface TextStyle {
  color: boolean;
}

const COLORS: Record<Severity | 'dim' | 'bold', string> = {
  error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', hint: '\x1b[2m', dim: '\x1b[2m', bold: '\x1b[1m',
};

export function formatText(report: CheckReport, style: TextStyle): string {
  const paint = (kind: keyof typeof COLORS, s: string) => (style.color ? `${COLORS[kind]}${s}\x1b[0m` : s);
  const out: string[] = [];
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  const rulesSeen = new Set<string>();
  let baselined = 0;
  for (const file of report.files) {
    baselined += file.findings.length - activeFindings(file).length;
    for (const f of activeFindings(file)) {
      counts[f.severity]++;
      rulesSeen.add(f.ruleId);
      const where = `${file.path}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
      out.push(`${paint('bold', where)}: ${paint(f.severity, f.severity)} ${f.message} ${paint('dim', `[${f.ruleId}]`)}`);
    }
  }
  for (const s of report.skipped) out.push(paint('dim', `skipped ${s.path}: ${s.reason}`));
  for (const n of report.notes) out.push(paint('dim', `note ${n.path}: ${n.message}`));
  for (const r of report.ruleFailures) out.push(paint('dim', `internal error: rule ${r.ruleId} failed on ${r.path} (other rules still ran)`));
  const total = counts.error + counts.warning + counts.info + counts.hint;
  const filesWithFindings = report.files.filter((f) => activeFindings(f).length > 0).length;
  const parts = (Object.keys(counts) as Severity[]).filter((k) => counts[k] > 0).map((k) => `${counts[k]} ${k}`);
  out.push('');
  out.push(total === 0
    ? `No findings in ${report.filesChecked} file${report.filesChecked === 1 ? '' : 's'}.`
    : `${total} finding${total === 1 ? '' : 's'} (${parts.join(', ')}) in ${filesWithFindings} of ${report.filesChecked} files checked.`);
  if (baselined > 0) out.push(paint('dim', `${baselined} baselined finding${baselined === 1 ? '' : 's'} hidden (${report.baselineFile}).`));
  if (rulesSeen.size > 0) out.push(paint('dim', `Run \`netadvisor explain <rule-id>\` for the why and the fix, e.g. \`netadvisor explain ${[...rulesSeen][0]}\`.`));
  return `${out.join('\n')}\n`;
}
