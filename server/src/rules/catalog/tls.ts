// TLS and trust rules (tls-, websocket-).
import type { RuleDefinition } from '../rule';

export const tlsRules: RuleDefinition[] = [];
