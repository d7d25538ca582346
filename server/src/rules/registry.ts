// Looks rules up by id or alias and checks the catalogue's invariants (unique ids, known messages).
import type { RuleDefinition } from './rule';

export class RuleRegistry {
  private readonly byId = new Map<string, RuleDefinition>();

  constructor(readonly rules: readonly RuleDefinition[]) {
    for (const rule of rules) {
      for (const id of [rule.id, ...(rule.aliases ?? [])]) {
        if (this.byId.has(id)) throw new Error(`duplicate rule id or alias: ${id}`);
        this.byId.set(id, rule);
      }
    }
  }

  /** The rule with this id or alias. */
  get(idOrAlias: string): RuleDefinition | undefined {
    return this.byId.get(idOrAlias);
  }

  /** Every id and alias, for configuration validation and completion. */
  knownIds(): string[] {
    return [...this.byId.keys()];
  }
}
