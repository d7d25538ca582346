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
  /** Places in other files that explain the finding (LSP relatedInformation, SARIF relatedLocations). */
  related?: RelatedLocation[];
}

/** A place in another file that explains a finding (the Info.plist that lacks a key, the entitlements file). */
export interface RelatedLocation {
  /** Absolute path of the other file. */
  file: string;
  /** Zero-based line/character range in that file (LSP style). */
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  message: string;
}

/**
 * What is known about the project a source file belongs to (its target's Info.plist keys and entitlements).
 * Absent when the configuration of the file cannot be found: cross-file rules must then stay silent.
 */
export interface ProjectFacts {
  /** Info.plist keys of the file's target (from the Info.plist file and INFOPLIST_KEY_* build settings). */
  infoKeys(): ReadonlySet<string>;
  /** A key's value from the target's Info.plist (strings, booleans, numbers, arrays, dictionaries as plain JS values). */
  infoValue(key: string): unknown;
  /** Entitlement keys of the file's target; undefined when the target has no entitlements file. */
  entitlementKeys(): ReadonlySet<string> | undefined;
  entitlementValue(key: string): unknown;
  /** Where to point relatedInformation: the Info.plist (or project file) and the entitlements file. */
  infoPlistLocation(key?: string): RelatedLocation | undefined;
  entitlementsLocation(key?: string): RelatedLocation | undefined;
}

export interface RuleContext {
  readonly language: LanguageId;
  /** The file's project configuration, when it could be found (see ProjectFacts). */
  readonly project?: ProjectFacts;
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
