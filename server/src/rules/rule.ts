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
  /** The project the example's file belongs to (cross-file rules); without it, project facts are unknown. */
  project?: ExampleProject;
};

/** A made-up target for the examples of cross-file rules: its Info.plist and entitlements as XML plist text. */
export interface ExampleProject {
  /** Info.plist text; omitted: an Info.plist with no keys. */
  infoPlist?: string;
  /** Entitlements text; omitted: the target has no entitlements file. */
  entitlements?: string;
  /** Platforms of the target; omitted: unknown. */
  platforms?: ApplePlatform[];
}

export interface LanguageExamples {
  invalid: RuleExample[];
  /** Near-misses that must stay silent. */
  valid: RuleExample[];
}

/** One replacement of a suggestion. */
export interface SuggestionEdit {
  /** UTF-16 offsets into the text of `file` (the linted document when `file` is absent). */
  startIndex: number;
  endIndex: number;
  text: string;
  /** Absolute path of another file this edit applies to (the Info.plist a source finding needs a key in). */
  file?: string;
}

/** A code rewrite offered as a suggestion (never applied without the user choosing it). */
export interface Suggestion {
  /** Imperative, e.g. `Use SecTrustEvaluateWithError`. */
  title: string;
  /** Replacements; edits of one file must not overlap. */
  edits: SuggestionEdit[];
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
  /** The target the facts come from (`MyApp`), or the Info.plist's folder when no Xcode project was found. */
  readonly target?: string;
  /** `xcode-project`: from a target of a project.pbxproj; `info-plist`: the nearest Info.plist up the folders. */
  readonly source?: 'xcode-project' | 'info-plist';
  /** Platforms the target builds for; empty when they cannot be told. */
  readonly platforms?: ReadonlySet<ApplePlatform>;
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
  /**
   * Edits that add a string key to the target's Info.plist (or an INFOPLIST_KEY_ build setting when the target
   * has no Info.plist file); undefined when no safe edit exists (binary plist, unknown layout).
   */
  addInfoStringEdits?(key: string, value: string): SuggestionEdit[] | undefined;
  /** Edits that append `items` to the string array `key` of the Info.plist, creating the array when missing. */
  addInfoArrayItemEdits?(key: string, items: string[]): SuggestionEdit[] | undefined;
}

export type ApplePlatform = 'ios' | 'macos' | 'tvos' | 'watchos' | 'visionos';

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

/** What every rule declares, whatever it analyses (source code, or project files: see project-file-rule.ts). */
export interface RuleMeta {
  /** Kebab-case with a family prefix (`mpc-`, `nw-`, `res9-`, …). */
  id: string;
  /** Former ids that still work in configuration and suppression comments. */
  aliases?: string[];
  title: string;
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
  /**
   * Identifier tokens of which at least one must occur in a file's text (code, strings or comments) for this rule to
   * be able to report anything there. When every enabled rule has triggers, files that mention none are not even
   * parsed (the CLI's prefilter). A rule without triggers makes every file be parsed: always list them. Give one list
   * per language when a name is only a problem in some (`NWEndpoint` is deprecated in Objective-C, current in Swift).
   */
  triggers?: string[] | Partial<Record<LanguageId, string[]>>;
}

/**
 * How far an edit can reach into a rule's findings, which decides what the editor re-runs after a keystroke
 * (see engine/lint-memo.ts). Either way the CLI and the editor's idle check lint the whole file.
 * - `item`: findings inside a top-level item (a type, function, extension…) depend only on that item, so after an
 *   edit the rule runs on the edited items alone.
 * - `file` (default): the rule combines facts from several items; it re-runs on the whole file when the edited
 *   items mention one of its `triggers` or `dependsOn` tokens, and keeps its findings otherwise.
 */
export type RuleScope = 'item' | 'file';

export interface RuleDefinition extends RuleMeta {
  languages: LanguageId[];
  scope?: RuleScope;
  /**
   * Tokens that do not make the rule run but change what it reports elsewhere in the file (a framer type that
   * makes stream sends fine, the `start` that a connection created in another type receives). A `file`-scoped
   * rule re-runs when an edit touches one of them.
   */
  dependsOn?: string[];
  create(context: RuleContext): RuleVisitors;
  examples: Partial<Record<LanguageId, LanguageExamples>>;
}

/** The trigger tokens of a rule for one language (undefined: the rule declares none). */
export function triggersOf(rule: RuleMeta, language: LanguageId): string[] | undefined {
  const triggers = rule.triggers;
  if (!triggers || Array.isArray(triggers)) return triggers;
  return triggers[language] ?? [];
}

/** Identity function that gives rule files type checking and one recognisable shape. */
export function defineRule(rule: RuleDefinition): RuleDefinition {
  return rule;
}

/** Fills `{{name}}` placeholders; unknown names stay visible so a typo shows up in tests. */
export function renderMessage(template: string, data: Record<string, string> = {}): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in data ? data[name] : whole));
}
