// Suppression comments: parses `netadvisor-disable-*` directives from comment nodes and filters findings with them.
import type { Node } from 'web-tree-sitter';
import type { Finding } from './finding';
import type { LineIndex } from './line-index';

export type DirectiveKind = 'disable-next-line' | 'disable-line' | 'disable-file';

export interface Directive {
  kind: DirectiveKind;
  /** Rule ids as written; empty means every rule. */
  ruleIds: string[];
  reason: string | undefined;
  /** The comment that holds the directive (for unused-suppression findings and their removal). */
  startIndex: number;
  endIndex: number;
  /** The line the directive applies to (for line directives). */
  targetLine: number;
  /** Set while filtering: which of `ruleIds` (or `*`) suppressed something. */
  used: Set<string>;
}

/** Comment node types of the three grammars. */
export const COMMENT_NODE_TYPES = ['comment', 'multiline_comment'];

const DIRECTIVE = /netadvisor-(disable-next-line|disable-line|disable-file)\b([^\n]*)/;

/** Reads a directive from a comment's text (a tree node, or an XML comment of a plist), or undefined when it holds none. */
export function parseDirective(node: Pick<Node, 'text' | 'startIndex' | 'endIndex'>, lines: LineIndex): Directive | undefined {
  const text = node.text;
  const match = DIRECTIVE.exec(text);
  if (!match) return undefined;
  const kind = match[1] as DirectiveKind;
  // Drop a block comment's closing `*/` before reading ids and reason.
  const rest = match[2].replace(/\*\/\s*$/, '');
  const [idsPart, ...reasonParts] = rest.split(/\s--\s?|^--\s?/);
  const reason = reasonParts.join(' -- ').trim() || undefined;
  const ruleIds = idsPart.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean);
  const startLine = lines.positionAt(node.startIndex).line;
  const endLine = lines.positionAt(node.endIndex).line;
  const targetLine = kind === 'disable-next-line' ? endLine + 1 : startLine;
  return { kind, ruleIds, reason, startIndex: node.startIndex, endIndex: node.endIndex, targetLine, used: new Set() };
}

function matchingId(directive: Directive, ruleId: string, canonical: (id: string) => string | undefined): string | undefined {
  if (directive.ruleIds.length === 0) return '*';
  return directive.ruleIds.find((id) => canonical(id) === ruleId);
}

/**
 * Removes findings covered by a directive and marks which directive ids were used.
 * `canonical` maps an id or alias to the rule's current id.
 */
export function applySuppressions(findings: Finding[], directives: Directive[], canonical: (id: string) => string | undefined): Finding[] {
  if (directives.length === 0) return findings;
  return findings.filter((finding) => {
    let suppressed = false;
    for (const directive of directives) {
      if (directive.kind !== 'disable-file' && directive.targetLine !== finding.range.start.line) continue;
      const id = matchingId(directive, finding.ruleId, canonical);
      if (id === undefined) continue;
      directive.used.add(id);
      suppressed = true;
    }
    return !suppressed;
  });
}
