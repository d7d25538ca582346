// What a finding carries everywhere (LSP, CLI, SARIF): rule, severity, range, message, article, deprecation.
import type { RelatedLocation, Severity, Suggestion } from '../rules/rule';

export interface Position {
  /** Zero-based line. */
  line: number;
  /** Zero-based UTF-16 column (LSP's default encoding). */
  character: number;
}

export interface TextRange {
  start: Position;
  end: Position;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  range: TextRange;
  /** UTF-16 offsets of the range in the document text. */
  startIndex: number;
  endIndex: number;
  /** Knowledge article id. */
  article: string;
  /** Apple deprecated the flagged API (DiagnosticTag.Deprecated). */
  deprecated: boolean;
  /** Code rewrites the rule offers (shown as separate code actions, never auto-applied). */
  suggestions?: Suggestion[];
  /** Places in other files that explain the finding. */
  related?: RelatedLocation[];
  /** Set when a baseline is in use: `unchanged` findings are in the baseline (hidden in CI, hints in the editor). */
  baselineState?: 'new' | 'unchanged';
}

/** A rule that threw on a document: the rule is skipped for that document, the rest still run. */
export interface RuleFailure {
  ruleId: string;
  message: string;
}

export interface LintResult {
  findings: Finding[];
  failures: RuleFailure[];
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

/** Sorts findings by position, then rule id, for stable output. */
export function compareFindings(a: Finding, b: Finding): number {
  return a.startIndex - b.startIndex || a.endIndex - b.endIndex || a.ruleId.localeCompare(b.ruleId);
}
