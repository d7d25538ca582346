// One document's last lint, kept between edits so the next lint re-runs only what the edit can have changed.
import type { ProjectFacts } from '../rules/rule';
import type { GrammarId, LanguageId } from '../parse/languages';
import { editSpan, isBindingItem, isSelfContainedItem, type EditSpan, type Item } from './edit-span';
import type { Finding } from './finding';
import type { LineIndex } from './line-index';
import type { SeverityOverrides } from './severity';
import { identifierTokens, TokenCounts } from './token-counts';

/** What the findings of the last lint were computed from. */
interface Snapshot {
  text: string;
  language: LanguageId;
  grammar: GrammarId;
  /** Severities and other options, serialised: any change means a full lint. */
  optionsKey: string;
  project: ProjectFacts | undefined;
  items: Item[];
  tokens: TokenCounts;
  /** Each rule's findings before suppression; a rule that failed or did not run has no entry. */
  findings: Map<string, Finding[]>;
}

/** How the next lint may reuse the last one. */
export interface ReusePlan {
  span: EditSpan;
  /** Tokens of the document after the edit (updated from the last lint's, not rescanned). */
  tokens: TokenCounts;
  /** Tokens of the changed span, before and after the edit. */
  spanTokens: Set<string>;
  /** The last lint's findings per rule. */
  previous: ReadonlyMap<string, Finding[]>;
  /** The span touches a binding item (see edit-span.ts): every rule must run on the whole file. */
  bindingEdited: boolean;
  /** Tokens of the items that are not self-contained: an item-scoped rule they mention may reach across items. */
  sharedTokens: Set<string>;
}

export interface MemoKey {
  language: LanguageId;
  grammar: GrammarId;
  severities?: SeverityOverrides;
  reportUnusedSuppressions?: boolean;
  project?: ProjectFacts;
}

const CONDITIONAL_DIRECTIVE = /#\s*(?:if|ifdef|ifndef|elif|elseif|else|endif)\b/;

const optionsKeyOf = (key: MemoKey) => JSON.stringify([key.severities ?? {}, key.reportUnusedSuppressions ?? true]);

/** Owned by one open document; the linter reads and replaces it on every lint. */
export class LintMemo {
  private snapshot: Snapshot | undefined;
  /** Whether the last plan reused anything (for tests and the benchmark). */
  lastWasIncremental = false;

  /** Forgets the last lint: the next one is a full lint (e.g. after a failure or a settings change). */
  reset(): void { this.snapshot = undefined; }

  /** A plan to reuse the last lint for `text`, or undefined when only a full lint is right. */
  plan(text: string, items: Item[], key: MemoKey): ReusePlan | undefined {
    this.lastWasIncremental = false;
    const last = this.snapshot;
    if (!last || last.language !== key.language || last.grammar !== key.grammar
      || last.project !== key.project || last.optionsKey !== optionsKeyOf(key)) return undefined;
    const span = editSpan(last.text, text, last.items, items);
    if (!span) return undefined;
    // The token multiset moves from the old text to the new one by swapping the span's tokens.
    last.tokens.add(last.text, span.oldStart, span.oldEnd, -1);
    last.tokens.add(text, span.newStart, span.newEnd, 1);
    const spanTokens = identifierTokens(last.text, span.oldStart, span.oldEnd);
    for (const token of identifierTokens(text, span.newStart, span.newEnd)) spanTokens.add(token);
    const inSpan = (item: Item, start: number, end: number) => item.start >= start && item.end <= end;
    const bindingEdited = last.items.some((i) => inSpan(i, span.oldStart, span.oldEnd) && isBindingItem(i))
      || items.some((i) => inSpan(i, span.newStart, span.newEnd) && isBindingItem(i))
      // A conditional-compilation line anywhere decides which code after it is live, in every later item.
      || CONDITIONAL_DIRECTIVE.test(last.text.slice(span.oldStart, span.oldEnd))
      || CONDITIONAL_DIRECTIVE.test(text.slice(span.newStart, span.newEnd));
    const sharedTokens = new Set<string>();
    if (!bindingEdited) {
      for (const item of items) {
        if (!isSelfContainedItem(item)) for (const token of identifierTokens(text, item.start, item.end)) sharedTokens.add(token);
      }
    }
    // The snapshot's tokens now describe the new text: it must not be planned from again until saved.
    this.snapshot = undefined;
    this.lastWasIncremental = true;
    return { span, tokens: last.tokens, spanTokens, previous: last.findings, bindingEdited, sharedTokens };
  }

  save(text: string, items: Item[], key: MemoKey, tokens: TokenCounts, findings: Map<string, Finding[]>): void {
    this.snapshot = {
      text, items, tokens, findings, language: key.language, grammar: key.grammar, project: key.project, optionsKey: optionsKeyOf(key),
    };
  }
}

/** True when a finding (or an edit it suggests in this document) touches the changed span of the old text. */
export function touchesSpan(finding: Finding, span: EditSpan): boolean {
  const touches = (start: number, end: number) => start < span.oldEnd && end > span.oldStart
    || (start === end && start >= span.oldStart && start <= span.oldEnd);
  if (touches(finding.startIndex, finding.endIndex)) return true;
  return finding.suggestions?.some((s) => s.edits.some((e) => !e.file && touches(e.startIndex, e.endIndex))) ?? false;
}

/** A finding from outside the span, moved to its place in the new text. */
export function shiftFinding(finding: Finding, span: EditSpan, lines: LineIndex): Finding {
  const move = (index: number) => (index >= span.oldEnd ? index + span.delta : index);
  const startIndex = move(finding.startIndex);
  const endIndex = move(finding.endIndex);
  const { baselineState: _dropped, ...rest } = finding;
  return {
    ...rest,
    startIndex,
    endIndex,
    range: { start: lines.positionAt(startIndex), end: lines.positionAt(endIndex) },
    ...(finding.suggestions ? {
      suggestions: finding.suggestions.map((s) => ({
        ...s, edits: s.edits.map((e) => (e.file ? e : { ...e, startIndex: move(e.startIndex), endIndex: move(e.endIndex) })),
      })),
    } : {}),
  };
}
