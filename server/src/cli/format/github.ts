// GitHub Actions workflow commands: one ::error/::warning/::notice annotation per finding.
import type { Severity } from '../../rules/rule';
import { activeFindings, type CheckReport } from '../check';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/** Escaping rules of workflow commands: data escapes %, CR, LF; properties also escape : and ,. */
const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export function formatGithub(report: CheckReport): string {
  const lines: string[] = [];
  for (const file of report.files) {
    for (const f of activeFindings(file)) {
      const props = [
        `file=${escapeProperty(file.path)}`,
        `line=${f.range.start.line + 1}`, `col=${f.range.start.character + 1}`,
        `endLine=${f.range.end.line + 1}`, `endColumn=${f.range.end.character + 1}`,
        `title=${escapeProperty(`NetAdvisor ${f.ruleId}`)}`,
      ];
      lines.push(`::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(f.message)}`);
    }
  }
  for (const s of report.skipped) lines.push(`::notice file=${escapeProperty(s.path)},title=NetAdvisor skipped a file::${escapeData(s.reason)}`);
  return lines.length ? `${lines.join('\n')}\n` : '';
}
