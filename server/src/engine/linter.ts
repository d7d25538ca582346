// The engine's entry point: runs every enabled rule over one parsed document in a single walk, then applies suppressions.
import type { Node } from 'web-tree-sitter';
import { Grammars } from '../parse/grammars';
import type { LanguageId } from '../parse/languages';
import { grammarsFor, parseText, type ParsedTree } from '../parse/parse';
import { RuleRegistry, defaultRegistry } from '../rules/index';
import { renderMessage, triggersOf, type ProjectFacts, type ReportDescriptor, type RuleContext, type RuleDefinition, type Severity } from '../rules/rule';
import { compareFindings, type Finding, type LintResult, type RuleFailure } from './finding';
import { LineIndex } from './line-index';
import { INVALID_SUPPRESSION, REASON_MISSING, UNUSED_SUPPRESSION } from './meta-rules';
import { effectiveSeverity, type SeverityOverrides } from './severity';
import { applySuppressions, COMMENT_NODE_TYPES, parseDirective, type Directive } from './suppressions';
import { itemOf } from './edit-span';
import { shiftFinding, touchesSpan, type LintMemo, type MemoKey, type ReusePlan } from './lint-memo';
import { mentionsTrigger, TokenCounts, TriggerMatcher } from './token-counts';
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

const emptyVisitors = (): WalkVisitors => ({ enter: new Map(), exit: new Map() });

/** Registers a visitor under `type` or `type:exit`. */
function addVisitor(visitors: WalkVisitors, key: string, fn: EnterOrExit): void {
  const isExit = key.endsWith(':exit');
  const map = isExit ? visitors.exit : visitors.enter;
  const type = isExit ? key.slice(0, -5) : key;
  const list = map.get(type);
  if (list) list.push(fn);
  else map.set(type, [fn]);
}

/**
 * What an edit asks of a rule that ran last time: `reuse` its findings (the edit is in items that do not mention
 * its tokens), re-run it on the edited `items` only (item-scoped rules), or on the whole `file`.
 */
function rerunMode(rule: RuleDefinition, triggers: string[] | undefined, plan: ReusePlan): 'reuse' | 'items' | 'file' {
  const previous = plan.previous.get(rule.id);
  // A rule without triggers may depend on any token: only a whole-file run is safe.
  if (!previous || !triggers || plan.bindingEdited) return 'file';
  // Top-level code that mentions the rule can tie items together (a connection created at the top, started in a
  // function): then the rule is not item-local in this file.
  if (rule.scope === 'item') return mentionsTrigger(triggers, plan.sharedTokens) ? 'file' : 'items';
  const touched = previous.some((f) => touchesSpan(f, plan.span));
  if (touched || mentionsTrigger(triggers, plan.spanTokens) || mentionsTrigger(rule.dependsOn ?? [], plan.spanTokens)) return 'file';
  return 'reuse';
}

export class Linter {
  private readonly prefilters = new Map<string, TriggerMatcher | 'all'>();

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
    const matcher = this.prefilterFor(language, options.severities);
    return matcher === 'all' || matcher.matches(text);
  }

  /** The prefilter for a language and rule set, built once ('all': some enabled rule has no triggers). */
  private prefilterFor(language: LanguageId, severities: SeverityOverrides | undefined): TriggerMatcher | 'all' {
    const key = `${language}\0${JSON.stringify(severities ?? {})}`;
    let matcher = this.prefilters.get(key);
    if (matcher) return matcher;
    const triggers = new Set<string>();
    for (const rule of this.registry.rules) {
      if (!rule.languages.includes(language) || effectiveSeverity(rule, severities) === 'off') continue;
      const own = triggersOf(rule, language);
      if (!own) {
        matcher = 'all';
        break;
      }
      for (const t of own) triggers.add(t);
    }
    matcher ??= new TriggerMatcher(triggers);
    // Configurations are few (one per .netadvisor.json); the bound only guards against unbounded growth.
    if (this.prefilters.size > 64) this.prefilters.clear();
    this.prefilters.set(key, matcher);
    return matcher;
  }

  /**
   * Lints an already parsed document. Never throws because of a rule: failures are returned. With a `memo` (the
   * editor keeps one per open document) the rules an edit cannot have affected keep their last findings.
   */
  lint(parsed: ParsedTree, text: string, language: LanguageId, options: LintOptions = {}, memo?: LintMemo): LintResult {
    const lines = new LineIndex(text);
    const failures: RuleFailure[] = [];
    const directives: Directive[] = [];
    const fileVisitors = emptyVisitors();
    const itemVisitors = emptyVisitors();
    const finishers: { active: ActiveRule; finish: () => void }[] = [];
    const byRule = new Map<string, Finding[]>();
    const key: MemoKey = { language, grammar: parsed.grammar, severities: options.severities, reportUnusedSuppressions: options.reportUnusedSuppressions, project: options.project };
    const itemNodes = memo ? parsed.tree.rootNode.namedChildren.filter((n): n is Node => n !== null) : [];
    const items = itemNodes.map(itemOf);
    const plan = memo?.plan(text, items, key);
    const tokens = plan?.tokens ?? TokenCounts.of(text);

    const fail = (active: ActiveRule, err: unknown) => {
      active.failed = true;
      failures.push({ ruleId: active.rule.id, message: err instanceof Error ? err.stack ?? err.message : String(err) });
    };

    for (const rule of this.registry.rules) {
      if (!rule.languages.includes(language)) continue;
      const severity = effectiveSeverity(rule, options.severities);
      if (severity === 'off') continue;
      // A rule whose trigger tokens do not occur in the file cannot report there: it is not even created.
      const triggers = triggersOf(rule, language);
      if (triggers && !mentionsTrigger(triggers, tokens)) continue;
      const mode = plan ? rerunMode(rule, triggers, plan) : 'file';
      const findings: Finding[] = [];
      byRule.set(rule.id, findings);
      if (plan && mode !== 'file') {
        // Findings outside the edited items stay, moved by the length change; `item` rules redo the edited items.
        for (const finding of plan.previous.get(rule.id)!) {
          if (!touchesSpan(finding, plan.span)) findings.push(shiftFinding(finding, plan.span, lines));
        }
        if (mode === 'reuse') continue;
      }
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
      const visitors = mode === 'items' ? itemVisitors : fileVisitors;
      for (const [type, fn] of Object.entries(handlers)) {
        if (!fn) continue;
        if (type === 'file:exit') {
          finishers.push({ active, finish: fn as () => void });
          continue;
        }
        // One broken rule must never take the others down: each call is guarded.
        addVisitor(visitors, type, (node: Node) => {
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
      addVisitor(fileVisitors, type, (node) => {
        const directive = parseDirective(node, lines);
        if (directive) directives.push(directive);
      });
    }

    walkTree(parsed.tree.rootNode, fileVisitors);
    if (plan) {
      const { newStart, newEnd } = plan.span;
      for (const node of itemNodes) if (node.startIndex >= newStart && node.endIndex <= newEnd) walkTree(node, itemVisitors);
    }
    for (const { active, finish } of finishers) {
      if (active.failed) continue;
      try { finish(); } catch (err) { fail(active, err); }
    }

    for (const failure of failures) byRule.delete(failure.ruleId);
    // A rule that failed has no memo entry, so it runs in full next time.
    memo?.save(text, items, key, tokens, byRule);
    const ruleFindings = [...byRule.values()].flat();
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
