// Network framework data, Bonjour and protocol-choice rules (nw-).
import type { RuleDefinition } from '../rule';

export const nwDataRules: RuleDefinition[] = [];
