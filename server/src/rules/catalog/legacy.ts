// Legacy networking API and Network Extension rules (legacy-, ne-).
import type { RuleDefinition } from '../rule';

export const legacyRules: RuleDefinition[] = [];
