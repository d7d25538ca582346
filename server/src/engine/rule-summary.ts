// The public description of a rule (for `netadvisor rules`, SARIF and the client's rule list).
import type { ProjectFileRuleDefinition } from '../rules/project-file-rule';
import type { RuleDefinition } from '../rules/rule';

export interface RuleSummary {
  id: string;
  title: string;
  languages: string[];
  defaultSeverity: string;
  confidence: string;
  article: string;
  deprecated: boolean;
  deprecatedSince?: string;
  aliases: string[];
}

/** What a rule analyses: its languages, or for project-file rules the kinds of files (`info-plist`, `entitlements`). */
export function ruleTargets(rule: RuleDefinition | ProjectFileRuleDefinition): string[] {
  return 'files' in rule ? [...rule.files] : [...rule.languages];
}

export function describeRules(rules: readonly (RuleDefinition | ProjectFileRuleDefinition)[]): RuleSummary[] {
  return rules.map((rule) => ({
    id: rule.id,
    title: rule.title,
    languages: ruleTargets(rule),
    defaultSeverity: rule.defaultSeverity,
    confidence: rule.confidence,
    article: rule.article,
    deprecated: rule.deprecated !== undefined,
    ...(rule.deprecated ? { deprecatedSince: rule.deprecated.since } : {}),
    aliases: [...(rule.aliases ?? [])],
  }));
}
