// Project files family: Info.plist and .entitlements. Source-code rules that read the target's project facts
// (they stay silent when the facts are unknown), and rules over the plist files themselves.
import atsArbitraryLoads from '../ats-arbitrary-loads';
import entitlementMulticastMissing from '../entitlement-multicast-missing';
import entitlementNeInvalidKey from '../entitlement-ne-invalid-key';
import entitlementNeSystemextensionVariant from '../entitlement-ne-systemextension-variant';
import plistBonjourServicesMissing from '../plist-bonjour-services-missing';
import plistLocalNetworkUsageMissing from '../plist-local-network-usage-missing';
import type { ProjectFileRuleDefinition } from '../project-file-rule';
import type { RuleDefinition } from '../rule';

/** Source-code rules that need ProjectFacts (registered with the other source-code rules). */
export const projectFactsRules: readonly RuleDefinition[] = [
  plistLocalNetworkUsageMissing,
  plistBonjourServicesMissing,
  entitlementMulticastMissing,
];

/** Rules over Info.plist and .entitlements files. */
export const projectFileRules: readonly ProjectFileRuleDefinition[] = [
  entitlementNeInvalidKey,
  entitlementNeSystemextensionVariant,
  atsArbitraryLoads,
];
