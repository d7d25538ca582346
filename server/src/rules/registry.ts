// Looks rules up by id or alias and checks the catalogue's invariants (unique ids, known messages).
// Two kinds of rules share the id space: source-code rules and project-file rules (Info.plist, .entitlements).
import type { ProjectFileRuleDefinition } from './project-file-rule';
import type { RuleDefinition, RuleMeta } from './rule';

export class RuleRegistry {
  private readonly byId = new Map<string, RuleDefinition>();
  private readonly projectFileById = new Map<string, ProjectFileRuleDefinition>();

  constructor(readonly rules: readonly RuleDefinition[], readonly projectFileRules: readonly ProjectFileRuleDefinition[] = []) {
    const taken = new Set<string>();
    const claim = (id: string) => {
      if (taken.has(id)) throw new Error(`duplicate rule id or alias: ${id}`);
      taken.add(id);
    };
    for (const rule of rules) {
      for (const id of [rule.id, ...(rule.aliases ?? [])]) {
        claim(id);
        this.byId.set(id, rule);
      }
    }
    for (const rule of projectFileRules) {
      for (const id of [rule.id, ...(rule.aliases ?? [])]) {
        claim(id);
        this.projectFileById.set(id, rule);
      }
    }
  }

  /** The source-code rule with this id or alias. */
  get(idOrAlias: string): RuleDefinition | undefined {
    return this.byId.get(idOrAlias);
  }

  /** The project-file rule with this id or alias. */
  getProjectFileRule(idOrAlias: string): ProjectFileRuleDefinition | undefined {
    return this.projectFileById.get(idOrAlias);
  }

  /** A rule of either kind (for listing, explaining and validating ids). */
  meta(idOrAlias: string): RuleMeta | undefined {
    return this.byId.get(idOrAlias) ?? this.projectFileById.get(idOrAlias);
  }

  /** Every rule of both kinds, source-code rules first. */
  all(): RuleMeta[] {
    return [...this.rules, ...this.projectFileRules];
  }

  /** Every id and alias of both kinds, for configuration validation and completion. */
  knownIds(): string[] {
    return [...this.byId.keys(), ...this.projectFileById.keys()];
  }
}
