// The engine's entry point: runs every enabled rule over one parsed document in a single walk, then applies suppressions.
import type { Node } from 'web-tree-sitter';
import { Grammars } from '../parse/grammars';
import type { LanguageId } from '../parse/languages';
import { grammarsFor, parseText, type ParsedTree } from '../parse/parse';
import { RuleRegistry, defaultRegistry } from '../rules/index';
import { renderMessage, type ProjectFacts, type ReportDescriptor, type RuleContext, type RuleDefinition, type Severity } from '../rules/rule';
import { compareFindings, type Finding, type LintResult, type RuleFailure } from './finding';
import { LineIndex } from './line-index';
import { INVALID_SUPPRESSION, REASON_MISSING, UNUSED_SUPPRESSION } from './meta-rules';
import { effectiveSeverity, type SeverityOverrides } from './severity';
import { applySuppressions, COMMENT_NODE_TYPES, parseDirective, type Directive } from './suppressions';
import { walkTree, type EnterOrExit, type WalkVisitors } from './walk';

export interface LintOptions {
  /** The file's project facts (Info.plist, entitlements); cross-file rules stay silent without them. */
  project?: ProjectFacts;
  /** Severity per rule id or alias (`off` disables a rule; opt-in rules are enabled here). */
  severities?: SeverityOverrides;
  /** Report directives that suppress nothing (default true). */
  reportUnusedSuppressions?: boolean;
}

interface ActiveRule {
  rule: RuleDefinition;
  severity: Severity;
  failed: boolean;
}

const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/g;

/** The identifier-shaped tokens of a text (code, strings and comments alike). */
export function identifierTokens(text: string): Set<string> {
  const tokens = new Set<string>();
  IDENTIFIER.lastIndex = 0;
  for (let match = IDENTIFIER.exec(text); match; match = IDENTIFIER.exec(text)) tokens.add(match[0]);
  return tokens;
}

/** True when one of a rule's triggers is among `tokens` (a trigger ending in `*` is a prefix). */
function triggered(triggers: readonly string[], tokens: ReadonlySet<string>): boolean {
  for (const trigger of triggers) {
    if (!trigger.endsWith('*')) {
      if (tokens.has(trigger)) return true;
      continue;
    }
    const prefix = trigger.slice(0, -1);
    for (const token of tokens) if (token.startsWith(prefix)) return true;
  }
  return false;
}

/**
 * True when an identifier-shaped token of `text` is one of `triggers` (a trigger ending in `*` matches tokens
 * starting with the rest, e.g. `Apple80211*`).
 */
export function mentionsAnyToken(text: string, triggers: ReadonlySet<string>): boolean {
  if (triggers.size === 0) return false;
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const t of triggers) {
    if (t.endsWith('*')) prefixes.push(t.slice(0, -1));
    else exact.add(t);
  }
  IDENTIFIER.lastIndex = 0;
  for (let match = IDENTIFIER.exec(text); match; match = IDENTIFIER.exec(text)) {
    const token = match[0];
    if (exact.has(token)) return true;
    for (const prefix of prefixes) if (token.startsWith(prefix)) return true;
  }
  return false;
}

export class Linter {
  constructor(readonly grammars: Grammars = new Grammars(), readonly registry: RuleRegistry = defaultRegistry) {}

  /** Loads the grammars a language needs; analysis of that language is synchronous afterwards. */
  async prepare(language: LanguageId): Promise<void> {
    await Promise.all(grammarsFor(language).map((g) => this.grammars.load(g)));
  }

  isReady(language: LanguageId): boolean {
    return grammarsFor(language).every((g) => this.grammars.get(g) !== undefined);
  }

  /** Parses and lints a text in one go (the tree is freed afterwards); skips parsing when no rule can match. */
  lintText(text: string, language: LanguageId, options: LintOptions = {}): LintResult {
    if (!this.mayMatch(text, language, options)) return { findings: [], failures: [] };
    const parsed = parseText(this.grammars, language, text);
    try {
      return this.lint(parsed, text, language, options);
    } finally {
      parsed.tree.delete();
    }
  }

  /**
   * The cheap text prefilter: false when every enabled rule declares triggers and the text contains none of
   * them, so the file cannot produce a finding and need not be parsed.
   */
  mayMatch(text: string, language: LanguageId, options: LintOptions = {}): boolean {
    const triggers = new Set<string>();
    for (const rule of this.registry.rules) {
      if (!rule.languages.includes(language) || effectiveSeverity(rule, options.severities) === 'off') continue;
      if (!rule.triggers) return true;
      for (const t of rule.triggers) triggers.add(t);
    }
    return mentionsAnyToken(text, triggers);
  }

  /** Lints an already parsed document. Never throws because of a rule: failures are returned. */
  lint(parsed: ParsedTree, text: string, language: LanguageId, options: LintOptions = {}): LintResult {
    const lines = new LineIndex(text);
    const findings: Finding[] = [];
    const failures: RuleFailure[] = [];
    const directives: Directive[] = [];
    const visitors: WalkVisitors = { enter: new Map(), exit: new Map() };
    const finishers: { active: ActiveRule; finish: () => void }[] = [];
    const add = (map: Map<string, EnterOrExit[]>, type: string, fn: EnterOrExit) => {
      const list = map.get(type);
      if (list) list.push(fn);
      else map.set(type, [fn]);
    };

    const fail = (active: ActiveRule, err: unknown) => {
      active.failed = true;
      failures.push({ ruleId: active.rule.id, message: err instanceof Error ? err.stack ?? err.message : String(err) });
    };

    // A rule whose trigger tokens do not occur in the file cannot report there: it is not even created.
    const tokens = identifierTokens(text);
    for (const rule of this.registry.rules) {
      if (!rule.languages.includes(language)) continue;
      const severity = effectiveSeverity(rule, options.severities);
      if (severity === 'off') continue;
      if (rule.triggers && !triggered(rule.triggers, tokens)) continue;
      const active: ActiveRule = { rule, severity, failed: false };
      const context: RuleContext = {
        language,
        grammar: parsed.grammar,
        text,
        project: options.project,
        report: (descriptor) => { if (!active.failed) findings.push(this.toFinding(active, descriptor, lines, text)); },
      };
      let handlers;
      try {
        handlers = rule.create(context);
      } catch (err) {
        fail(active, err);
        continue;
      }
      for (const [key, fn] of Object.entries(handlers)) {
        if (!fn) continue;
        if (key === 'file:exit') {
          finishers.push({ active, finish: fn as () => void });
          continue;
        }
        const isExit = key.endsWith(':exit');
        const type = isExit ? key.slice(0, -5) : key;
        // One broken rule must never take the others down: each call is guarded.
        add(isExit ? visitors.exit : visitors.enter, type, (node: Node) => {
          if (active.failed) return;
          try {
            (fn as (n: Node) => void)(node);
          } catch (err) {
            fail(active, err);
          }
        });
      }
    }
    // Suppression directives can only exist when the word appears somewhere in the file.
    if (tokens.has('netadvisor')) for (const type of COMMENT_NODE_TYPES) {
      add(visitors.enter, type, (node) => {
        const directive = parseDirective(node, lines);
        if (directive) directives.push(directive);
      });
    }

    walkTree(parsed.tree, visitors);
    for (const { active, finish } of finishers) {
      if (active.failed) continue;
      try { finish(); } catch (err) { fail(active, err); }
    }

    const failedIds = new Set(failures.map((f) => f.ruleId));
    const ruleFindings = findings.filter((f) => !failedIds.has(f.ruleId));
    const kept = applySuppressions(ruleFindings, directives, (id) => this.registry.get(id)?.id);
    kept.push(...this.directiveFindings(directives, lines, text, language, options));
    kept.sort(compareFindings);
    return { findings: kept, failures };
  }

  private toFinding(active: ActiveRule, descriptor: ReportDescriptor, lines: LineIndex, text: string): Finding {
    const { rule } = active;
    const startIndex = descriptor.range?.startIndex ?? descriptor.node?.startIndex ?? 0;
    let endIndex = descriptor.range?.endIndex ?? descriptor.node?.endIndex ?? startIndex;
    // Some nodes (preprocessor lines) own their line break; a squiggle never extends over trailing space.
    while (endIndex > startIndex && /\s/.test(text[endIndex - 1])) endIndex--;
    const messageId = descriptor.messageId ?? Object.keys(rule.messages)[0];
    const template = rule.messages[messageId];
    if (template === undefined) throw new Error(`rule ${rule.id} has no message "${messageId}"`);
    return {
      ruleId: rule.id,
      severity: active.severity,
      message: renderMessage(template, descriptor.data),
      range: { start: lines.positionAt(startIndex), end: lines.positionAt(endIndex) },
      startIndex,
      endIndex,
      article: rule.article,
      deprecated: rule.deprecated !== undefined,
      ...(descriptor.suggestions?.length ? { suggestions: descriptor.suggestions } : {}),
      ...(descriptor.related?.length ? { related: descriptor.related } : {}),
    };
  }

  /** Findings about the directives themselves: unknown rule ids and directives that suppressed nothing. */
  private directiveFindings(directives: Directive[], lines: LineIndex, text: string, language: LanguageId, options: LintOptions): Finding[] {
    const out: Finding[] = [];
    const meta = (ruleId: string, directive: Directive, data: Record<string, string>, messageId?: string) => {
      const rule = this.registry.get(ruleId);
      if (!rule) return;
      const severity = effectiveSeverity(rule, options.severities);
      if (severity === 'off') return;
      out.push(this.toFinding({ rule, severity, failed: false },
        { range: { startIndex: directive.startIndex, endIndex: directive.endIndex }, data, messageId }, lines, text));
    };
    for (const directive of directives) {
      if (!directive.reason) meta(REASON_MISSING, directive, {});
      const unknown = directive.ruleIds.filter((id) => !this.registry.get(id));
      for (const id of unknown) meta(INVALID_SUPPRESSION, directive, { id });
      if (options.reportUnusedSuppressions === false) continue;
      const unused = directive.ruleIds.filter((id) => {
        const rule = this.registry.get(id);
        // A directive for a rule that cannot run on this language or is switched off is not "unused".
        if (!rule || !rule.languages.includes(language) || effectiveSeverity(rule, options.severities) === 'off') return false;
        return !directive.used.has(id);
      });
      if (directive.ruleIds.length === 0 && directive.used.size === 0) meta(UNUSED_SUPPRESSION, directive, { ids: 'any rule' });
      else if (unused.length > 0) meta(UNUSED_SUPPRESSION, directive, { ids: unused.join(', ') });
    }
    return out;
  }
}
