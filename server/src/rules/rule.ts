// The rule contract: what a rule declares (metadata, examples) and how it reports findings while the engine walks a tree.
import type { Node } from 'web-tree-sitter';
import type { GrammarId, LanguageId } from '../parse/languages';

export type Severity = 'error' | 'warning' | 'info' | 'hint';
/** `off` ships the rule disabled (opt-in). */
export type DefaultSeverity = Severity | 'off';
/** How sure a match is a real problem; low-confidence rules ship off. */
export type Confidence = 'high' | 'medium' | 'low';

/**
 * One example of code. Invalid examples mark every expected finding as `⟦flagged text⟧`; the test
 * harness asserts exactly those ranges, in order, with the named messages (default: the rule's first).
 */
export type RuleExample = string | {
  code: string;
  messages?: string[];
  note?: string;
  /** The code after applying the first suggestion of every finding (for rules that offer rewrites). */
  output?: string;
};

export interface LanguageExamples {
  invalid: RuleExample[];
  /** Near-misses that must stay silent. */
  valid: RuleExample[];
}

/** A code rewrite offered as a suggestion (never applied without the user choosing it). */
export interface Suggestion {
  /** Imperative, e.g. `Use SecTrustEvaluateWithError`. */
  title: string;
  /** Replacements in UTF-16 offsets of the document text; they must not overlap. */
  edits: { startIndex: number; endIndex: number; text: string }[];
}

export interface ReportDescriptor {
  /** The node whose range is flagged, unless `range` is given. */
  node?: Node;
  /** UTF-16 offsets into the document text. */
  range?: { startIndex: number; endIndex: number };
  /** Key into the rule's `messages`; defaults to the first message. */
  messageId?: string;
  /** Values for `{{name}}` placeholders in the message. */
  data?: Record<string, string>;
  /** Mechanical rewrites that fix the problem, when one is safe. */
  suggestions?: Suggestion[];
}

export interface RuleContext {
  readonly language: LanguageId;
  /** The grammar that produced the tree (C files blocks fall back to objc). */
  readonly grammar: GrammarId;
  readonly text: string;
  report(descriptor: ReportDescriptor): void;
}

export type NodeVisitor = (node: Node) => void;
/** Keys: a node type (`call_expression`), a node type with `:exit`, or `file:exit` after the walk. */
export type RuleVisitors = Record<string, NodeVisitor | (() => void) | undefined>;

export interface Deprecation {
  /** For example `iOS 9, macOS 10.11`. */
  since: string;
  /** Where the deprecation is documented (Apple documentation URL). */
  source: string;
}

export interface RuleDefinition {
  /** Kebab-case with a family prefix (`mpc-`, `nw-`, `res9-`, …). */
  id: string;
  /** Former ids that still work in configuration and suppression comments. */
  aliases?: string[];
  title: string;
  languages: LanguageId[];
  defaultSeverity: DefaultSeverity;
  confidence: Confidence;
  /** Knowledge article id (knowledge/articles/<id>.md). */
  article: string;
  /** Where the advice comes from: seed thread titles and Apple documentation. */
  sources: string[];
  /** Present when Apple deprecated the flagged API: findings carry the Deprecated tag. */
  deprecated?: Deprecation;
  /** One-sentence messages that say what to do instead; `{{name}}` placeholders. */
  messages: Record<string, string>;
  /** Known false positives, written into the rule's documentation. */
  knownLimitations?: string[];
  create(context: RuleContext): RuleVisitors;
  examples: Partial<Record<LanguageId, LanguageExamples>>;
}

/** Identity function that gives rule files type checking and one recognisable shape. */
export function defineRule(rule: RuleDefinition): RuleDefinition {
  return rule;
}

/** Fills `{{name}}` placeholders; unknown names stay visible so a typo shows up in tests. */
export function renderMessage(template: string, data: Record<string, string> = {}): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in data ? data[name] : whole));
}
