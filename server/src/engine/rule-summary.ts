// The public description of a rule (for `netadvisor rules`, SARIF and the client's rule list).
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

export function describeRules(rules: readonly RuleDefinition[]): RuleSummary[] {
  return rules.map((rule) => ({
    id: rule.id,
    title: rule.title,
    languages: [...rule.languages],
    defaultSeverity: rule.defaultSeverity,
    confidence: rule.confidence,
    article: rule.article,
    deprecated: rule.deprecated !== undefined,
    ...(rule.deprecated ? { deprecatedSince: rule.deprecated.since } : {}),
    aliases: [...(rule.aliases ?? [])],
  }));
}
