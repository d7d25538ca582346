// Network framework connection lifecycle rules (nw-).
import type { RuleDefinition } from '../rule';

export const nwLifecycleRules: RuleDefinition[] = [];
