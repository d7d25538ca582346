// Network interface, sockaddr, path and background-session rules (iface-, c-, wifi-, bg-).
import type { RuleDefinition } from '../rule';

export const interfaceRules: RuleDefinition[] = [];
