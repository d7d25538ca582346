// Platform-specific and opt-in rules (watchos-, pushkit-, mpc-, res9-, threadnetwork-).
import type { RuleDefinition } from '../rule';

export const platformRules: RuleDefinition[] = [];
