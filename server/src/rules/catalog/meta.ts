// Findings about NetAdvisor's own suppression comments (netadvisor-).
import netadvisorInvalidSuppression from '../netadvisor-invalid-suppression';
import netadvisorSuppressionReasonMissing from '../netadvisor-suppression-reason-missing';
import netadvisorUnusedSuppression from '../netadvisor-unused-suppression';
import type { RuleDefinition } from '../rule';

export const metaRules: RuleDefinition[] = [netadvisorUnusedSuppression, netadvisorInvalidSuppression, netadvisorSuppressionReasonMissing];
