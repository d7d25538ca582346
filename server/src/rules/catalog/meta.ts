// Findings about NetAdvisor's own suppression comments (netadvisor-).
import netadvisorInvalidSuppression from '../netadvisor-invalid-suppression';
import netadvisorUnusedSuppression from '../netadvisor-unused-suppression';
import type { RuleDefinition } from '../rule';

export const metaRules: RuleDefinition[] = [netadvisorUnusedSuppression, netadvisorInvalidSuppression];
