// Resolves a rule's effective severity from its default and the user's overrides (by id or alias).
import type { DefaultSeverity, RuleMeta } from '../rules/rule';

/** Per-rule overrides as users write them; `information` is accepted as a synonym of `info`. */
export type SeverityOverrides = Readonly<Record<string, string>>;

const VALID: Record<string, DefaultSeverity> = {
  off: 'off', hint: 'hint', info: 'info', information: 'info', warning: 'warning', warn: 'warning', error: 'error',
};

/** Parses a user-written severity; undefined when it is not one we know. */
export function parseSeverity(value: unknown): DefaultSeverity | undefined {
  return typeof value === 'string' ? VALID[value.toLowerCase()] : undefined;
}

export function effectiveSeverity(rule: RuleMeta, overrides: SeverityOverrides | undefined): DefaultSeverity {
  if (overrides) {
    for (const id of [rule.id, ...(rule.aliases ?? [])]) {
      const parsed = parseSeverity(overrides[id]);
      if (parsed) return parsed;
    }
  }
  return rule.defaultSeverity;
}
